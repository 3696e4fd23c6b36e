# Shared by the timing scripts: the reference scripts' data conventions (test/reference/common.R:
# read.csv, factors in ICU order, subsets), reading the cases, and timing a fit. Run from the repo root.
source("test/reference/common.R")

fail <- function(msg) {
  cat("error:", msg, "\n", file = stderr())
  quit(status = 2)
}

# The cases: a JSON array from the file named first on the command line, or from stdin.
read_input <- function(args) {
  text <- if (length(args) >= 1) {
    if (!file.exists(args[1])) fail(paste("no such file:", args[1]))
    readLines(args[1], warn = FALSE)
  } else {
    con <- file("stdin")
    on.exit(close(con))
    readLines(con, warn = FALSE)
  }
  cases <- tryCatch(fromJSON(paste(text, collapse = "\n"), simplifyVector = FALSE),
                    error = function(e) fail(paste("input is not JSON:", conditionMessage(e))))
  if (!is.list(cases) || !is.null(names(cases))) fail("input must be a JSON array of cases")
  cases
}

# Median elapsed ms of `runs` calls of fit() after `warmup` untimed ones (so R has byte-compiled the
# package's R code), each after a garbage collection.
median_ms <- function(fit, runs, warmup) {
  for (i in seq_len(warmup)) suppressMessages(suppressWarnings(fit()))
  times <- vapply(seq_len(runs), function(i) {
    invisible(gc(FALSE))
    system.time(suppressMessages(suppressWarnings(fit())))[["elapsed"]] * 1000
  }, numeric(1))
  stats::median(times)
}

int_or <- function(x, default) if (is.null(x)) default else as.integer(x)
