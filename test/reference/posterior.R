# Posterior-diagnostics reference: fixed draw arrays made with R's RNG and what the posterior package
# (Vehtari et al. 2021) computes for them. Run from the repo root:
#   Rscript test/reference/posterior.R
# Writes test/reference/fixtures/posterior/diagnostics.json:
# { generatedBy, cases: [{ name, description, draws: [[chain 1 draws], [chain 2 draws], …],
#   expected: { rhat, ess_bulk, ess_tail, ess_mean, mcse_mean, mcse_q5, mcse_q95, mcse_q2.5,
#     mcse_q97.5, q2.5, q5, q50, q95, q97.5, mean, sd, ebfmi (rstan's get_bfmi formula, per chain) } }] }
# NA (posterior's answer for constant or non-finite draws) is written as null.

suppressPackageStartupMessages({
  library(posterior)
  library(jsonlite)
})
OUT_DIR <- "test/reference/fixtures/posterior"
dir.create(OUT_DIR, recursive = TRUE, showWarnings = FALSE)

set.seed(20261203)
ar1 <- function(n, phi, sd = 1) as.numeric(arima.sim(list(ar = phi), n = n, sd = sd))
chains <- function(nchains, f) sapply(seq_len(nchains), function(i) f())

cases <- list(
  list(name = "ar1_fast", description = "4 AR(1) chains, phi = 0.3, 300 draws",
       x = chains(4, function() ar1(300, 0.3))),
  list(name = "ar1_slow", description = "4 AR(1) chains, phi = 0.95, 300 draws (long monotone sequence)",
       x = chains(4, function() ar1(300, 0.95))),
  list(name = "antithetic", description = "4 AR(1) chains, phi = -0.6, 300 draws (ESS above the draw count)",
       x = chains(4, function() ar1(300, -0.6))),
  list(name = "heavy_tailed", description = "4 chains of iid Cauchy draws, 301 draws (odd: the middle draw is dropped when splitting)",
       x = chains(4, function() rcauchy(301))),
  list(name = "stuck_offset", description = "4 AR(1) chains, phi = 0.5, the third shifted by +1",
       x = { m <- chains(4, function() ar1(250, 0.5)); m[, 3] <- m[, 3] + 1; m }),
  list(name = "scale_mismatch", description = "4 iid normal chains, the last with sd 3 (only the folded R-hat sees it)",
       x = { m <- chains(4, function() rnorm(250)); m[, 4] <- 3 * m[, 4]; m }),
  list(name = "trend", description = "2 chains with a linear drift (split-R-hat sees it)",
       x = chains(2, function() rnorm(200) + seq(0, 2, length.out = 200))),
  list(name = "discrete_ties", description = "4 chains of Poisson(2) draws (tied ranks)",
       x = chains(4, function() as.numeric(rpois(200, 2)))),
  list(name = "single_chain", description = "1 AR(1) chain, phi = 0.7, 500 draws",
       x = chains(1, function() ar1(500, 0.7))),
  list(name = "one_constant_chain", description = "3 normal chains and one stuck at 0.5",
       x = { m <- chains(4, function() rnorm(100)); m[, 2] <- 0.5; m }),
  list(name = "constant", description = "all draws equal: posterior returns NA",
       x = matrix(1.25, 100, 4))
)

num <- function(v) if (length(v) == 1 && is.na(v)) NA else unname(v)
ebfmi <- function(x) apply(x, 2, function(e) (sum(diff(e)^2) / length(e)) / var(e))

# The draws go through JSON and back before anything is computed, so R and the TypeScript test see
# the same doubles (jsonlite writes 15 significant digits).
round_trip <- function(x) {
  back <- fromJSON(toJSON(lapply(seq_len(ncol(x)), function(j) I(x[, j])), digits = NA), simplifyVector = FALSE)
  matrix(vapply(back, function(chain) as.numeric(unlist(chain)), numeric(nrow(x))), nrow = nrow(x))
}

out <- lapply(cases, function(cs) {
  x <- round_trip(cs$x)
  q <- quantile2(x, probs = c(0.025, 0.05, 0.5, 0.95, 0.975))
  mq <- suppressWarnings(mcse_quantile(x, probs = c(0.05, 0.95, 0.025, 0.975)))
  expected <- list(
    rhat = num(suppressWarnings(rhat(x))),
    ess_bulk = num(suppressWarnings(ess_bulk(x))),
    ess_tail = num(suppressWarnings(ess_tail(x))),
    ess_mean = num(suppressWarnings(ess_mean(x))),
    mcse_mean = num(suppressWarnings(mcse_mean(x))),
    mcse_q5 = num(mq[[1]]), mcse_q95 = num(mq[[2]]), `mcse_q2.5` = num(mq[[3]]), `mcse_q97.5` = num(mq[[4]]),
    `q2.5` = num(q[[1]]), q5 = num(q[[2]]), q50 = num(q[[3]]), q95 = num(q[[4]]), `q97.5` = num(q[[5]]),
    mean = mean(x), sd = sd(x),
    ebfmi = I(unname(ebfmi(x)))
  )
  list(name = cs$name, description = cs$description,
       draws = lapply(seq_len(ncol(x)), function(j) I(x[, j])), expected = expected)
})

doc <- list(
  generatedBy = list(R = paste(R.version$major, R.version$minor, sep = "."),
                     posterior = as.character(packageVersion("posterior")),
                     jsonlite = as.character(packageVersion("jsonlite"))),
  cases = out
)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, na = "null", pretty = FALSE),
           file.path(OUT_DIR, "diagnostics.json"))
cat("wrote", file.path(OUT_DIR, "diagnostics.json"), "\n")
