# R's lowess() for the scatter plot's smoother (src-engine/data/lowess.ts): sleepstudy (ties in x),
# Orthodont, and a noisy curve with an outlier (where the robustness rounds matter).
# Run from the repository root: Rscript test/reference/lowess.R
source("test/reference/common.R")
s <- read.csv("test/data/sleepstudy.csv")
o <- read.csv("test/data/Orthodont.csv")
set.seed(4); x <- sort(runif(60, 0, 10)); y <- sin(x) + rnorm(60, 0, 0.2); y[17] <- 8
case <- function(x, y, ...) { l <- lowess(x, y, ...); list(xIn = arr(x), yIn = arr(y), args = list(...), x = arr(l$x), y = arr(l$y)) }
write_fixture(list(generatedBy = generated_by(), cases = list(
  sleepstudy = case(s$Days, s$Reaction),
  orthodont = case(o$age, o$distance, f = 0.3),
  outlier = case(x, y),
  outlier_noiter = case(x, y, iter = 0)
)), "test/reference/fixtures/values/lowess.json")
