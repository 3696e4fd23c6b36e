# TMB's dtweedie (the series glmmTMB's tweedie family sums), evaluated through glmmTMB 1.1.5's own
# objective: a model y ~ 1 on one weighted row (two more rows with weight 0), whose objective at
# (beta, betad, psi) = (log mu, log phi, qlogis(p - 1)) is -log f(y | mu, phi, p).
# Run from the repo root: Rscript test/reference/tweedieDensity.R
# Writes test/reference/fixtures/tmbDensity/tweedie.json: { generatedBy, points: [{y, mu, phi, p, logDensity}] }
source("test/reference/common.R")
suppressPackageStartupMessages(library(glmmTMB))

log_dtweedie <- function(y, mu, phi, p) {
  d <- data.frame(y = c(y, 1, 2), w = c(1, 0, 0))
  m <- suppressWarnings(glmmTMB(y ~ 1, family = tweedie, data = d, weights = w,
    control = glmmTMBControl(optCtrl = list(iter.max = 1, eval.max = 2))))
  -m$obj$fn(c(log(mu), log(phi), qlogis(p - 1)))
}

grid <- expand.grid(y = c(0, 0.01, 0.4, 3, 17, 260.5), mu = c(0.3, 2, 40), phi = c(0.5, 2.1, 9), p = c(1.05, 1.18, 1.5, 1.93))
points <- lapply(seq_len(nrow(grid)), function(i) {
  g <- grid[i, ]
  list(y = g$y, mu = g$mu, phi = g$phi, p = g$p, logDensity = log_dtweedie(g$y, g$mu, g$phi, g$p))
})
write_fixture(list(generatedBy = c(generated_by(), list(glmmTMB = as.character(packageVersion("glmmTMB")),
                                                        TMB = as.character(packageVersion("TMB")))),
                   points = points),
              "test/reference/fixtures/tmbDensity/tweedie.json")
