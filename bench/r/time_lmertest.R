# Times lmerTest's inference for bench/inference.ts: for each case, the lme4 fit is made once, then
# the timed part is what summary() + anova() add on top of it — as_lmerModLmerTest (Hessian and
# Jacobian), the coefficient table with Satterthwaite df, and the Type III ANOVA table.
#
# Usage:  Rscript bench/r/time_lmertest.R cases.json
# Input:  a JSON array of {case, data, factors, formula, REML, runs?, subset?} (as time_lmer.R)
# Output: on stdout one JSON object {case: median elapsed ms, ...}; failures are null.

suppressPackageStartupMessages({
  library(lmerTest)
  library(jsonlite)
})
# factor levels as R sorts them in a UTF-8 locale (ICU collation): Quadrat's default order
invisible(Sys.setlocale("LC_COLLATE", "C.UTF-8"))
if (capabilities("ICU")) icuSetCollate(locale = "en")

args <- commandArgs(trailingOnly = TRUE)
cases <- fromJSON(paste(readLines(args[1], warn = FALSE), collapse = "\n"), simplifyVector = FALSE)

time_case <- function(case) {
  path <- if (file.exists(case$data)) case$data else file.path("test/data", case$data)
  d <- read.csv(path, stringsAsFactors = FALSE)
  for (f in unlist(case$factors)) d[[f]] <- factor(d[[f]])
  if (!is.null(case$subset$rows)) d <- d[unlist(case$subset$rows), , drop = FALSE]
  reml <- if (is.null(case$REML)) TRUE else isTRUE(case$REML)
  runs <- if (is.null(case$runs)) 5L else as.integer(case$runs)
  m <- suppressMessages(suppressWarnings(lme4::lmer(as.formula(case$formula), data = d, REML = reml)))
  once <- function() suppressMessages(suppressWarnings({
    mt <- as_lmerModLmerTest(m)
    coef(summary(mt))
    anova(mt, type = 3)
  }))
  warmup <- if (is.null(case$warmup)) 0L else as.integer(case$warmup)
  for (i in seq_len(warmup)) once()
  times <- vapply(seq_len(runs), function(i) {
    invisible(gc(FALSE))
    system.time(once())[["elapsed"]] * 1000
  }, numeric(1))
  stats::median(times)
}

out <- list()
for (case in cases) {
  out[[case$case]] <- tryCatch(time_case(case), error = function(e) {
    cat(case$case, ":", conditionMessage(e), "\n", file = stderr())
    NULL
  })
}
cat(toJSON(out, auto_unbox = TRUE, null = "null", digits = NA), "\n")
