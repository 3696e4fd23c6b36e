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

source("bench/r/common.R")

time_case <- function(case) {
  d <- load_case_data(case)
  reml <- if (is.null(case$REML)) TRUE else isTRUE(case$REML)
  f <- as.formula(case$formula)
  median_ms(function() lme4::lmer(f, data = d, REML = reml), int_or(case$runs, 5L), int_or(case$warmup, 0L))
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
