# Times the R loop that `quadrat batch` replaces, for bench/batch.ts: glmer per locus (errors caught,
# as a careful user would), car-free so only the fits are timed.
# Usage: Rscript bench/r/time_glmer_loop.R DATA.csv
# Output: one JSON object {units, ms, cpu_ms} on stdout (elapsed wall time and CPU time, user + system,
# of the whole loop).
source("bench/r/common.R")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
for (f in c("locus", "tank", "treatment", "population")) d[[f]] <- factor(d[[f]])
loci <- split(d, d$locus, drop = TRUE)
FORMULA <- cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)
fit <- function(dl) tryCatch(suppressWarnings(suppressMessages(glmer(FORMULA, data = dl, family = binomial))), error = function(e) NULL)
invisible(fit(loci[[1]])) # warm: byte-compile lme4's R code once
t0 <- proc.time()
for (dl in loci) invisible(fit(dl))
t1 <- proc.time()
ms <- 1000 * (t1[["elapsed"]] - t0[["elapsed"]])
cpu_ms <- 1000 * ((t1[["user.self"]] + t1[["sys.self"]]) - (t0[["user.self"]] + t0[["sys.self"]]))
cat(toJSON(list(units = length(loci), ms = ms, cpu_ms = cpu_ms), auto_unbox = TRUE), "\n")
