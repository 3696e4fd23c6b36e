# Lognormal GLMM fixtures in the glmmTMB fixture format (test/reference/fixtures/glmmTMB/<case>.json,
# read by test/engine/tmb/glmmTMB.test.ts). glmmTMB 1.1.5 has no lognormal family (it came in 1.1.6),
# so the oracle is TMB itself with glmmTMB's lognormal density line (test/reference/tmb/lognormal_glmm.cpp):
# the same Laplace approximation, nlminb on TMB's exact gradient from glmmTMB's start (all zeros), and
# sdreport's standard errors, as glmmTMB's fitTMB runs them.
# Run from the repo root: Rscript test/reference/tmbLognormal.R   (compiles the template into tempdir())
source("test/reference/common.R")
suppressPackageStartupMessages({ library(TMB); library(Matrix); library(lme4) })
OUT_DIR <- "test/reference/fixtures/glmmTMB"

src <- file.path(tempdir(), "lognormal_glmm.cpp")
file.copy("test/reference/tmb/lognormal_glmm.cpp", src, overwrite = TRUE)
invisible(capture.output(TMB::compile(src, flags = "-O2 -w")))
dyn.load(TMB::dynlib(sub("\\.cpp$", "", src)))

fit_case <- function(case, data, factors, formula, description) {
  d <- load_case_data(list(data = data, factors = factors))
  f <- as.formula(formula)
  X <- model.matrix(lme4::nobars(f), d)
  rt <- lme4::mkReTrms(lme4::findbars(f), d)
  Z <- as(t(rt$Zt), "CsparseMatrix")
  nt <- length(rt$flist)
  termOf <- rep(seq_along(rt$cnms) - 1L, vapply(rt$Ztlist, nrow, 1L))
  y <- model.response(model.frame(lme4::subbars(f), d))
  obj <- TMB::MakeADFun(list(yobs = y, X = X, Z = Z, termOf = termOf),
                        list(beta = rep(0, ncol(X)), b = rep(0, ncol(Z)), betad = 0, theta = rep(0, length(rt$cnms))),
                        random = "b", DLL = "lognormal_glmm", silent = TRUE)
  opt <- nlminb(obj$par, obj$fn, obj$gr)
  sdr <- TMB::sdreport(obj, opt$par)
  V <- sdr$cov.fixed
  p <- ncol(X)
  se <- sqrt(diag(V))
  cond <- lapply(seq_len(p), function(j) list(term = colnames(X)[j], estimate = unname(opt$par[j]), stdError = unname(se[j]),
    statistic = unname(opt$par[j] / se[j]), pValue = 2 * pnorm(-abs(opt$par[j] / se[j]))))
  sds <- exp(opt$par[names(opt$par) == "theta"])
  ll <- -opt$objective
  k <- length(opt$par)
  sigma <- exp(opt$par[["betad"]])
  list(
    case = case, data = data, factors = arr(factors), formula = formula, ziformula = "~0", dispformula = "~1",
    family = "lognormal", link = "log", subset = NULL, derive = NULL, description = description,
    generatedBy = c(generated_by(), list(TMB = as.character(packageVersion("TMB")),
      oracle = "TMB with glmmTMB's lognormal density line (test/reference/tmb/lognormal_glmm.cpp); glmmTMB 1.1.5 has no lognormal family")),
    expected = list(
      nobs = length(y), groups = lapply(rt$flist, nlevels), logLik = ll, aic = 2 * opt$objective + 2 * k,
      bic = 2 * opt$objective + log(length(y)) * k, dfResid = length(y) - k, npar = k,
      objective = opt$objective, par = arr(opt$par), parNames = arr(names(opt$par)),
      fixed = list(cond = cond, zi = list(), disp = list()),
      random = list(cond = lapply(seq_along(sds), function(j) list(group = names(rt$flist)[j], term = "(Intercept)", variance = unname(sds[j]^2), sd = unname(sds[j]))), zi = list()),
      sigma = sigma,
      # glmmTMB's printDispersion for a family outside its classic dispersion families (gaussian, Gamma, t)
      dispersionLine = sprintf("Dispersion parameter for lognormal family (): %s", formatC(sigma, digits = 3)),
      familyParams = NULL, pdHess = isTRUE(sdr$pdHess), converged = opt$convergence == 0, messages = list(),
      vcov = list(cond = arr(t(V[seq_len(p), seq_len(p), drop = FALSE])))
    )
  )
}

write_fixture(fit_case("sleep_lognormal", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (1 | Subject)",
                       "lognormal (mean and SD on the data scale, glmmTMB >= 1.1.6): reaction times, subject intercepts"),
              file.path(OUT_DIR, "sleep_lognormal.json"))
