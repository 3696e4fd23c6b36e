# Times one model's FIRST fit in a fresh R session, for `npm run bench` (bench/firstFit.ts): the fair
# counterpart of a fresh `quadrat fit` process, since R byte-compiles lme4's R code on its first calls.
#
# Usage:  Rscript bench/r/time_first.R case.json MODE
# Input:  a JSON array with one case {case, data, factors, formula, REML?, family?, link?, nAGQ?, subset?}
#         (as time_lmer.R / time_glmer.R); no family (or gaussian): lmer, else glmer.
# MODE:   fit    lme4::lmer / lme4::glmer alone
#         df     lmerTest::lmer, then summary() and anova() (Satterthwaite df, type III), as `quadrat fit`
#                prints them; for a GLMM the same as fit followed by summary()
# Output: one JSON object {loadMs, dataMs, wallMs, cpuMs}: loading the packages (common.R), reading the
#         data, and the first fit's elapsed and CPU (user + system) ms.

t_start <- proc.time()
source("bench/r/common.R")
load_ms <- (proc.time() - t_start)[["elapsed"]] * 1000

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2 || !args[2] %in% c("fit", "df")) fail("usage: Rscript bench/r/time_first.R case.json fit|df")
case <- read_input(args[1])[[1]]
mode <- args[2]

t_data <- proc.time()
d <- load_case_data(case)
data_ms <- (proc.time() - t_data)[["elapsed"]] * 1000
f <- as.formula(case$formula)
glmm <- !is.null(case$family) && case$family != "gaussian"

run <- function() {
  if (glmm) {
    fam <- if (is.null(case$link)) get(case$family)() else get(case$family)(link = case$link)
    m <- lme4::glmer(f, data = d, family = fam, nAGQ = int_or(case$nAGQ, 1L))
    if (mode == "df") invisible(summary(m))
  } else if (mode == "fit") {
    lme4::lmer(f, data = d, REML = isTRUE(case$REML))
  } else {
    m <- lmerTest::lmer(f, data = d, REML = isTRUE(case$REML))
    invisible(summary(m))
    invisible(anova(m, type = 3))
  }
}

t <- system.time(suppressMessages(suppressWarnings(run())))
cat(toJSON(list(loadMs = load_ms, dataMs = data_ms, wallMs = t[["elapsed"]] * 1000,
                cpuMs = (t[["user.self"]] + t[["sys.self"]]) * 1000), auto_unbox = TRUE, digits = NA), "\n")
