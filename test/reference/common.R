# Shared helpers for the R reference scripts (test/reference/*.R, sourced by most of them, and by the
# timing scripts through bench/r/common.R). Run from the repo root.
#
# Data conventions (the same ones the engine must follow):
#  - read.csv(..., stringsAsFactors = FALSE), so quoted numbers ("308") are read as numbers;
#  - the case's `factors` columns are then turned into factors with factor(), levels sorted in the
#    order of R in a UTF-8 locale, ICU collation (numbers numerically);
#  - an optional `subset` keeps the listed 1-based rows of the CSV (applied before the fit).

suppressPackageStartupMessages({
  library(lme4)
  library(lmerTest)
  library(jsonlite)
})
# factor levels as R sorts them in a UTF-8 locale (ICU collation): Quadrat's default order
invisible(Sys.setlocale("LC_COLLATE", "C.UTF-8"))
if (capabilities("ICU")) icuSetCollate(locale = "en")

DATA_DIR <- "test/data"
if (!dir.exists(DATA_DIR)) stop("run this script from the repository root (test/data not found)")

# Versions written into every fixture so a regeneration with other versions shows up in the diff.
generated_by <- function() {
  pv <- function(p) as.character(utils::packageVersion(p))
  list(
    R = paste(R.version$major, R.version$minor, sep = "."),
    lme4 = pv("lme4"), lmerTest = pv("lmerTest"), pbkrtest = pv("pbkrtest"),
    Matrix = pv("Matrix"), jsonlite = pv("jsonlite")
  )
}

# A vector that must stay a JSON array even when it has length 1 (auto_unbox would unbox it).
arr <- function(x) I(unname(as.vector(x)))

# NA / NaN / Inf / NULL become JSON null.
num_or_null <- function(x) if (is.null(x) || length(x) == 0 || !is.finite(x)) NULL else unname(x)

write_fixture <- function(x, path) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  jsonlite::write_json(x, path, auto_unbox = TRUE, digits = NA, pretty = TRUE,
                       na = "null", null = "null")
  cat("wrote", path, "\n")
}

# `data` is a file in test/data, or any path that exists (the benchmarks' generated files).
load_case_data <- function(case) {
  path <- if (file.exists(case$data)) case$data else file.path(DATA_DIR, case$data)
  d <- read.csv(path, stringsAsFactors = FALSE)
  for (f in unlist(case$factors)) d[[f]] <- factor(d[[f]])
  if (!is.null(case$subset)) d <- d[unlist(case$subset$rows), , drop = FALSE]
  rownames(d) <- NULL
  d
}

# Evaluate expr, collecting (and muffling) every warning and message it emits.
capture <- function(expr) {
  msgs <- character(0)
  value <- withCallingHandlers(
    expr,
    warning = function(w) {
      msgs <<- c(msgs, conditionMessage(w))
      invokeRestart("muffleWarning")
    },
    message = function(m) {
      msgs <<- c(msgs, sub("\n$", "", conditionMessage(m)))
      invokeRestart("muffleMessage")
    }
  )
  list(value = value, messages = msgs)
}

# Like capture(), but an error becomes list(value = NULL, error = message).
capture_safely <- function(expr) {
  tryCatch(capture(expr), error = function(e) {
    list(value = NULL, messages = character(0), error = conditionMessage(e))
  })
}

# Fit a case with lmerTest::lmer. do.call puts the data frame itself into the stored call, so every
# later update() (ranova, step, anova refits, profile, emmeans) finds it whatever frame it runs in.
fit_case <- function(case, d = load_case_data(case), reml = isTRUE(case$REML)) {
  args <- list(formula = as.formula(case$formula), data = d, REML = reml)
  if (!is.null(case$weights)) args$weights <- d[[case$weights]]
  do.call(lmerTest::lmer, args)
}

# One anova-style data.frame (lmerTest's anova / contest / drop1 / ranova) as a list of rows.
anova_rows <- function(tab) {
  if (is.null(tab) || nrow(tab) == 0) return(list())
  cols <- c(
    "Sum Sq" = "sumSq", "Mean Sq" = "meanSq", "NumDF" = "numDf", "DenDF" = "denDf",
    "F value" = "fValue", "Pr(>F)" = "pValue", "npar" = "npar", "logLik" = "logLik",
    "AIC" = "aic", "LRT" = "lrt", "Df" = "df", "Pr(>Chisq)" = "pValue",
    "Estimate" = "estimate", "Std. Error" = "stdError", "df" = "df", "t value" = "tValue",
    "lower" = "lower", "upper" = "upper", "Pr(>|t|)" = "pValue", "BIC" = "bic",
    "deviance" = "deviance", "Chisq" = "chisq", "Eliminated" = "eliminated"
  )
  lapply(seq_len(nrow(tab)), function(i) {
    row <- list(term = rownames(tab)[i])
    for (cn in colnames(tab)) {
      key <- if (cn %in% names(cols)) cols[[cn]] else cn
      v <- tab[i, cn]
      row[key] <- list(if (is.numeric(v)) num_or_null(v) else v)
    }
    row
  })
}
