# Stan's own NUTS on the SBC test model with fixed data, for the sampler's behaviour test
# (test/engine/bayes/stanBehaviour.test.ts). Run from the repo root (compiles a Stan model, ~1 min):
#   Rscript test/reference/nuts_stan.R
# Writes test/reference/fixtures/nuts/hierarchical.json:
# { generatedBy, model, data: { y: [[group 1], …] }, settings, seeds,
#   posterior: { name: { mean, sd, mcse_mean } } for mu, sigma, z[1..J] (posterior package),
#   sampler: per chain { stepsize, mean_accept_stat, mean_treedepth, mean_n_leapfrog, divergent } }
# rstan's RNG is not Quadrat's, so the test compares distributions (posterior moments within Monte
# Carlo error, and the sampler's adapted step size and trajectory lengths), not draws.

suppressPackageStartupMessages({
  library(rstan)
  library(posterior)
  library(jsonlite)
})
# Debian's r-cran-bh ships the Boost headers in /usr/include, not in the BH package.
if (!file.exists(rstan_options("boost_lib")) && dir.exists("/usr/include/boost")) rstan_options(boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/nuts"
dir.create(OUT_DIR, recursive = TRUE, showWarnings = FALSE)

code <- "
data { int<lower=1> J; int<lower=1> N; int<lower=1, upper=J> g[N]; vector[N] y; }
parameters { real mu; real<lower=0> sigma; vector[J] z; }
model {
  mu ~ normal(0, 1);
  sigma ~ normal(0, 1);
  z ~ normal(0, 1);
  y ~ normal(mu + sigma * z[g], 1);
}
"
y <- list(c(0.5, 1.5, 0.9), c(-0.2, 0.4), c(1.1, 2.0, 1.4), c(3.1, 2.2, 2.7, 2.9))
standata <- list(J = length(y), N = length(unlist(y)), g = rep(seq_along(y), lengths(y)), y = unlist(y))
model <- stan_model(model_code = code)
runs <- lapply(1:5, function(s) sampling(model, data = standata, chains = 4, iter = 2000, warmup = 1000,
                                         seed = 100 + s, refresh = 0, cores = 1))

draws <- do.call(bind_draws, c(lapply(runs, function(f) as_draws_array(f)), along = "chain"))
draws <- subset_draws(draws, variable = c("mu", "sigma", paste0("z[", seq_along(y), "]")))
posterior_summary <- lapply(variables(draws), function(v) {
  x <- extract_variable_matrix(draws, v)
  list(mean = mean(x), sd = sd(x), mcse_mean = mcse_mean(x))
})
names(posterior_summary) <- variables(draws)

sampler <- do.call(c, lapply(runs, function(f) lapply(get_sampler_params(f, inc_warmup = FALSE), function(p) list(
  stepsize = p[1, "stepsize__"], mean_accept_stat = mean(p[, "accept_stat__"]),
  mean_treedepth = mean(p[, "treedepth__"]), mean_n_leapfrog = mean(p[, "n_leapfrog__"]),
  divergent = sum(p[, "divergent__"])))))

doc <- list(
  generatedBy = list(R = paste(R.version$major, R.version$minor, sep = "."),
                     rstan = as.character(packageVersion("rstan")),
                     StanHeaders = as.character(packageVersion("StanHeaders")),
                     posterior = as.character(packageVersion("posterior"))),
  model = code,
  data = list(y = lapply(y, I)),
  settings = list(chains = 4, iter = 2000, warmup = 1000, runs = 5, adapt_delta = 0.8, max_treedepth = 10),
  posterior = posterior_summary,
  sampler = sampler
)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(OUT_DIR, "hierarchical.json"))
cat("wrote", file.path(OUT_DIR, "hierarchical.json"), "\n")
