# LMM reference fixtures: fits every case in cases.R with lme4 + lmerTest and writes
# test/reference/fixtures/lmm/<case>.json. Run from the repo root:
#   Rscript test/reference/lmm.R              # all cases (InstEval takes a few minutes)
#   Rscript test/reference/lmm.R penicillin   # only the named cases
#
# JSON shape (numbers at 15 significant digits; NA/NaN/Inf are null):
# { case, data, factors, formula, REML, subset (null or {description, rows: 1-based CSV rows kept}),
#   generatedBy: {R, lme4, lmerTest, pbkrtest, Matrix, jsonlite},
#   timingMs: median elapsed of `runs` timed lme4::lmer() fits, timingRunsMs: each run,
#   expected: {
#     nobs, groups: {name: nlevels} (ngrps(m), names as lme4 prints them, e.g. "cask:batch"),
#     fixed: [{term, estimate, stdError, statistic, df, pValue}]   lmerTest summary, Satterthwaite
#     fixedKR: [{term, estimate, stdError, statistic, df, pValue}] summary(m, ddf = "Kenward-Roger");
#              null for ML fits (lmerTest: KR is only for REML fits) and lite cases
#     random: [{group, term, variance, sd}]  as.data.frame(VarCorr(m)) rows with var2 = NA, in that
#             order; residual row group "Residual", term null. `||` terms appear as "Subject",
#             "Subject.1" (as lme4 prints them)
#     correlations: [{group, term1, term2, corr}]  the var2 != NA rows
#     sigma, logLik, aic, bic (as logLik()/AIC()/BIC(): REML-based for REML fits),
#     deviance: deviance(m, REML = FALSE), i.e. -2 log-likelihood (ML) evaluated at the estimates,
#     remlCriterion: REMLcrit(m) for REML fits, null for ML,
#     devianceAtREML: same as deviance for REML fits, null for ML,
#     dfResid, npar (df of logLik),
#     theta: getME(m, "theta"), thetaNames: its names, beta: fixef(m), betaNames,
#     singular: isSingular(m) (tol 1e-4),
#     converged: optimizer code 0, no optimizer warnings and no checkConv messages other than the
#                boundary (singular) one,
#     optinfo: {optimizer, feval, convCode, convMessages},
#     lme4Messages: warnings/messages emitted by lme4::lmer (rank deficiency, boundary, convergence),
#     lmerTestMessages: those emitted while lmerTest computed its Satterthwaite quantities,
#     droppedFixed: columns lme4 dropped for rank deficiency,
#     anova: {type1_satterthwaite, type2_satterthwaite, type3_satterthwaite, type1_kr, type2_kr, type3_kr}
#            each [{term, sumSq, meanSq, numDf, denDf, fValue, pValue}] ([] for intercept-only
#            models; null where lmerTest cannot compute it, with the reason in anovaErrors),
#     ranef: {group: {levels, terms, values[level][term], condSd[level][term]}}
#            from as.data.frame(ranef(m, condVar = TRUE)); levels as strings in lme4's order,
#     fittedHead, residualsHead: first 10 of fitted(m) / residuals(m) (rows used, in data order),
#     fittedSum, residualsSS: sum(fitted), sum(residuals^2),
#     rowsDropped: 1-based rows of the (subsetted) data dropped for missing values,
#     vcov: vcov(m) row-major (p*p), vcovTerms: its row/column names } }

source("test/reference/common.R")
source("test/reference/cases.R")
source("test/reference/derived_data.R")

OUT_DIR <- "test/reference/fixtures/lmm"

# Time `runs` plain lme4::lmer fits (what `npm run bench` compares against); keep the first fit.
time_and_fit <- function(case, d) {
  reml <- isTRUE(case$REML)
  f <- as.formula(case$formula, env = environment())
  times <- numeric(case$runs)
  first <- NULL
  for (i in seq_len(case$runs)) {
    invisible(gc(FALSE))
    w <- if (is.null(case$weights)) NULL else d[[case$weights]]
    times[i] <- system.time(res <- capture(lme4::lmer(f, data = d, REML = reml, weights = w)))[["elapsed"]] * 1000
    if (i == 1) first <- res
  }
  list(model = first$value, messages = first$messages, times = times)
}

fixed_rows <- function(cf) {
  lapply(rownames(cf), function(t) list(
    term = t,
    estimate = cf[t, "Estimate"],
    stdError = cf[t, "Std. Error"],
    statistic = cf[t, "t value"],
    df = if ("df" %in% colnames(cf)) num_or_null(cf[t, "df"]) else NULL,
    pValue = if ("Pr(>|t|)" %in% colnames(cf)) num_or_null(cf[t, "Pr(>|t|)"]) else NULL
  ))
}

varcorr_parts <- function(m) {
  vc <- as.data.frame(VarCorr(m))
  is_var <- is.na(vc$var2)
  random <- lapply(which(is_var), function(i) list(
    group = vc$grp[i], term = if (is.na(vc$var1[i])) NULL else vc$var1[i],
    variance = vc$vcov[i], sd = vc$sdcor[i]))
  correlations <- lapply(which(!is_var), function(i) list(
    group = vc$grp[i], term1 = vc$var1[i], term2 = vc$var2[i], corr = vc$sdcor[i]))
  list(random = random, correlations = correlations)
}

ranef_parts <- function(m) {
  rdf <- as.data.frame(ranef(m, condVar = TRUE))
  rdf$grp <- as.character(rdf$grp)
  rdf$term <- as.character(rdf$term)
  groups <- unique(as.character(rdf$grpvar))
  out <- lapply(groups, function(g) {
    sub <- rdf[rdf$grpvar == g, ]
    levels <- unique(sub$grp)
    terms <- unique(sub$term)
    pick <- function(col) lapply(levels, function(l) {
      arr(vapply(terms, function(t) sub[[col]][sub$grp == l & sub$term == t], numeric(1)))
    })
    list(levels = arr(levels), terms = arr(terms), values = pick("condval"), condSd = pick("condsd"))
  })
  names(out) <- groups
  out
}

anova_tables <- function(m, reml) {
  tables <- list()
  errors <- setNames(list(), character(0)) # serialises as {} when empty
  for (ddf in c("Satterthwaite", "Kenward-Roger")) {
    for (type in 1:3) {
      key <- paste0("type", type, if (ddf == "Satterthwaite") "_satterthwaite" else "_kr")
      if (ddf == "Kenward-Roger" && !reml) {
        tables[key] <- list(NULL)
        errors[[key]] <- "Kenward-Roger's method is only available for REML model fits"
        next
      }
      r <- capture_safely(anova(m, type = type, ddf = ddf))
      if (!is.null(r$error)) {
        tables[key] <- list(NULL)
        errors[[key]] <- r$error
      } else {
        tables[[key]] <- anova_rows(r$value)
      }
    }
  }
  list(tables = tables, errors = errors)
}

is_boundary_message <- function(x) grepl("boundary (singular) fit", x, fixed = TRUE)

build_expected <- function(case, d, fit) {
  m0 <- fit$model
  lt <- capture(lmerTest::as_lmerModLmerTest(m0))
  m <- lt$value
  reml <- isTRUE(case$REML)
  vc <- varcorr_parts(m)
  conv_msgs <- m@optinfo$conv$lme4$messages
  converged <- m@optinfo$conv$opt == 0 && length(m@optinfo$warnings) == 0 &&
    !any(!is_boundary_message(conv_msgs))
  theta <- getME(m, "theta")
  beta <- fixef(m)
  ll <- logLik(m)
  V <- as.matrix(vcov(m))
  fitted_v <- fitted(m)
  resid_v <- residuals(m)
  used <- as.integer(names(fitted_v))

  e <- list(
    nobs = nobs(m),
    groups = as.list(ngrps(m)),
    fixed = fixed_rows(coef(summary(m))),
    fixedKR = NULL,
    random = vc$random,
    correlations = vc$correlations,
    sigma = sigma(m),
    logLik = as.numeric(ll),
    aic = AIC(m),
    bic = BIC(m),
    deviance = deviance(m, REML = FALSE),
    remlCriterion = if (reml) REMLcrit(m) else NULL,
    devianceAtREML = if (reml) deviance(m, REML = FALSE) else NULL,
    dfResid = df.residual(m),
    npar = attr(ll, "df"),
    theta = arr(theta),
    thetaNames = arr(names(theta)),
    beta = arr(beta),
    betaNames = arr(names(beta)),
    singular = isSingular(m),
    converged = converged,
    optinfo = list(optimizer = m@optinfo$optimizer, feval = m@optinfo$feval,
                   convCode = m@optinfo$conv$opt, convMessages = arr(as.character(conv_msgs))),
    lme4Messages = arr(as.character(fit$messages)),
    lmerTestMessages = arr(as.character(lt$messages)),
    droppedFixed = arr(as.character(names(attr(getME(m, "X"), "col.dropped")))),
    anova = NULL,
    anovaErrors = NULL,
    ranef = NULL,
    fittedHead = arr(head(fitted_v, 10)),
    residualsHead = arr(head(resid_v, 10)),
    fittedSum = sum(fitted_v),
    residualsSS = sum(resid_v^2),
    rowsDropped = arr(as.integer(setdiff(seq_len(nrow(d)), used))),
    vcov = arr(as.vector(t(V))),
    vcovTerms = arr(colnames(V))
  )
  if (!isTRUE(case$lite)) {
    if (reml) {
      kr <- capture_safely(coef(summary(m, ddf = "Kenward-Roger")))
      if (is.null(kr$error)) e$fixedKR <- fixed_rows(kr$value)
    }
    an <- anova_tables(m, reml)
    e$anova <- an$tables
    e$anovaErrors <- an$errors
    e$ranef <- ranef_parts(m)
  }
  e
}

run_case <- function(case) {
  cat("fitting", case$case, "...\n")
  d <- load_case_data(case)
  fit <- time_and_fit(case, d)
  fixture <- list(
    case = case$case,
    data = case$data,
    factors = arr(case$factors),
    formula = case$formula,
    weights = case$weights,
    REML = isTRUE(case$REML),
    subset = if (is.null(case$subset)) NULL else list(
      description = case$subset$description, rows = arr(as.integer(case$subset$rows))),
    generatedBy = generated_by(),
    timingMs = round(stats::median(fit$times), 1),
    timingRunsMs = arr(round(fit$times, 1)),
    expected = build_expected(case, d, fit)
  )
  write_fixture(fixture, file.path(OUT_DIR, paste0(case$case, ".json")))
}

main <- function(args) {
  cases <- lmm_cases()
  names(cases) <- vapply(cases, `[[`, "", "case")
  wanted <- if (length(args)) args else names(cases)
  unknown <- setdiff(wanted, names(cases))
  if (length(unknown)) stop("unknown case(s): ", paste(unknown, collapse = ", "))
  for (n in wanted) run_case(cases[[n]])
}

main(commandArgs(trailingOnly = TRUE))
