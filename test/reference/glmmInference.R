# GLMM inference fixtures: car::Anova Wald χ² (types II and III), Wald confidence intervals,
# emmeans on the response scale (with and without bias.adjust) and its pairwise ratios, and
# likelihood-ratio tests of nested GLMMs. Run from the repo root:
#   Rscript test/reference/glmmInference.R
# Writes test/reference/fixtures/glmm_inference/<case>.json.
#
# Why glmmTMB for the Wald-based numbers: it evaluates the Laplace approximation exactly, as Quadrat
# does, and its vcov is the inverse Hessian of that objective; glmer's devfun evaluates log|L| at
# weights one PIRLS step stale (tolPwrss), which moves its Hessian-based SEs by ~1% (docs/glmm.md).
# The glmer versions of the same tables are written too (`glmer`) so the size of that gap is on record.
#
# JSON: { case, data, factors, formula, family, link, subset, generatedBy, expected: {
#   glmmTMB: { logLik, beta, vcov (row-major), anova2, anova3: [{term, chisq, df, pValue}],
#              confintWald: [{term, lower, upper}] (fixed effects, level 0.95),
#              emmeans: { spec, response: [{level, prob|rate, SE, asymp.LCL, asymp.UCL}],
#                         biasAdjusted: same with bias.adjust = TRUE and sigma = sqrt(total RE variance),
#                         pairs: [{contrast, ratio, SE, df, z, pValue}] (type = "response", Tukey); df = Inf as for glmer } },
#   glmer: { logLik, beta, se, anova2, anova3 },
#   lrt: null | { formulas: [m0, m1], rows: [{npar, AIC, BIC, logLik, deviance, Chisq, Df, p}] },
#   bootGlmer: null | { nsim, rows: [{term, lower, upper}] } (confint(glmer, method = "boot"), cbpp only),
#   profileGlmer, profileTMB: [{term, lower, upper}] (confint(method = "profile"); glmmTMB's SDs back on the SD scale) } }

source("test/reference/common.R")
suppressPackageStartupMessages({ library(glmmTMB); library(car); library(emmeans) })
OUT_DIR <- "test/reference/fixtures/glmm_inference"

anova_rows <- function(a) lapply(seq_len(nrow(a)), function(i) list(
  term = rownames(a)[i], chisq = unname(a[i, "Chisq"]), df = unname(a[i, "Df"]), pValue = unname(a[i, "Pr(>Chisq)"])))

emm_rows <- function(df, scaleName) lapply(seq_len(nrow(df)), function(i) {
  r <- df[i, ]
  lo <- intersect(c("asymp.LCL", "lower.CL"), names(df))[1]
  hi <- intersect(c("asymp.UCL", "upper.CL"), names(df))[1]
  list(level = as.character(r[[1]]), response = unname(r[[scaleName]]), SE = unname(r$SE), df = num_or_null(r$df),
       lower = unname(r[[lo]]), upper = unname(r[[hi]]))
})

case_list <- list(
  list(case = "cbpp", data = "cbpp.csv", factors = c("herd", "period"),
       formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)", family = "binomial", link = "logit",
       emm = "period", null = "cbind(incidence, size - incidence) ~ 1 + (1 | herd)"),
  list(case = "oyster_L0001", data = "oyster_methylation.csv", factors = c("tank", "treatment", "population"),
       formula = "cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)", family = "binomial", link = "logit",
       emm = "treatment", null = "cbind(methylated, unmethylated) ~ treatment + population + (1 | tank)", locus = "L0001"),
  list(case = "grouseticks", data = "grouseticks.csv", factors = c("INDEX", "BROOD", "YEAR", "LOCATION"),
       formula = "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)", family = "poisson", link = "log",
       emm = "YEAR", null = "TICKS ~ cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)")
)

for (cs in case_list) {
  d <- read.csv(file.path(DATA_DIR, cs$data), stringsAsFactors = FALSE)
  subset <- NULL
  if (!is.null(cs$locus)) {
    rows <- which(d$locus == cs$locus)
    subset <- list(description = paste("the rows of locus", cs$locus), rows = arr(rows))
    d <- d[rows, , drop = FALSE]
  }
  for (f in cs$factors) d[[f]] <- factor(d[[f]])
  fam <- get(cs$family)(link = cs$link)
  f1 <- as.formula(cs$formula)
  tmb <- glmmTMB(f1, data = d, family = fam)
  gm <- glmer(f1, data = d, family = fam)
  V <- as.matrix(vcov(tmb)$cond)
  ci <- confint(tmb, parm = "beta_", method = "Wald", level = 0.95)
  # df = Inf: the asymptotic z tests glmer's emmeans gives (glmmTMB would otherwise use its residual df)
  emm <- emmeans(tmb, as.formula(paste("~", cs$emm)), type = "response", df = Inf)
  sdTot <- sqrt(sum(sapply(VarCorr(tmb)$cond, function(v) v[1, 1])))
  emmB <- emmeans(tmb, as.formula(paste("~", cs$emm)), type = "response", bias.adjust = TRUE, sigma = sdTot, df = Inf)
  respName <- setdiff(names(as.data.frame(emm)), c(cs$emm, "SE", "df", "asymp.LCL", "asymp.UCL", "lower.CL", "upper.CL"))[1]
  pr <- as.data.frame(pairs(emm))
  ratioName <- intersect(c("odds.ratio", "ratio"), names(pr))[1]
  m0 <- glmer(as.formula(cs$null), data = d, family = fam)
  a <- anova(m0, gm)
  lrt <- list(formulas = c(cs$null, cs$formula), rows = lapply(1:2, function(i) list(
    npar = unname(a$npar[i]), AIC = unname(a$AIC[i]), BIC = unname(a$BIC[i]), logLik = unname(a$logLik[i]),
    deviance = unname(a$deviance[i]), Chisq = num_or_null(a$Chisq[i]), Df = num_or_null(a$Df[i]), p = num_or_null(a[["Pr(>Chisq)"]][i]))))
  # percentile bootstrap intervals (Monte Carlo: the engine test allows for it), cbpp only (slow)
  boot <- NULL
  if (cs$case == "cbpp") {
    set.seed(1)
    ciB <- suppressWarnings(confint(gm, method = "boot", nsim = 1000, boot.type = "perc", seed = 1))
    boot <- list(nsim = 1000, rows = lapply(seq_len(nrow(ciB)), function(i) list(term = rownames(ciB)[i], lower = unname(ciB[i, 1]), upper = unname(ciB[i, 2]))))
  }
  # profile intervals: lme4's (spline-interpolated profile of its devfun) and glmmTMB's (exact Laplace;
  # its SD rows are on the log scale, exponentiated here)
  # either may fail (e.g. a profile that runs into a boundary): then null, with the message
  pg <- tryCatch(suppressMessages(suppressWarnings(confint(gm, method = "profile"))), error = function(e) conditionMessage(e))
  pt <- tryCatch(suppressWarnings(confint(tmb, method = "profile")), error = function(e) conditionMessage(e))
  if (is.matrix(pt)) {
    isSd <- grepl("^theta_", rownames(pt))
    pt[isSd, ] <- exp(pt[isSd, ])
  }
  ci_rows <- function(ci) if (!is.matrix(ci)) list(error = ci) else
    lapply(seq_len(nrow(ci)), function(i) list(term = rownames(ci)[i], lower = num_or_null(ci[i, 1]), upper = num_or_null(ci[i, 2])))
  out <- list(
    case = cs$case, data = cs$data, factors = cs$factors, formula = cs$formula, family = cs$family, link = cs$link,
    subset = subset, emmSpec = cs$emm,
    generatedBy = c(generated_by(), list(glmmTMB = as.character(packageVersion("glmmTMB")), car = as.character(packageVersion("car")), emmeans = as.character(packageVersion("emmeans")))),
    expected = list(
      glmmTMB = list(
        logLik = as.numeric(logLik(tmb)), beta = arr(fixef(tmb)$cond), betaNames = arr(names(fixef(tmb)$cond)),
        vcov = arr(t(V)), anova2 = anova_rows(Anova(tmb, type = "II")), anova3 = anova_rows(Anova(tmb, type = "III")),
        confintWald = lapply(seq_len(nrow(ci)), function(i) list(term = sub("^cond\\.", "", rownames(ci)[i]), lower = unname(ci[i, 1]), upper = unname(ci[i, 2]))),
        emmeans = list(responseColumn = respName, sigma = sdTot,
                       response = emm_rows(as.data.frame(emm), respName),
                       biasAdjusted = emm_rows(as.data.frame(emmB), respName),
                       pairs = lapply(seq_len(nrow(pr)), function(i) list(contrast = as.character(pr$contrast[i]), ratio = unname(pr[[ratioName]][i]),
                                      SE = unname(pr$SE[i]), df = num_or_null(pr$df[i]), z = unname(pr[[intersect(c("z.ratio", "t.ratio"), names(pr))[1]]][i]), pValue = unname(pr$p.value[i]))))
      ),
      glmer = list(logLik = as.numeric(logLik(gm)), beta = arr(fixef(gm)), se = arr(sqrt(diag(as.matrix(vcov(gm))))),
                   anova2 = anova_rows(Anova(gm, type = "II")), anova3 = anova_rows(Anova(gm, type = "III"))),
      lrt = lrt,
      bootGlmer = boot,
      profileGlmer = ci_rows(pg),
      profileTMB = ci_rows(pt)
    )
  )
  write_fixture(out, file.path(OUT_DIR, paste0(cs$case, ".json")))
}
