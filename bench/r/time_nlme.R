# Times nlme::gls / nlme::lme fits for bench/nlme.ts, in the same run as Quadrat's.
#
# Usage:  Rscript bench/r/time_nlme.R cases.json
# Input:  a JSON array of {case, data, factors, dropEvery, call, runs, warmup}: the nlme fixtures'
#         own fields (test/reference/fixtures/nlme/<case>.json), so both sides fit the same model on
#         the same rows; `call` is the fixture's R call with the data named d.
# Output: on stdout one JSON object {case: median CPU ms (user + system) per fit of `runs` timed runs
#         after `warmup` untimed fits}; a fit that fails is reported on stderr and given null. CPU, not
#         elapsed, time: the build machine is shared, and Quadrat's side counts CPU time too.

source("test/reference/common.R")
suppressPackageStartupMessages(library(nlme))
`%||%` <- function(a, b) if (is.null(a)) b else a

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1 || !file.exists(args[1])) {
  cat("error: give the cases JSON file\n", file = stderr())
  quit(status = 2)
}
cases <- fromJSON(args[1], simplifyDataFrame = FALSE)

out <- list()
for (case in cases) {
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
  if (!ok) {
    out[[case$case]] <- NA
    next
  }
  for (k in seq_len(case$warmup %||% 2)) fit_once()
  # each timed run repeats the fit until 20 ms of CPU have passed: proc.time() counts whole milliseconds
  cpu <- function() { t <- proc.time(); t[["user.self"]] + t[["sys.self"]] }
  times <- vapply(seq_len(case$runs %||% 5), function(k) {
    t0 <- cpu()
    n <- 0
    repeat {
      fit_once()
      n <- n + 1
      if ((cpu() - t0) >= 0.02) break
    }
    (cpu() - t0) * 1000 / n
  }, numeric(1))
  out[[case$case]] <- median(times)
}
cat(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null"))
