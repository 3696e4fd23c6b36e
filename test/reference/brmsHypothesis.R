# brms 2.18 hypothesis() reference for Quadrat's hypothesis tests (src-engine/bayes/hypothesis/): one
# brms (rstan) fit of one oyster locus with normal(0, 2.5) on b and sample_prior = "yes", its draws of
# b_ and the prior draws prior_draws() gives, and hypothesis()'s table (Estimate, Est.Error, CI.Lower,
# CI.Upper, Evid.Ratio, Post.Prob, Star) for one-sided and point hypotheses. Quadrat evaluates the
# same draws, so the comparison is to rounding, including the Savage–Dickey density ratio.
# Run from the repo root (the model compiles for about a minute):
#   Rscript test/reference/brmsHypothesis.R
# Writes test/reference/fixtures/brms-hypothesis/oyster_locus.json:
# { case, data, subset, factors, formula, family, priors, generatedBy, settings,
#   draws: {b_…: [S]}, priorDraws: {b_…: [S]}, hypotheses: [{hypothesis, alpha, Hypothesis, Estimate,
#   Est.Error, CI.Lower, CI.Upper, Evid.Ratio, Post.Prob, Star}] }

source("test/reference/common.R")
suppressPackageStartupMessages({
  library(brms)
  library(rstan)
})
rstan::rstan_options(auto_write = FALSE, boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/brms-hypothesis"
SEED <- 20261203

raw <- read.csv(file.path(DATA_DIR, "oyster_methylation.csv"), stringsAsFactors = FALSE)
cs <- list(data = "oyster_methylation.csv", factors = c("tank", "treatment", "population"),
           subset = list(description = "the rows of locus L0001", rows = which(raw$locus == "L0001")))
d <- load_case_data(cs)
FORMULA <- "methylated | trials(methylated + unmethylated) ~ treatment + population + (1 | tank)"
fit <- brms::brm(brms::bf(as.formula(FORMULA)), data = d, family = binomial(), backend = "rstan",
                 prior = brms::set_prior("normal(0, 2.5)", class = "b"), sample_prior = "yes",
                 chains = 2, iter = 1000, warmup = 500, refresh = 0, seed = SEED, cores = 1)
bvars <- grep("^b_", brms::variables(fit), value = TRUE)
coefs <- setdiff(sub("^b_", "", bvars), "Intercept")
c1 <- coefs[1]
c2 <- coefs[length(coefs)]
hyps <- list(
  list(h = paste(c1, "> 0"), alpha = 0.05), list(h = paste(c1, "< 0"), alpha = 0.05),
  list(h = paste(c1, "= 0"), alpha = 0.05), list(h = paste(c2, "= 0"), alpha = 0.05),
  list(h = paste(c1, "- 2 *", c2, "> 0.1"), alpha = 0.1), list(h = paste0("Intercept + ", c1, " < 0"), alpha = 0.05),
  list(h = paste(c2, "= 0.5"), alpha = 0.05))
rows <- lapply(hyps, function(x) {
  s <- brms::hypothesis(fit, x$h, alpha = x$alpha)$hypothesis
  list(hypothesis = x$h, alpha = x$alpha, Hypothesis = s$Hypothesis, Estimate = s$Estimate,
       `Est.Error` = s$Est.Error, CI.Lower = s$CI.Lower, CI.Upper = s$CI.Upper,
       Evid.Ratio = num_or_null(s$Evid.Ratio), Post.Prob = num_or_null(s$Post.Prob), Star = s$Star)
})
post <- as.data.frame(fit, variable = bvars)
pri <- brms::prior_draws(fit, variable = bvars)
write_fixture(list(
  case = "oyster_locus", data = cs$data, subset = cs$subset, factors = arr(cs$factors), formula = FORMULA,
  family = "binomial", priors = list(list(prior = "normal(0, 2.5)", class = "b")),
  generatedBy = c(generated_by(), list(brms = as.character(packageVersion("brms")))),
  settings = list(chains = 2, iter = 1000, warmup = 500, seed = SEED, sample_prior = "yes"),
  draws = lapply(post, function(v) unname(v)), priorDraws = lapply(as.data.frame(pri), function(v) unname(v)),
  hypotheses = rows
), file.path(OUT_DIR, "oyster_locus.json"))
