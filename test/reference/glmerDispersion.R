# GLMM reference fixtures for the families with a scale parameter (Gamma, inverse.gaussian, gaussian
# with a non-identity link), fitted by lme4::glmer and, for reference, glmmTMB. Run from the repo root:
#   Rscript test/reference/glmerDispersion.R              # all cases
#   Rscript test/reference/glmerDispersion.R oats_gamma_log # only the named cases
# Writes test/reference/fixtures/glmerDispersion/<case>.json with the fields of glmer.R's fixtures plus
#   expected.sigma (sigma(m) = sqrt((Pearson chi2 + |u|^2) / n), lme4's sigmaML for a GLMM),
#   expected.statisticName (lme4 1.1-31 heads the column "t value" for these families) and
#   expected.hasPValues (it still prints Pr(>|z|) beside it),
#   expected.responseResidHead, expected.devfunAtOptimum (lme4's own devfun at glmer's (theta, beta)),
#   tmb: glmmTMB's fit of the same model (it estimates the dispersion inside the Laplace approximation,
#   so its numbers differ from glmer's; they are kept for docs/glmm.md, not matched).

GLMER_HELPERS_ONLY <- TRUE
source("test/reference/glmer.R")
OUT_DIR <- "test/reference/fixtures/glmerDispersion"

SL <- "Reaction ~ Days + (1 | Subject)"
cases <- list(
  gcase("sleepstudy_gamma_log", "sleepstudy.csv", c("Subject"), SL, family = "Gamma", link = "log",
        description = "Gamma(log): reaction times of sleep-deprived subjects"),
  gcase("sleepstudy_gamma_inverse", "sleepstudy.csv", c("Subject"), SL, family = "Gamma", link = "inverse",
        description = "Gamma with its canonical inverse link"),
  gcase("sleepstudy_gamma_identity", "sleepstudy.csv", c("Subject"), SL, family = "Gamma", link = "identity",
        description = "Gamma(identity)"),
  gcase("orthodont_gamma_log", "Orthodont.csv", c("Subject", "Sex"), "distance ~ age + Sex + (1 | Subject)",
        family = "Gamma", link = "log", description = "Gamma(log) on orthodontic distances"),
  gcase("oats_gamma_log", "Oats.csv", c("Block", "Variety"), "yield ~ nitro + (1 | Block)",
        family = "Gamma", link = "log", description = "Gamma(log) on oat yields, six blocks"),
  gcase("sleepstudy_invgauss_log", "sleepstudy.csv", c("Subject"), SL, family = "inverse.gaussian", link = "log",
        description = "inverse.gaussian(log)"),
  gcase("orthodont_gaussian_log", "Orthodont.csv", c("Subject", "Sex"), "distance ~ age + Sex + (1 | Subject)",
        family = "gaussian", link = "log", description = "gaussian(log)")
)

run_dispersion_case <- function(cs) {
  fx <- run_case(cs)
  d <- load_case_data(list(data = cs$data, factors = cs$factors, subset = cs$subset))
  m <- fit_glmer(modifyList(cs, list(runs = 1)), d)$model
  cf <- summary(m)$coefficients
  fx$expected$sigma <- sigma(m)
  fx$expected$statisticName <- colnames(cf)[3]
  fx$expected$hasPValues <- ncol(cf) > 3
  fx$expected$responseResidHead <- arr(head(residuals(m, type = "response"), 10))
  # lme4's own Laplace deviance function, to compare optima by glmer's own objective
  dfun <- lme4::glmer(as.formula(cs$formula), data = d, family = get(cs$family)(link = cs$link), devFunOnly = TRUE)
  fx$expected$devfunAtOptimum <- dfun(c(lme4::getME(m, "theta"), lme4::fixef(m)))
  if (!is.null(fx$expected$tmb)) {
    targs <- list(formula = as.formula(cs$formula), data = d, family = get(cs$family)(link = cs$link))
    t <- tryCatch(do.call(glmmTMB::glmmTMB, targs), error = function(e) NULL)
    if (!is.null(t)) fx$expected$tmb$sigma <- glmmTMB::sigma(t)
  }
  fx
}

only <- commandArgs(trailingOnly = TRUE)
for (cs in cases) {
  if (length(only) && !(cs$case %in% only)) next
  write_fixture(run_dispersion_case(cs), file.path(OUT_DIR, paste0(cs$case, ".json")))
}
