# Times brms (rstan backend) on one locus for bench/bayes.ts: 4 chains x 2,000 iterations on 2 cores,
# first with the model's compilation (as a user's first brm() call), then the same model sampled
# again without compiling (update(..., recompile = FALSE)), with the smallest bulk-ESS of the
# population-level and group-level parameters. Prints one JSON line.
#   Rscript bench/r/time_brms.R locus.csv
suppressPackageStartupMessages({
  library(brms)
  library(posterior)
  library(jsonlite)
})
rstan::rstan_options(auto_write = FALSE, boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE)
f <- methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)
min_bulk <- function(fit) {
  s <- summarise_draws(as_draws_df(fit), ess_bulk)
  min(s$ess_bulk[grepl("^(b_|sd_)", s$variable)])
}
t0 <- proc.time()[["elapsed"]]
fit <- brm(f, data = d, family = binomial(), chains = 4, iter = 2000, cores = 2, seed = 1, refresh = 0, silent = 2, backend = "rstan")
first <- proc.time()[["elapsed"]] - t0
t1 <- proc.time()[["elapsed"]]
fit2 <- update(fit, recompile = FALSE, chains = 4, iter = 2000, cores = 2, seed = 2, refresh = 0, silent = 2)
again <- proc.time()[["elapsed"]] - t1
sampling <- sum(apply(rstan::get_elapsed_time(fit2$fit), 1, sum)) / 2  # 4 chains on 2 cores
cat(toJSON(list(firstMs = 1000 * first, againMs = 1000 * again, samplingMs = 1000 * sampling, minBulkEss = min_bulk(fit2)), auto_unbox = TRUE), "\n")
