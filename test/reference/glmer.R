# GLMM reference fixtures: every case fitted by lme4::glmer and, where it fits the same model,
# glmmTMB (which evaluates the Laplace approximation exactly, as Quadrat does; docs/glmm.md).
# Run from the repo root:
#   Rscript test/reference/glmer.R            # all cases (~2 min)
#   Rscript test/reference/glmer.R cbpp_agq10  # only the named cases
# Writes test/reference/fixtures/glmer/<case>.json:
# { case, data, factors, formula, family, link, nAGQ, weights, subset, description, generatedBy,
#   timingMs (median of `runs` glmer fits),
#   expected: { nobs, groups, fixed: [{term, estimate, stdError, statistic, pValue}],
#     random: [{group, term, variance, sd}], correlations: [{group, term1, term2, corr}],
#     theta, beta, betaNames, logLik, aic, bic, deviance (deviance(m)), minus2logLik, dfResid, npar,
#     devfun: lme4's objective at its optimum (m@devcomp$cmp["dev"]),
#     singular, converged, lme4Messages,
#     ranef: {group: {levels, terms, values[level][term], condSd[level][term]}},
#     fittedHead (μ), linkHead (η), fittedSum, devResidHead, devResidSS, pearsonHead, pearsonSS,
#     pearsonChi2, overdispersionRatio, overdispersionP (Pearson χ² on df.residual),
#     vcov (row-major),
#     tmb: null | { minus2logLik, beta, sd: [per term], se, converged } } }

source("test/reference/common.R")
suppressPackageStartupMessages(library(glmmTMB))
OUT_DIR <- "test/reference/fixtures/glmer"

read_raw <- function(file) read.csv(file.path(DATA_DIR, file), stringsAsFactors = FALSE)
locus_rows <- function(locus) {
  d <- read_raw("oyster_methylation.csv")
  list(description = paste0("the rows of locus ", locus), rows = which(d$locus == locus))
}

gcase <- function(case, data, factors, formula, family = "binomial", link = NULL, nAGQ = 1, weights = NULL,
                  subset = NULL, description = "", tmb = TRUE, runs = 5) {
  list(case = case, data = data, factors = factors, formula = formula, family = family, link = link,
       nAGQ = nAGQ, weights = weights, subset = subset, description = description, tmb = tmb, runs = runs)
}

CB <- "cbind(incidence, size - incidence) ~ period + (1 | herd)"
GT <- c("INDEX", "BROOD", "YEAR", "LOCATION")
OY <- "cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)"
OYF <- c("tank", "treatment", "population")
cases <- list(
  gcase("cbpp_laplace", "cbpp.csv", c("herd", "period"), CB, description = "cbind(successes, total - successes), Laplace"),
  gcase("cbpp_agq10", "cbpp.csv", c("herd", "period"), CB, nAGQ = 10, tmb = FALSE, description = "adaptive Gauss-Hermite, 10 nodes"),
  gcase("cbpp_agq25", "cbpp.csv", c("herd", "period"), CB, nAGQ = 25, tmb = FALSE, description = "adaptive Gauss-Hermite, 25 nodes"),
  gcase("cbpp_nagq0", "cbpp.csv", c("herd", "period"), CB, nAGQ = 0, tmb = FALSE, description = "nAGQ = 0: beta inside PIRLS"),
  gcase("cbpp_probit", "cbpp.csv", c("herd", "period"), CB, link = "probit", description = "probit link"),
  gcase("cbpp_cloglog", "cbpp.csv", c("herd", "period"), CB, link = "cloglog", description = "cloglog link"),
  gcase("cbpp_prop_weights", "cbpp.csv", c("herd", "period"), "incidence/size ~ period + (1 | herd)", weights = "size",
        tmb = FALSE, description = "a proportion with weights = trials"),
  gcase("cbpp_offset_poisson", "cbpp.csv", c("herd", "period"), "incidence ~ period + offset(log(size)) + (1 | herd)",
        family = "poisson", description = "Poisson rate with offset(log(size))"),
  gcase("grouseticks", "grouseticks.csv", GT, "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
        family = "poisson", description = "Poisson, three scalar random effects with an observation-level one (INDEX)"),
  gcase("grouseticks_nested", "grouseticks.csv", GT, "TICKS ~ YEAR + cHEIGHT + (1 | LOCATION/BROOD)",
        family = "poisson", description = "Poisson, broods nested in locations"),
  gcase("grouseticks_unscaled", "grouseticks.csv", GT, "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
        family = "poisson", tmb = FALSE, runs = 1, description = "unscaled HEIGHT: lme4 warns (gradient, very large eigenvalue, eigenvalue ratio)"),
  gcase("salamanders", "Salamanders.csv", c("site", "spp", "mined"), "count ~ spp + mined + (1 | site)",
        family = "poisson", description = "Poisson counts of salamanders by species and mining"),
  gcase("salamanders_sqrt", "Salamanders.csv", c("site", "spp", "mined"), "count ~ spp + mined + (1 | site)",
        family = "poisson", link = "sqrt", tmb = FALSE, description = "Poisson with the sqrt link"),
  gcase("verbagg", "VerbAgg.csv", c("id", "item", "Gender", "btype", "situ", "r2"),
        "r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)", runs = 1,
        description = "Bernoulli from a two-level factor (N/Y), crossed random effects, 7,584 rows"),
  gcase("verbagg_slope", "VerbAgg.csv", c("id", "item", "Gender", "btype", "situ"),
        "r2num ~ Anger + btype + (1 | id) + (1 + Anger | item)", runs = 1,
        description = "0/1 numeric response with a correlated random slope"),
  gcase("oyster_locus_ok", "oyster_methylation.csv", OYF, OY, subset = locus_rows("L0001"),
        description = "one CpG locus without a 0%/100% cell"),
  gcase("oyster_locus_separated", "oyster_methylation.csv", OYF, OY, subset = locus_rows("L0006"), tmb = FALSE,
        description = "locus L0006: every read of exposed x Wild is unmethylated (complete separation)"),
  gcase("oyster_locus_singular", "oyster_methylation.csv", OYF, OY, subset = locus_rows("L0003"),
        description = "locus L0003: the tank variance is estimated as zero (singular fit)")
)

fit_glmer <- function(cs, d) {
  fam <- if (is.null(cs$link)) get(cs$family)() else get(cs$family)(link = cs$link)
  args <- list(formula = as.formula(cs$formula), data = d, family = fam, nAGQ = cs$nAGQ)
  if (!is.null(cs$weights)) args$weights <- d[[cs$weights]]
  times <- numeric(cs$runs)
  first <- NULL
  for (i in seq_len(cs$runs)) {
    times[i] <- system.time(res <- capture(do.call(lme4::glmer, args)))[["elapsed"]] * 1000
    if (i == 1) first <- res
  }
  list(model = first$value, messages = first$messages, times = times, family = fam)
}

ranef_list <- function(m) {
  rr <- as.data.frame(lme4::ranef(m, condVar = TRUE))
  out <- list()
  for (g in unique(as.character(rr$grpvar))) {
    s <- rr[rr$grpvar == g, ]
    levels <- unique(as.character(s$grp))
    terms <- unique(as.character(s$term))
    val <- lapply(levels, function(l) arr(sapply(terms, function(t) s$condval[s$grp == l & s$term == t])))
    sds <- lapply(levels, function(l) arr(sapply(terms, function(t) s$condsd[s$grp == l & s$term == t])))
    out[[g]] <- list(levels = arr(levels), terms = arr(terms), values = val, condSd = sds)
  }
  out
}

run_case <- function(cs) {
  d <- load_case_data(list(data = cs$data, factors = cs$factors, subset = cs$subset))
  g <- fit_glmer(cs, d)
  m <- g$model
  cf <- summary(m)$coefficients
  vc <- as.data.frame(lme4::VarCorr(m))
  pr <- residuals(m, type = "pearson")
  dr <- residuals(m, type = "deviance")
  chi2 <- sum(pr^2)
  conv <- m@optinfo$conv$lme4$messages
  tmb <- NULL
  if (isTRUE(cs$tmb)) {
    targs <- list(formula = as.formula(cs$formula), data = d, family = g$family)
    if (!is.null(cs$weights)) targs$weights <- d[[cs$weights]]
    t <- tryCatch(do.call(glmmTMB::glmmTMB, targs), error = function(e) NULL)
    if (!is.null(t)) {
      tmb <- list(minus2logLik = -2 * as.numeric(logLik(t)), beta = arr(glmmTMB::fixef(t)$cond),
                  se = arr(sqrt(diag(vcov(t)$cond))),
                  sd = arr(unlist(lapply(glmmTMB::VarCorr(t)$cond, function(v) attr(v, "stddev")))),
                  converged = isTRUE(t$sdr$pdHess))
    }
  }
  cmp <- m@devcomp$cmp
  list(
    case = cs$case, data = cs$data, factors = arr(cs$factors), formula = cs$formula, family = cs$family,
    link = if (is.null(cs$link)) g$family$link else cs$link, nAGQ = cs$nAGQ, weights = cs$weights,
    subset = if (is.null(cs$subset)) NULL else list(description = cs$subset$description, rows = arr(cs$subset$rows)),
    description = cs$description,
    generatedBy = c(generated_by(), list(glmmTMB = as.character(packageVersion("glmmTMB")))),
    timingMs = median(g$times),
    expected = list(
      nobs = nobs(m), groups = as.list(lme4::ngrps(m)),
      fixed = lapply(seq_len(nrow(cf)), function(i) list(term = rownames(cf)[i], estimate = unname(cf[i, 1]),
        stdError = unname(cf[i, 2]), statistic = unname(cf[i, 3]), pValue = unname(cf[i, 4]))),
      random = lapply(which(is.na(vc$var2)), function(i) list(group = vc$grp[i], term = if (is.na(vc$var1[i])) NULL else vc$var1[i],
        variance = vc$vcov[i], sd = vc$sdcor[i])),
      correlations = lapply(which(!is.na(vc$var2)), function(i) list(group = vc$grp[i], term1 = vc$var1[i], term2 = vc$var2[i], corr = vc$sdcor[i])),
      theta = arr(lme4::getME(m, "theta")), beta = arr(lme4::fixef(m)), betaNames = arr(names(lme4::fixef(m))),
      logLik = as.numeric(logLik(m)), aic = AIC(m), bic = BIC(m), deviance = deviance(m),
      minus2logLik = -2 * as.numeric(logLik(m)), dfResid = df.residual(m), npar = attr(logLik(m), "df"),
      devfun = num_or_null(cmp[["dev"]]),
      singular = lme4::isSingular(m), converged = length(conv) == 0 || all(grepl("boundary \\(singular\\)", conv)),
      lme4Messages = arr(g$messages),
      ranef = ranef_list(m),
      fittedHead = arr(head(fitted(m), 10)), linkHead = arr(head(predict(m, type = "link"), 10)), fittedSum = sum(fitted(m)),
      devResidHead = arr(head(dr, 10)), devResidSS = sum(dr^2), pearsonHead = arr(head(pr, 10)), pearsonSS = chi2,
      pearsonChi2 = chi2, overdispersionRatio = chi2 / df.residual(m),
      overdispersionP = pchisq(chi2, df.residual(m), lower.tail = FALSE),
      vcov = arr(t(as.matrix(vcov(m)))),
      tmb = tmb
    )
  )
}

# glmerDispersion.R sources this file for its helpers only.
if (!exists("GLMER_HELPERS_ONLY")) {
only <- commandArgs(trailingOnly = TRUE)
for (cs in cases) {
  if (length(only) && !(cs$case %in% only)) next
  write_fixture(run_case(cs), file.path(OUT_DIR, paste0(cs$case, ".json")))
}
}
