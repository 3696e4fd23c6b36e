# glmmTMB reference fixtures for the count and proportion families of issue 13 (negative binomial,
# zero-inflation, hurdles, truncated counts, beta, betabinomial, tweedie, genpois, Gamma, dispformula), and
# gaussian with a dispformula (heterogeneous residual variance; plain gaussian is lmer's).
# glmmTMB 1.1.5 has no lognormal family (it came in 1.1.6), so there is no lognormal case.
# Run from the repo root:
#   Rscript test/reference/glmmTMB.R                 # all cases
#   Rscript test/reference/glmmTMB.R sal_nbinom2     # only the named cases
# Writes test/reference/fixtures/glmmTMB/<case>.json:
# { case, data, factors, formula, ziformula, dispformula, family, link, subset, derive, description,
#   generatedBy, timingMs (median of `runs` warm fits),
#   expected: { nobs, groups, logLik, aic, bic, dfResid, npar,
#     objective (glmmTMB's objective at its optimum: m$fit$objective = -logLik of the Laplace approx.),
#     par: glmmTMB's full outer parameter vector m$fit$par with parNames,
#     fixed: { cond | zi | disp: [{term, estimate, stdError, statistic, pValue}] } (summary tables),
#     random: { cond | zi: [{group, term, variance, sd}] }, correlations,
#     sigma (sigma(m), the dispersion parameter summary prints), dispersionLine (the printed line),
#     familyParams (tweedie power etc., or null), summaryText (print(summary(m)) lines),
#     pdHess, converged, messages (warnings glmmTMB emitted),
#     vcov: { cond | zi | disp: row-major }, fittedHead (response scale), predictCondHead, predictZiHead } }

source("test/reference/common.R")
suppressPackageStartupMessages(library(glmmTMB))
OUT_DIR <- "test/reference/fixtures/glmmTMB"

tcase <- function(case, data, factors, formula, family, ziformula = "~0", dispformula = "~1", link = NULL,
                  subset = NULL, derive = NULL, description = "", runs = 3) {
  list(case = case, data = data, factors = factors, formula = formula, family = family, link = link,
       ziformula = ziformula, dispformula = dispformula, subset = subset, derive = derive,
       description = description, runs = runs)
}

SAL <- c("site", "spp", "mined")
SALF <- "count ~ spp * mined + (1 | site)"
SALA <- "count ~ spp + mined + (1 | site)"
GT <- c("INDEX", "BROOD", "YEAR", "LOCATION")
GTF <- "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)"
CBF <- c("herd", "period")
sal_positive <- function() {
  d <- read.csv(file.path(DATA_DIR, "Salamanders.csv"), stringsAsFactors = FALSE)
  list(description = "the rows with count > 0", rows = which(d$count > 0))
}
# beta regression needs a proportion strictly inside (0, 1): the cbpp incidence, shrunk away from 0
# as (incidence + 0.5) / (size + 1) (the column is computed here and by the test from the same CSV)
BETA_DERIVE <- list(column = "prop", expression = "(incidence + 0.5) / (size + 1)")

cases <- list(
  tcase("sal_poisson", "Salamanders.csv", SAL, SALF, "poisson", description = "Poisson, species x mining, site intercepts"),
  tcase("sal_nbinom2", "Salamanders.csv", SAL, SALF, "nbinom2", description = "negative binomial, quadratic variance"),
  tcase("sal_nbinom1", "Salamanders.csv", SAL, SALF, "nbinom1", description = "negative binomial, linear variance"),
  tcase("sal_zip", "Salamanders.csv", SAL, SALF, "poisson", ziformula = "~1", description = "zero-inflated Poisson, constant zero-inflation"),
  tcase("sal_zinb", "Salamanders.csv", SAL, SALF, "nbinom2", ziformula = "~spp", description = "zero-inflated NB2, zi ~ spp"),
  tcase("sal_hurdle_nb2", "Salamanders.csv", SAL, SALF, "truncated_nbinom2", ziformula = "~spp",
        description = "hurdle: truncated NB2 for the counts, zi ~ spp for the zeros"),
  tcase("sal_hurdle_poisson", "Salamanders.csv", SAL, SALA, "truncated_poisson", ziformula = "~mined",
        description = "hurdle Poisson, zi ~ mined"),
  tcase("sal_disp", "Salamanders.csv", SAL, SALA, "nbinom2", dispformula = "~mined",
        description = "NB2 with the dispersion modelled by mining (dispformula)"),
  tcase("sal_truncated_poisson", "Salamanders.csv", SAL, SALA, "truncated_poisson", subset = sal_positive(),
        description = "zero-truncated Poisson on the positive counts"),
  tcase("sal_tweedie", "Salamanders.csv", SAL, SALA, "tweedie", description = "Tweedie with estimated power"),
  tcase("sal_genpois", "Salamanders.csv", SAL, SALA, "genpois", description = "generalized Poisson"),
  tcase("grouse_nbinom1", "grouseticks.csv", GT, GTF, "nbinom1", description = "ticks, NB1, brood and location intercepts"),
  tcase("grouse_nbinom2", "grouseticks.csv", GT, GTF, "nbinom2", description = "ticks, NB2, brood and location intercepts"),
  tcase("cbpp_nb_offset", "cbpp.csv", CBF, "incidence ~ period + offset(log(size)) + (1 | herd)", "nbinom2",
        description = "NB2 rate with offset(log(size))"),
  tcase("cbpp_betabinomial", "cbpp.csv", CBF, "cbind(incidence, size - incidence) ~ period + (1 | herd)", "betabinomial",
        description = "beta-binomial, cbind(successes, failures)"),
  tcase("cbpp_beta", "cbpp.csv", CBF, "prop ~ period + (1 | herd)", "beta_family", derive = BETA_DERIVE,
        description = "beta regression on (incidence + 0.5) / (size + 1)"),
  tcase("sal_zigenpois", "Salamanders.csv", SAL, SALA, "genpois", ziformula = "~mined",
        description = "zero-inflated generalized Poisson, zi ~ mined"),
  tcase("sal_zitweedie", "Salamanders.csv", SAL, SALA, "tweedie", ziformula = "~1",
        description = "Tweedie with constant zero-inflation"),
  tcase("cbpp_zibetabinomial", "cbpp.csv", CBF, "cbind(incidence, size - incidence) ~ period + (1 | herd)", "betabinomial",
        ziformula = "~1", description = "zero-inflated beta-binomial, constant zero-inflation"),
  tcase("sleep_gamma", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (1 | Subject)", "Gamma", link = "log",
        description = "Gamma with a log link: reaction times, subject intercepts"),
  tcase("sal_warn_hessian", "Salamanders.csv", SAL, "count ~ spp + mined + (mined | site)", "nbinom2",
        description = "a random slope of the site-level factor mined within site: non-positive-definite Hessian warning"),
  tcase("sal_slope_doy", "Salamanders.csv", SAL, "count ~ mined + DOY + (1 | site) + (DOY | spp)", "nbinom2",
        description = "NB2, correlated random intercept and slope of day of year per species, crossed with site intercepts"),
  tcase("sal_slope_mined", "Salamanders.csv", SAL, "count ~ mined + (1 | site) + (mined | spp)", "nbinom2",
        description = "NB2, correlated random intercept and mining effect per species, crossed with site intercepts"),
  tcase("sal_diag_mined", "Salamanders.csv", SAL, "count ~ mined + (1 | site) + (mined || spp)", "nbinom2",
        description = "NB2, uncorrelated (||, glmmTMB's diag) intercept and mining effect per species"),
  tcase("sal_zip_re", "Salamanders.csv", SAL, SALA, "poisson", ziformula = "~1 + (1 | site)",
        description = "zero-inflated Poisson with site intercepts in the zero-inflation model too"),
  tcase("sal_zinb_re", "Salamanders.csv", SAL, SALA, "nbinom2", ziformula = "~1 + (1 | site)",
        description = "zero-inflated NB2 with site intercepts in the zero-inflation model too"),
  tcase("sleep_gaussian_disp", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (1 | Subject)", "gaussian",
        dispformula = "~Days", description = "gaussian, residual log variance linear in Days (dispformula = ~Days)"),
  tcase("ortho_gaussian_sex", "Orthodont.csv", c("Subject", "Sex"), "distance ~ age + Sex + (1 | Subject)", "gaussian",
        dispformula = "~Sex", description = "gaussian, a residual variance per sex (varIdent-like dispformula = ~Sex)")
)

make_family <- function(cs) {
  f <- get(cs$family, envir = asNamespace("glmmTMB"), inherits = TRUE)
  if (is.null(cs$link)) f() else f(link = cs$link)
}

fit_tmb <- function(cs, d) {
  fam <- make_family(cs)
  args <- list(formula = as.formula(cs$formula), ziformula = as.formula(cs$ziformula),
               dispformula = as.formula(cs$dispformula), data = d, family = fam)
  times <- numeric(cs$runs)
  first <- NULL
  for (i in seq_len(cs$runs)) {
    times[i] <- system.time(res <- capture(do.call(glmmTMB::glmmTMB, args)))[["elapsed"]] * 1000
    if (i == 1) first <- res
  }
  list(model = first$value, messages = first$messages, times = times, family = fam)
}

coef_rows <- function(cf) {
  if (is.null(cf) || nrow(cf) == 0) return(list())
  lapply(seq_len(nrow(cf)), function(i) list(term = rownames(cf)[i], estimate = unname(cf[i, 1]),
    stdError = num_or_null(cf[i, 2]), statistic = num_or_null(cf[i, 3]), pValue = num_or_null(cf[i, 4])))
}

vc_rows <- function(vcl) {
  out <- list(); cors <- list()
  for (g in names(vcl)) {
    v <- vcl[[g]]; sds <- attr(v, "stddev")
    for (j in seq_along(sds)) out[[length(out) + 1]] <- list(group = g, term = names(sds)[j], variance = unname(sds[j]^2), sd = unname(sds[j]))
    cr <- attr(v, "correlation")
    if (length(sds) > 1) for (a in 1:(length(sds) - 1)) for (b in (a + 1):length(sds))
      cors[[length(cors) + 1]] <- list(group = g, term1 = names(sds)[a], term2 = names(sds)[b], corr = cr[a, b])
  }
  list(rows = out, cors = cors)
}

run_case <- function(cs) {
  d <- load_case_data(list(data = cs$data, factors = cs$factors, subset = cs$subset))
  if (!is.null(cs$derive)) d[[cs$derive$column]] <- with(d, eval(parse(text = cs$derive$expression)))
  g <- fit_tmb(cs, d)
  m <- g$model
  s <- summary(m)
  vc <- glmmTMB::VarCorr(m)
  vcond <- vc_rows(vc$cond); vzi <- vc_rows(vc$zi)
  txt <- capture.output(print(s))
  # do.call puts the whole data frame into the printed call: keep "Data: d" instead of its dump
  i <- grep("^Data:", txt)
  if (length(i)) {
    j <- which(txt == "" & seq_along(txt) > i[1])[1]
    txt <- c(txt[seq_len(i[1] - 1)], "Data: d", txt[j:length(txt)])
  }
  disp_line <- grep("^Dispersion parameter|^Overdispersion parameter|Dispersion estimate", txt, value = TRUE)
  v <- vcov(m)
  vmat <- function(x) if (is.null(x) || length(x) == 0) NULL else arr(t(as.matrix(x)))
  fp <- tryCatch(glmmTMB::family_params(m), error = function(e) NULL)
  ll <- logLik(m)
  list(
    case = cs$case, data = cs$data, factors = arr(cs$factors), formula = cs$formula, ziformula = cs$ziformula,
    dispformula = cs$dispformula, family = cs$family, link = g$family$link,
    subset = if (is.null(cs$subset)) NULL else list(description = cs$subset$description, rows = arr(cs$subset$rows)),
    derive = cs$derive, description = cs$description,
    generatedBy = c(generated_by(), list(glmmTMB = as.character(packageVersion("glmmTMB")),
                                         TMB = as.character(packageVersion("TMB")))),
    timingMs = median(g$times[-1]),
    expected = list(
      nobs = nobs(m), groups = as.list(m$modelInfo$reTrms$cond$flist |> lapply(nlevels)),
      logLik = as.numeric(ll), aic = AIC(m), bic = BIC(m), dfResid = df.residual(m), npar = attr(ll, "df"),
      objective = m$fit$objective, par = arr(m$fit$par), parNames = arr(names(m$fit$par)),
      fixed = list(cond = coef_rows(s$coefficients$cond), zi = coef_rows(s$coefficients$zi),
                   disp = coef_rows(s$coefficients$disp)),
      random = list(cond = vcond$rows, zi = vzi$rows), correlations = c(vcond$cors, vzi$cors),
      sigma = sigma(m), dispersionLine = if (length(disp_line)) disp_line[1] else NULL,
      familyParams = if (length(fp)) as.list(fp) else NULL,
      summaryText = arr(txt),
      pdHess = isTRUE(m$sdr$pdHess), converged = m$fit$convergence == 0, messages = arr(g$messages),
      vcov = list(cond = vmat(v$cond), zi = vmat(v$zi), disp = vmat(v$disp)),
      fittedHead = arr(head(fitted(m), 10)),
      predictCondHead = arr(head(predict(m, type = "link"), 10)),
      predictZiHead = if (cs$ziformula == "~0") NULL else arr(head(predict(m, type = "zprob"), 10))
    )
  )
}

only <- commandArgs(trailingOnly = TRUE)
for (cs in cases) {
  if (length(only) && !(cs$case %in% only)) next
  res <- tryCatch(run_case(cs), error = function(e) { cat("FAILED", cs$case, conditionMessage(e), "\n"); NULL })
  if (!is.null(res)) write_fixture(res, file.path(OUT_DIR, paste0(cs$case, ".json")))
}
