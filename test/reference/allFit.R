# lme4's allFit on fits that warn and fits that do not, with the convergence verdict read from its
# summary the way Quadrat's advisor reads its own runs (src-engine/advisor/convergenceVerdict.ts):
#  failed: a run reaches a log-likelihood more than LOGLIK_TOL above the fit's;
#  over-parameterised: the runs at the best log-likelihood disagree (relative > ESTIMATE_TOL) on an
#    SD/correlation or fixed effect; benign otherwise.
# Run from the repository root: Rscript test/reference/allFit.R
source("test/reference/common.R")
`%||%` <- function(a, b) if (is.null(a)) b else a

LOGLIK_TOL <- 1e-3
# runs of looser tolerance (nmkbw) differ at the 3rd significant digit on well-determined fits
ESTIMATE_TOL <- 1e-2

cases <- list(
  list(case = "sleepstudy_slope", data = "sleepstudy.csv", factors = list("Subject"),
       formula = "Reaction ~ Days + (Days | Subject)", REML = FALSE),
  # warns: "Model is nearly unidentifiable: very large eigenvalue - Rescale variables?"
  list(case = "sleepstudy_rescale", data = "sleepstudy.csv", factors = list("Subject"),
       formula = "Reaction ~ I(Days * 1000) + (I(Days * 1000) | Subject)", REML = FALSE),
  list(case = "orthodont_slope", data = "Orthodont.csv", factors = list("Subject", "Sex"),
       formula = "distance ~ age + (age | Subject)", REML = FALSE),
  list(case = "pastes_crossed", data = "Pastes.csv", factors = list("batch", "cask", "sample"),
       formula = "strength ~ 1 + (1 | batch) + (1 | cask)", REML = FALSE),
  list(case = "oats_overfit", data = "Oats.csv", factors = list("Block", "Variety"),
       formula = "yield ~ nitro + (Variety + 0 + nitro | Block)", REML = FALSE),
  # GLMMs: allFit refits glmer with each optimizer (both stages)
  list(case = "cbpp_glmer", data = "cbpp.csv", factors = list("herd", "period"), family = "binomial",
       formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)", REML = FALSE),
  # unscaled HEIGHT (hundreds of metres): glmer warns "Model is nearly unidentifiable: very large eigenvalue"
  list(case = "grouseticks_height", data = "grouseticks.csv", factors = list("YEAR", "BROOD", "LOCATION"), family = "poisson",
       formula = "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)", REML = FALSE)
)
only <- commandArgs(trailingOnly = TRUE)
if (length(only)) cases <- Filter(function(x) x$case %in% only, cases)

verdict_of <- function(fit_ll, llik, sdcor, fixef) {
  best <- max(llik, fit_ll)
  if (best - fit_ll > LOGLIK_TOL) return("failed")
  ok <- best - llik <= LOGLIK_TOL
  rel <- function(m) {
    m <- m[ok, , drop = FALSE]
    apply(m, 2, function(v) (max(v) - min(v)) / max(abs(v), 1e-4))
  }
  if (any(rel(sdcor) > ESTIMATE_TOL) || any(rel(fixef) > ESTIMATE_TOL)) "over-parameterised" else "benign"
}

for (case in cases) {
  d <- load_case_data(case)
  fit <- capture(if (is.null(case$family)) lmer(as.formula(case$formula), data = d, REML = case$REML)
                 else glmer(as.formula(case$formula), data = d, family = case$family))
  m <- fit$value
  all <- capture(allFit(m, verbose = FALSE))
  s <- summary(all$value)
  ok <- names(s$llik)
  runs <- lapply(ok, function(o) list(
    optimizer = o,
    logLik = unname(s$llik[[o]]),
    sdcor = setNames(as.list(s$sdcor[o, ]), colnames(s$sdcor)),
    fixef = setNames(as.list(s$fixef[o, ]), colnames(s$fixef))
  ))
  write_fixture(list(
    case = case$case, data = case$data, factors = case$factors, formula = case$formula, REML = case$REML,
    family = case$family %||% "gaussian", subset = NULL, generatedBy = generated_by(),
    messages = arr(fit$messages),
    singular = isSingular(m),
    logLik = as.numeric(logLik(m)),
    runs = runs,
    verdict = verdict_of(as.numeric(logLik(m)), s$llik, s$sdcor, s$fixef)
  ), sprintf("test/reference/fixtures/allFit/%s.json", case$case))
}
