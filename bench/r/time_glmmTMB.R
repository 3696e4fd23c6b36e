# Times glmmTMB fits for bench/tmb.ts (count models, issue 13).
#
# Usage:  Rscript bench/r/time_glmmTMB.R cases.json      or      ... | Rscript bench/r/time_glmmTMB.R
# Input:  a JSON array of {case, data, factors, formula, family, link?, ziformula?, dispformula?, subset?,
#         derive?, runs?, warmup?} (the fields of test/reference/fixtures/glmmTMB/*.json)
# Output: on stdout one JSON object {case: {cpuMs, elapsedMs}, ...}: medians over `runs` fits after
#         `warmup` untimed ones, each after a garbage collection; cpuMs is user + system time of this
#         process (all its threads). A fit that fails is reported on stderr and given null.
# glmmTMB() runs as called by default: nlminb, then sdreport (the standard errors) included.

source("bench/r/common.R")
suppressPackageStartupMessages(library(glmmTMB))

time_case <- function(case) {
  d <- load_case_data(case)
  if (!is.null(case$derive)) d[[case$derive$column]] <- with(d, eval(parse(text = case$derive$expression)))
  ff <- get(case$family, envir = asNamespace("glmmTMB"), inherits = TRUE)
  fam <- if (is.null(case$link)) ff() else ff(link = case$link)
  args <- list(formula = as.formula(case$formula), data = d, family = fam,
               ziformula = as.formula(if (is.null(case$ziformula)) "~0" else case$ziformula),
               dispformula = as.formula(if (is.null(case$dispformula)) "~1" else case$dispformula))
  fit <- function() do.call(glmmTMB::glmmTMB, args)
  for (i in seq_len(int_or(case$warmup, 1L))) suppressMessages(suppressWarnings(fit()))
  t <- vapply(seq_len(int_or(case$runs, 5L)), function(i) {
    invisible(gc(FALSE))
    s <- system.time(suppressMessages(suppressWarnings(fit())))
    c(cpu = s[["user.self"]] + s[["sys.self"]], elapsed = s[["elapsed"]]) * 1000
  }, numeric(2))
  list(cpuMs = stats::median(t["cpu", ]), elapsedMs = stats::median(t["elapsed", ]))
}

main <- function(args) {
  out <- setNames(list(), character(0))
  for (case in read_input(args)) {
    out[case$case] <- list(tryCatch(time_case(case), error = function(e) {
      cat("case", case$case, "failed:", conditionMessage(e), "\n", file = stderr())
      NULL
    }))
  }
  cat(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"), "\n")
}

main(commandArgs(trailingOnly = TRUE))
