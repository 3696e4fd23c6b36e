# Cross-check: evaluation counts of Powell's BOBYQA in R (minqa, Powell's Fortran) and NLopt's
# LN_BOBYQA (via nloptr, as lme4's default nloptwrap uses it) on the problems of problems.R and on
# lme4 profiled deviances. Writes rCounts.json beside this script; crosscheck.test.ts reads it.
#   Rscript test/engine/optim/crosscheck/bobyqaCounts.R        (from the repository root, ~5 s)
suppressMessages({ library(minqa); library(nloptr); library(lme4); library(jsonlite) })
here <- "test/engine/optim/crosscheck"
source(file.path(here, "problems.R"))

counted <- function(f) { n <- 0; list(f = function(x) { n <<- n + 1; f(x) }, n = function() n) }
rhoend <- 1e-8
out <- list(settings = list(rhoend = rhoend, ftolAbs = 0,
  nlopt = "xtol_rel = 0, xtol_abs = rhoend, ftol_abs = 0, NLopt's default initial step",
  minqa = "rhobeg as listed, rhoend = rhoend, npt = 2n+1"),
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."), minqa = as.character(packageVersion("minqa")),
                  nloptr = as.character(packageVersion("nloptr")), lme4 = as.character(packageVersion("lme4"))),
  problems = list(), lmm = list())
for (nm in names(problems)) {
  p <- problems[[nm]]
  m <- minqa::bobyqa(p$x0, p$f, lower = p$lower, upper = p$upper,
                     control = list(rhobeg = p$rhobeg, rhoend = rhoend, npt = 2 * length(p$x0) + 1, maxfun = 1e5))
  cf <- counted(p$f)
  r <- nloptr(p$x0, cf$f, lb = p$lower, ub = p$upper,
              opts = list(algorithm = "NLOPT_LN_BOBYQA", xtol_rel = 0, xtol_abs = rhoend, ftol_abs = 0, maxeval = 1e5))
  out$problems[[nm]] <- list(
    minqa = list(evaluations = m$feval, f = m$fval, x = m$par),
    nlopt = list(evaluations = r$iterations, f = r$objective, x = r$solution))
}

# lme4's own path: lmer() with the default optimizer (nloptwrap) and with optimizer = "bobyqa" (minqa).
lmm <- list(
  dyestuff_reml = list(formula = Yield ~ 1 + (1 | Batch), data = Dyestuff, REML = TRUE),
  dyestuff_ml = list(formula = Yield ~ 1 + (1 | Batch), data = Dyestuff, REML = FALSE),
  sleepstudy_reml = list(formula = Reaction ~ Days + (Days | Subject), data = sleepstudy, REML = TRUE),
  sleepstudy_ml = list(formula = Reaction ~ Days + (Days | Subject), data = sleepstudy, REML = FALSE))
crit <- function(m) if (isREML(m)) REMLcrit(m) else deviance(m)
for (nm in names(lmm)) {
  c <- lmm[[nm]]
  a <- lmer(c$formula, c$data, REML = c$REML)
  b <- lmer(c$formula, c$data, REML = c$REML, control = lmerControl(optimizer = "bobyqa"))
  out$lmm[[nm]] <- list(
    nloptwrap = list(evaluations = a@optinfo$feval, f = crit(a), theta = unname(getME(a, "theta"))),
    minqa = list(evaluations = b@optinfo$feval, f = crit(b), theta = unname(getME(b, "theta"))))
}
write_json(out, file.path(here, "rCounts.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
