# lmerTest's Satterthwaite df for lme() models that lme4 can fit too (no variance function, no
# correlation structure): the same model as lmer(), written here by hand so the oracle does not depend
# on Quadrat's translation; lme() is fitted too, to record that both reach the same estimates.
# Writes test/reference/fixtures/nlme_satterthwaite/<case>.json. Run from the repo root:
#   Rscript test/reference/nlmeSatterthwaite.R
#
# JSON: { case, data, factors, spec: {fixed, random, method}, nlmeCall, lmerFormula, REML, generatedBy,
#         nlmeEstimates: [...], coefficients: [{term, estimate, stdError, df, tValue, pValue}] }
#         (coefficients: coef(summary(lmerTest fit)))

source("test/reference/common.R")
suppressPackageStartupMessages(library(nlme))

OUT_DIR <- "test/reference/fixtures/nlme_satterthwaite"
ovary_fixed <- "follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time)"

cases <- list(
  oats_intercept_only = list(data = "Oats.csv", factors = c("Block", "Variety"), fixed = "yield ~ 1",
    random = "~ 1 | Block/Variety", method = "REML", lmer = "yield ~ 1 + (1 | Block/Variety)"),
  oats_nested = list(data = "Oats.csv", factors = c("Block", "Variety"), fixed = "yield ~ nitro",
    random = "~ 1 | Block/Variety", method = "REML", lmer = "yield ~ nitro + (1 | Block/Variety)"),
  oats_nested_ml = list(data = "Oats.csv", factors = c("Block", "Variety"), fixed = "yield ~ nitro + Variety",
    random = "~ 1 | Block/Variety", method = "ML", lmer = "yield ~ nitro + Variety + (1 | Block/Variety)"),
  orthodont_lme_pddiag = list(data = "Orthodont.csv", factors = c("Subject", "Sex"), fixed = "distance ~ age + Sex",
    random = "list(Subject = pdDiag(~ age))", method = "REML", lmer = "distance ~ age + Sex + (age || Subject)"),
  orthodont_lme_slope_ml = list(data = "Orthodont.csv", factors = c("Subject", "Sex"), fixed = "distance ~ age * Sex",
    random = "~ age | Subject", method = "ML", lmer = "distance ~ age * Sex + (age | Subject)"),
  ovary_lme_plain = list(data = "Ovary.csv", factors = "Mare", fixed = ovary_fixed,
    random = "~ 1 | Mare", method = "REML", lmer = paste(ovary_fixed, "+ (1 | Mare)"))
)

for (name in names(cases)) {
  cs <- cases[[name]]
  d <- load_case_data(cs)
  reml <- cs$method == "REML"
  nlme_call <- sprintf('lme(fixed = %s, data = d, random = %s, method = "%s")', cs$fixed, cs$random, cs$method)
  m_nlme <- eval(parse(text = nlme_call))
  fit <- lmerTest::lmer(as.formula(cs$lmer), data = d, REML = reml, control = lmerControl(optimizer = "bobyqa"))
  tt <- coef(summary(fit))
  rows <- lapply(seq_len(nrow(tt)), function(i) list(
    term = rownames(tt)[i], estimate = tt[i, "Estimate"], stdError = tt[i, "Std. Error"],
    df = num_or_null(tt[i, "df"]), tValue = tt[i, "t value"], pValue = tt[i, "Pr(>|t|)"]))
  write_fixture(list(case = name, data = cs$data, factors = arr(cs$factors),
                     spec = list(fixed = cs$fixed, random = cs$random, method = cs$method),
                     nlmeCall = nlme_call, lmerFormula = cs$lmer, REML = reml, generatedBy = generated_by(),
                     nlmeEstimates = arr(fixef(m_nlme)), coefficients = rows),
                file.path(OUT_DIR, paste0(name, ".json")))
}
