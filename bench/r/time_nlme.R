# Times nlme::gls / nlme::lme fits for bench/nlme.ts, in the same run as Quadrat's.
#
# Usage:  Rscript bench/r/time_nlme.R --serve
#         bench/nlme.ts starts it once and interleaves R's timings with its own, case by case, so both
#         sides are timed under the machine's speed of the moment (bench/rServer.ts).
# Input:  one JSON object per line on stdin, {case, data, factors, dropEvery, call, runs, warmup}: the
#         nlme fixtures' own fields (test/reference/fixtures/nlme/<case>.json), so both sides fit the
#         same model on the same rows; `call` is the fixture's R call with the data named d.
# Output: one line {"case": …, "times": […]} per case: the CPU ms (user + system) per fit of each of
#         `runs` timed runs after `warmup` untimed fits; a fit that fails is reported on stderr and
#         given times [].
#         CPU, not elapsed, time: the build machine is shared, and Quadrat's side counts CPU time too.

source("test/reference/common.R")
suppressPackageStartupMessages(library(nlme))
`%||%` <- function(a, b) if (is.null(a)) b else a

args <- commandArgs(trailingOnly = TRUE)

# The fit of one case as a closure over its data (NULL, reported on stderr, if nlme fails on it).
prepare <- function(case) {
  d <- load_case_data(case)
  if (!is.null(case$dropEvery)) {
    d <- d[seq_len(nrow(d)) %% case$dropEvery != 0, , drop = FALSE]
    rownames(d) <- NULL
  }
  expr <- parse(text = case$call)[[1]]
  fit_once <- function() suppressWarnings(eval(expr, list(d = d), globalenv()))
  ok <- tryCatch({ fit_once(); TRUE }, error = function(e) {
    cat(case$case, ": ", conditionMessage(e), "\n", file = stderr())
    FALSE
  })
  if (ok) fit_once else NULL
}

# CPU ms per fit of each of `runs` timed runs after `warmup` untimed fits; each timed run repeats the fit
# until 20 ms of CPU have passed (proc.time() counts whole milliseconds).
time_fit <- function(fit_once, runs, warmup) {
  for (k in seq_len(warmup)) fit_once()
  cpu <- function() { t <- proc.time(); t[["user.self"]] + t[["sys.self"]] }
  times <- vapply(seq_len(runs), function(k) {
    t0 <- cpu()
    n <- 0
    repeat {
      fit_once()
      n <- n + 1
      if ((cpu() - t0) >= 0.02) break
    }
    (cpu() - t0) * 1000 / n
  }, numeric(1))
  times
}

if (length(args) != 1 || args[1] != "--serve") {
  cat("usage: Rscript bench/r/time_nlme.R --serve (cases on stdin, one JSON object per line)\n", file = stderr())
  quit(status = 2)
}

# One case JSON per line on stdin, one timing line per case on stdout.
con <- file("stdin", open = "r")
prepared <- list()
repeat {
  line <- readLines(con, n = 1)
  if (length(line) == 0) break
  case <- fromJSON(line, simplifyDataFrame = FALSE)
  if (is.null(prepared[[case$case]])) prepared[[case$case]] <- list(fit = prepare(case))
  fit_once <- prepared[[case$case]]$fit
  times <- if (is.null(fit_once)) numeric(0) else time_fit(fit_once, case$runs %||% 3, case$warmup %||% 2)
  cat(toJSON(list(case = case$case, times = I(times)), auto_unbox = TRUE, digits = NA), "\n", sep = "")
  flush(stdout())
}
