# lme4's rePCA on singular and non-singular fits, and the simpler alternatives Quadrat's singular-fit
# advisor fits (src-engine/advisor/singularSensitivity.ts), with lmerTest's fixed-effects tables.
# Run from the repository root: Rscript test/reference/rePCA.R
source("test/reference/common.R")

cases <- list(
  list(case = "oats_overfit", data = "Oats.csv", factors = list("Block", "Variety"),
       formula = "yield ~ nitro + (Variety + 0 + nitro | Block)", REML = TRUE,
       alternatives = list("yield ~ nitro + (Variety + 0 + nitro || Block)", "yield ~ nitro + (1 | Block)")),
  list(case = "sleepstudy_slope", data = "sleepstudy.csv", factors = list("Subject"),
       formula = "Reaction ~ Days + (Days | Subject)", REML = TRUE, alternatives = list())
)

fixed_table <- function(m) {
  s <- coef(summary(m))
  lapply(seq_len(nrow(s)), function(i) list(term = rownames(s)[i], estimate = s[i, "Estimate"],
    stdError = s[i, "Std. Error"], pValue = s[i, "Pr(>|t|)"]))
}

for (case in cases) {
  d <- load_case_data(case)
  m <- capture(lmer(as.formula(case$formula), data = d, REML = case$REML))$value
  pca <- rePCA(m)
  alts <- lapply(case$alternatives, function(f) {
    a <- capture(lmer(as.formula(f), data = d, REML = case$REML))
    list(formula = f, singular = isSingular(a$value), logLik = as.numeric(logLik(a$value)), fixed = fixed_table(a$value))
  })
  write_fixture(list(
    case = case$case, data = case$data, factors = case$factors, formula = case$formula, REML = case$REML,
    subset = NULL, generatedBy = generated_by(),
    singular = isSingular(m),
    pca = lapply(names(pca), function(g) list(group = g, sdev = arr(pca[[g]]$sdev),
      proportion = arr(summary(pca[[g]])$importance["Proportion of Variance", ]))),
    fixed = fixed_table(m),
    alternatives = alts
  ), sprintf("test/reference/fixtures/rePCA/%s.json", case$case))
}
