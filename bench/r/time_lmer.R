# Times lme4::lmer fits for `npm run bench`.
#
# Usage:  Rscript bench/r/time_lmer.R cases.json      or      ... | Rscript bench/r/time_lmer.R
# Input:  a JSON array of {case, data, factors, formula, REML, runs?, subset?}
#           data     CSV path, as given or relative to test/data
#           factors  columns turned into factors (after read.csv(..., stringsAsFactors = FALSE),
#                    levels in the order of a UTF-8 locale)
#           REML     true/false (default true)
#           runs     timed fits, median reported (default 5)
#           warmup   untimed fits before them (default 0), so R has byte-compiled lme4's R code
#           subset   optional {rows: 1-based CSV rows kept} (as in the fixtures)
# Output: on stdout one JSON object {case: median elapsed ms, ...}; a case that fails to fit is
#         reported on stderr and given null. Exit code 2 for unusable input.

suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
# factor levels as R sorts them in a UTF-8 locale (ICU collation): Quadrat's default order
invisible(Sys.setlocale("LC_COLLATE", "C.UTF-8"))
if (capabilities("ICU")) icuSetCollate(locale = "en")

fail <- function(msg) {
  cat("error:", msg, "\n", file = stderr())
  quit(status = 2)
}

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

resolve_data <- function(path) {
  if (file.exists(path)) return(path)
  alt <- file.path("test/data", path)
  if (file.exists(alt)) return(alt)
  stop("data file not found: ", path)
}

time_case <- function(case) {
  d <- read.csv(resolve_data(case$data), stringsAsFactors = FALSE)
  for (f in unlist(case$factors)) d[[f]] <- factor(d[[f]])
  if (!is.null(case$subset$rows)) d <- d[unlist(case$subset$rows), , drop = FALSE]
  reml <- if (is.null(case$REML)) TRUE else isTRUE(case$REML)
  runs <- if (is.null(case$runs)) 5L else as.integer(case$runs)
  f <- as.formula(case$formula)
  warmup <- if (is.null(case$warmup)) 0L else as.integer(case$warmup)
  for (i in seq_len(warmup)) suppressMessages(suppressWarnings(lmer(f, data = d, REML = reml)))
  times <- vapply(seq_len(runs), function(i) {
    invisible(gc(FALSE))
    system.time(suppressMessages(suppressWarnings(lmer(f, data = d, REML = reml))))[["elapsed"]] * 1000
  }, numeric(1))
  stats::median(times)
}

main <- function(args) {
  cases <- read_input(args)
  out <- setNames(list(), character(0)) # {} even when empty
  for (case in cases) {
    name <- if (is.null(case$case)) case$formula else case$case
    if (is.null(name) || is.null(case$data)) fail("each case needs at least data and formula")
    out[name] <- list(tryCatch(round(time_case(case), 1), error = function(e) {
      cat("case", name, "failed:", conditionMessage(e), "\n", file = stderr())
      NULL
    }))
  }
  cat(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"), "\n")
}

main(commandArgs(trailingOnly = TRUE))
