# Fixed effects of a model with scale(x), read back on x's own scale (src-engine/inference/originalScale.ts):
# the oracle is lmer fitted with x itself — the same model reparametrised, so its estimates and SEs are
# what the transformation must give.
# Run from the repository root: Rscript test/reference/originalScale.R
source("test/reference/common.R")

cases <- list(
  # Reaction has missing values: scale() sees every row, the fit only the complete ones
  list(case = "sleepstudy_na", data = "sleepstudy_na.csv", factors = list("Subject"),
       scaled = "Reaction ~ scale(Days) + (1 | Subject)", raw = "Reaction ~ Days + (1 | Subject)"),
  list(case = "orthodont", data = "Orthodont.csv", factors = list("Subject", "Sex"),
       scaled = "distance ~ scale(age) + Sex + (1 | Subject)", raw = "distance ~ age + Sex + (1 | Subject)")
)

for (case in cases) {
  d <- load_case_data(case)
  raw <- lmer(as.formula(case$raw), data = d)
  s <- coef(summary(raw))
  write_fixture(list(
    case = case$case, data = case$data, factors = case$factors, scaled = case$scaled, raw = case$raw,
    generatedBy = generated_by(),
    rows = lapply(seq_len(nrow(s)), function(i) list(term = rownames(s)[i], estimate = s[i, "Estimate"], stdError = s[i, "Std. Error"]))
  ), sprintf("test/reference/fixtures/originalScale/%s.json", case$case))
}
