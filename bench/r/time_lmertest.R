# Times lmerTest's inference for bench/inference.ts: for each case, the lme4 fit is made once, then
# the timed part is what summary() + anova() add on top of it — as_lmerModLmerTest (Hessian and
# Jacobian), the coefficient table with Satterthwaite df, and the Type III ANOVA table.
#
# Usage:  Rscript bench/r/time_lmertest.R cases.json
# Input:  a JSON array of {case, data, factors, formula, REML, runs?, subset?} (as time_lmer.R)
# Output: on stdout one JSON object {case: median elapsed ms, ...}; failures are null.

source("bench/r/common.R")
cases <- read_input(commandArgs(trailingOnly = TRUE))

time_case <- function(case) {
  d <- load_case_data(case)
  reml <- if (is.null(case$REML)) TRUE else isTRUE(case$REML)
  m <- suppressMessages(suppressWarnings(lme4::lmer(as.formula(case$formula), data = d, REML = reml)))
  once <- function() {
    mt <- as_lmerModLmerTest(m)
    coef(summary(mt))
    anova(mt, type = 3)
  }
  median_ms(once, int_or(case$runs, 5L), int_or(case$warmup, 0L))
}

out <- list()
for (case in cases) {
  out[[case$case]] <- tryCatch(time_case(case), error = function(e) {
    cat(case$case, ":", conditionMessage(e), "\n", file = stderr())
    NULL
  })
}
cat(toJSON(out, auto_unbox = TRUE, null = "null", digits = NA), "\n")
