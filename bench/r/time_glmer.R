# Times lme4::glmer fits (and glmmTMB where asked) for `npm run bench` (bench/glmm.ts).
#
# Usage:  Rscript bench/r/time_glmer.R cases.json      or      ... | Rscript bench/r/time_glmer.R
# Input:  a JSON array of {case, data, factors, formula, family, link?, nAGQ?, weights?, runs?, warmup?,
#         subset?, tmb?}
#           data     CSV path, as given or relative to test/data
#           factors  columns turned into factors (after read.csv(..., stringsAsFactors = FALSE),
#                    levels in the order of a UTF-8 locale)
#           family   "binomial", "poisson", ... (link: the family's default when null)
#           nAGQ     glmer's nAGQ (default 1)
#           weights  optional column of prior weights
#           runs     timed fits, median reported (default 5)
#           warmup   untimed fits before them (default 0), so R has byte-compiled lme4's R code
#           subset   optional {rows: 1-based CSV rows kept}
#           tmb      true: also time glmmTMB on the same model (when the package is installed)
# Output: on stdout one JSON object {case: median elapsed ms of glmer, "case@glmmTMB": ms, ...}; a fit
#         that fails is reported on stderr and given null. Exit code 2 for unusable input.
# glmer() runs as called by default: Laplace or nAGQ, derivatives and the Hessian-based vcov included.

source("bench/r/common.R")
has_tmb <- requireNamespace("glmmTMB", quietly = TRUE)

time_case <- function(case) {
  d <- load_case_data(case)
  fam <- if (is.null(case$link)) get(case$family)() else get(case$family)(link = case$link)
  runs <- int_or(case$runs, 5L)
  warmup <- int_or(case$warmup, 0L)
  nAGQ <- int_or(case$nAGQ, 1L)
  f <- as.formula(case$formula)
  w <- if (is.null(case$weights)) NULL else d[[case$weights]]
  glmer_fit <- function() {
    args <- list(formula = f, data = d, family = fam, nAGQ = nAGQ)
    if (!is.null(w)) args$weights <- w
    do.call(lme4::glmer, args)
  }
  out <- list(glmer = median_ms(glmer_fit, runs, warmup))
  if (isTRUE(case$tmb) && has_tmb) {
    tmb_fit <- function() {
      args <- list(formula = f, data = d, family = fam)
      if (!is.null(w)) args$weights <- w
      do.call(glmmTMB::glmmTMB, args)
    }
    out$tmb <- tryCatch(median_ms(tmb_fit, runs, warmup), error = function(e) {
      cat("case", case$case, "glmmTMB failed:", conditionMessage(e), "\n", file = stderr())
      NULL
    })
  }
  out
}

main <- function(args) {
  cases <- read_input(args)
  out <- setNames(list(), character(0)) # {} even when empty
  for (case in cases) {
    name <- case$case
    if (is.null(name) || is.null(case$data) || is.null(case$formula) || is.null(case$family)) {
      fail("each case needs case, data, formula and family")
    }
    r <- tryCatch(time_case(case), error = function(e) {
      cat("case", name, "failed:", conditionMessage(e), "\n", file = stderr())
      list(glmer = NULL)
    })
    out[name] <- list(if (is.null(r$glmer)) NULL else round(r$glmer, 1))
    if (!is.null(r$tmb)) out[paste0(name, "@glmmTMB")] <- list(round(r$tmb, 1))
  }
  cat(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"), "\n")
}

main(commandArgs(trailingOnly = TRUE))
