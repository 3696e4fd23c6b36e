# loo 2.5.1 reference for Quadrat's PSIS-LOO (src-engine/bayes/loo/): two brms 2.18 (rstan) fits of
# one oyster locus (binomial with trials), their pointwise log-likelihood matrices (log_lik(fit), draws
# x observations, chains stacked), loo's relative efficiencies, psis() results and loo_compare().
# Our PSIS runs on exactly these matrices, so the comparison is to rounding (~1e-8), not Monte Carlo.
# Run from the repo root (each model compiles for about a minute):
#   Rscript test/reference/brmsLoo.R
# Writes test/reference/fixtures/brms-loo/oyster_locus.json:
# { case, data, subset, factors, generatedBy, settings,
#   models: [{name, formula, family, chains, ndraws, draws: {b_Intercept: [S], r_tank[1,Intercept]: [S], …}, logLik: [[S values] per observation],
#             r_eff, estimates: {elpd_loo, se_elpd_loo, p_loo, se_p_loo, looic, se_looic},
#             pointwise: {elpd_loo, p_loo, looic, pareto_k}}],
#   compare: [{model, elpd_diff, se_diff, elpd_loo, se_elpd_loo, p_loo, se_p_loo, looic, se_looic}] }

source("test/reference/common.R")
suppressPackageStartupMessages({
  library(brms)
  library(rstan)
  library(loo)
})
rstan::rstan_options(auto_write = FALSE, boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/brms-loo"
SEED <- 20261203
CHAINS <- 2
ITER <- 1000
WARMUP <- 500

raw <- read.csv(file.path(DATA_DIR, "oyster_methylation.csv"), stringsAsFactors = FALSE)
rows <- which(raw$locus == "L0001")
cs <- list(data = "oyster_methylation.csv", factors = c("tank", "treatment", "population"),
           subset = list(description = "the rows of locus L0001", rows = rows))
d <- load_case_data(cs)

forms <- c(interaction = "methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)",
           additive = "methylated | trials(methylated + unmethylated) ~ treatment + population + (1 | tank)")

fit_one <- function(name) {
  fit <- brms::brm(brms::bf(as.formula(forms[[name]])), data = d, family = binomial(),
                   backend = "rstan", chains = CHAINS, iter = ITER, warmup = WARMUP, refresh = 0,
                   seed = SEED, cores = 1)
  ll <- brms::log_lik(fit)  # draws x observations, chains stacked in order
  chain_id <- rep(seq_len(CHAINS), each = ITER - WARMUP)
  r_eff <- loo::relative_eff(exp(ll), chain_id = chain_id)
  lo <- loo::loo(ll, r_eff = r_eff)
  est <- lo$estimates
  list(fit = fit, loo = lo, out = list(
    name = name, formula = forms[[name]], family = "binomial", chains = CHAINS, ndraws = nrow(ll),
    logLik = lapply(seq_len(ncol(ll)), function(i) ll[, i]),
    r_eff = arr(r_eff),
    # the draws log_lik() used (b_, sd_, r_, no lp__), to test Quadrat's pointwise log-likelihood
    draws = {
      dm <- posterior::as_draws_matrix(fit)
      keep <- grepl("^(b_|sd_|r_|sigma$|shape$)", colnames(dm))
      lapply(setNames(which(keep), colnames(dm)[keep]), function(j) unname(as.vector(dm[, j])))
    },
    estimates = list(elpd_loo = est["elpd_loo", "Estimate"], se_elpd_loo = est["elpd_loo", "SE"],
                     p_loo = est["p_loo", "Estimate"], se_p_loo = est["p_loo", "SE"],
                     looic = est["looic", "Estimate"], se_looic = est["looic", "SE"]),
    pointwise = list(elpd_loo = lo$pointwise[, "elpd_loo"], p_loo = lo$pointwise[, "p_loo"],
                     looic = lo$pointwise[, "looic"], pareto_k = lo$diagnostics$pareto_k)))
}

res <- lapply(names(forms), fit_one)
names(res) <- names(forms)
cmp <- loo::loo_compare(list(interaction = res$interaction$loo, additive = res$additive$loo))
compare <- lapply(seq_len(nrow(cmp)), function(i) list(
  model = rownames(cmp)[i], elpd_diff = cmp[i, "elpd_diff"], se_diff = cmp[i, "se_diff"],
  elpd_loo = cmp[i, "elpd_loo"], se_elpd_loo = cmp[i, "se_elpd_loo"], p_loo = cmp[i, "p_loo"],
  se_p_loo = cmp[i, "se_p_loo"], looic = cmp[i, "looic"], se_looic = cmp[i, "se_looic"]))

write_fixture(list(
  case = "oyster_locus", data = cs$data, subset = cs$subset, factors = arr(cs$factors),
  generatedBy = c(generated_by(), list(brms = as.character(packageVersion("brms")),
                                       rstan = as.character(packageVersion("rstan")),
                                       loo = as.character(packageVersion("loo")))),
  settings = list(chains = CHAINS, iter = ITER, warmup = WARMUP, seed = SEED),
  models = lapply(res, function(r) r$out), compare = compare
), file.path(OUT_DIR, "oyster_locus.json"))
