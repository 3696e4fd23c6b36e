# R's density(x, bw = "nrd0", from, to, n = 512) — what bayesplot's ppc_dens_overlay draws for pp_check
# (src-engine/bayes/fit/kernelDensity.ts): sleepstudy's reaction times, one oyster locus's counts (ties,
# integers), a constant-IQR vector (bw.nrd0's fallback to the SD) and a range wider than the data.
# Run from the repository root: Rscript test/reference/kernelDensity.R
source("test/reference/common.R")
s <- read.csv("test/data/sleepstudy.csv")
o <- read.csv("test/data/oyster_methylation.csv")
loc <- o$methylated[o$locus == "L0001"]
case <- function(x, from = min(x), to = max(x)) {
  d <- density(x, bw = "nrd0", from = from, to = to, n = 512)
  list(xIn = arr(x), from = from, to = to, bw = d$bw, x = arr(d$x), y = arr(d$y))
}
write_fixture(list(generatedBy = generated_by(), cases = list(
  sleepstudy = case(s$Reaction),
  locus_counts = case(loc),
  flat_iqr = case(c(rep(5, 20), 1, 9)),
  wide_range = case(s$Reaction, from = 150, to = 520)
)), "test/reference/fixtures/values/kernelDensity.json")
