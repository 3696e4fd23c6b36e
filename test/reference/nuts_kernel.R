# Stan's NUTS transition without adaptation (fixed step size, unit metric, fixed init), for the
# kernel test in test/engine/bayes/stanBehaviour.test.ts. Run from the repo root (compiles two Stan
# models, ~2 min):
#   Rscript test/reference/nuts_kernel.R
# Writes test/reference/fixtures/nuts/kernel.json:
# { generatedBy, cases: [{ name, model, data, stepsize, init (unconstrained), iter, chains,
#   n_leapfrog: { value: count } (all draws), treedepth: { value: count },
#   mean_accept_stat, sd_accept_stat, means: { parameter: mean } }] }
# With adaptation off the transition kernel alone decides how long trajectories are, so the
# distribution of n_leapfrog__ is a fingerprint of the tree building and the U-turn checks.

suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
# Debian's r-cran-bh ships the Boost headers in /usr/include, not in the BH package.
if (!file.exists(rstan_options("boost_lib")) && dir.exists("/usr/include/boost")) rstan_options(boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/nuts"
dir.create(OUT_DIR, recursive = TRUE, showWarnings = FALSE)

run_case <- function(name, code, data, init, init_unconstrained, stepsize, iter = 25000, chains = 4) {
  model <- stan_model(model_code = code)
  f <- sampling(model, data = data, chains = chains, iter = iter, warmup = 0, seed = 4242, refresh = 0,
                cores = 1, init = function() init, control = list(adapt_engaged = FALSE, stepsize = stepsize))
  p <- do.call(rbind, get_sampler_params(f, inc_warmup = FALSE))
  tab <- function(v) { t <- table(v); as.list(setNames(as.integer(t), names(t))) }
  m <- as.matrix(f)
  list(name = name, model = code, data = data, stepsize = stepsize, init = I(init_unconstrained),
       iter = iter, chains = chains,
       n_leapfrog = tab(p[, "n_leapfrog__"]), treedepth = tab(p[, "treedepth__"]),
       mean_accept_stat = mean(p[, "accept_stat__"]), sd_accept_stat = sd(p[, "accept_stat__"]),
       divergent = sum(p[, "divergent__"]),
       means = as.list(colMeans(m[, colnames(m) != "lp__", drop = FALSE])))
}

correlated <- run_case(
  "correlated_normal_0.9",
  "parameters { vector[2] x; } model { target += -0.5 * (x[1]^2 - 1.8 * x[1] * x[2] + x[2]^2) / (1 - 0.81); }",
  list(), list(x = c(0.5, -0.5)), c(0.5, -0.5), 0.3)

y <- list(c(0.5, 1.5, 0.9), c(-0.2, 0.4), c(1.1, 2.0, 1.4), c(3.1, 2.2, 2.7, 2.9))
hierarchical <- run_case(
  "hierarchical",
  "data { int<lower=1> J; int<lower=1> N; int<lower=1, upper=J> g[N]; vector[N] y; }
parameters { real mu; real<lower=0> sigma; vector[J] z; }
model { mu ~ normal(0, 1); sigma ~ normal(0, 1); z ~ normal(0, 1); y ~ normal(mu + sigma * z[g], 1); }",
  list(J = length(y), N = length(unlist(y)), g = rep(seq_along(y), lengths(y)), y = unlist(y)),
  list(mu = 1, sigma = 1, z = rep(0, 4)), c(1, 0, 0, 0, 0, 0), 0.2)
hierarchical$data$y_groups <- lapply(y, I)

doc <- list(
  generatedBy = list(R = paste(R.version$major, R.version$minor, sep = "."),
                     rstan = as.character(packageVersion("rstan")),
                     StanHeaders = as.character(packageVersion("StanHeaders"))),
  cases = list(correlated, hierarchical)
)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(OUT_DIR, "kernel.json"))
cat("wrote", file.path(OUT_DIR, "kernel.json"), "\n")
