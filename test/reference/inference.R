# Inference reference fixtures (lmerTest, pbkrtest, emmeans): writes
# test/reference/fixtures/inference/<case>.json for a few of the lmm.R cases. Run from the repo root:
#   Rscript test/reference/inference.R            # all cases
#   Rscript test/reference/inference.R oats ham   # only the named cases
#
# JSON shape (numbers at 15 significant digits; NA/NaN/Inf are null). Table rows use the keys of
# common.R's anova_rows(): term (R's row name), sumSq, meanSq, numDf, denDf, fValue, pValue, npar,
# logLik, aic, bic, deviance, chisq, lrt, df, estimate, stdError, tValue, lower, upper, eliminated.
# { case, data, factors, formula, REML, subset (as in lmm fixtures), generatedBy,
#   expected: {
#     contest: [{name, terms: fixef names, L: [[row of L]], joint: bool, ddf: "Satterthwaite"|"Kenward-Roger",
#                rows}]   lmerTest::contest(m, L, joint, ddf); joint = FALSE gives one t-test row per
#                         row of L (estimate, stdError, df, tValue, lower, upper, pValue), joint = TRUE
#                         one F-test row (sumSq, meanSq, numDf, denDf, fValue, pValue)
#     ranova: rows of ranova(m) (term "<none>" first, then e.g. "Days in (Days | Subject)"),
#     ranovaMessages: messages emitted while refitting (e.g. boundary fits)
#     step: {finalFormula, random: rows of step(m)$random, fixed: rows of step(m)$fixed, messages}
#     confint: {profile: [{term, lower, upper}], wald: [...], profileMessages}
#              confint(m, method = "profile" | "Wald", oldNames = FALSE), 95%; Wald is null for
#              variance parameters
#     lrt: {models: [{name, formula, messages}], rows}  anova(m_small, m_large) of two ML fits (refit = FALSE)
#     drop1: {satterthwaite: rows, kr: rows}  lmerTest drop1(m, ddf = ...)
#     icc: {definition, values: {group: icc}} for models whose random terms are all intercepts,
#          else null: variance of the group's intercept / (sum of random variances + sigma^2)
#     emmeans: (oats, ham only) {factor, satterthwaite: {emmeans, contrasts}, kr: {emmeans, contrasts},
#              messages}  emmeans(m, pairwise ~ factor, lmer.df = ...), Tukey-adjusted contrasts;
#              emmeans rows {level, emmean, SE, df, lowerCL, upperCL}, contrast rows {contrast,
#              estimate, SE, df, tRatio, pValue} } }
#     emmeansBy: (ham only) the same for emmeans(m, pairwise ~ factor | by), with `by` in the entry and
#              in every row; comparisons and their Tukey adjustment are within each level of by

source("test/reference/common.R")
source("test/reference/cases.R")
suppressPackageStartupMessages(library(emmeans))

OUT_DIR <- "test/reference/fixtures/inference"

# L matrices are given by name of the fixed effect, so the fixture states exactly what was tested.
lrow <- function(terms, ...) {
  w <- c(...)
  stopifnot(all(names(w) %in% terms))
  r <- setNames(numeric(length(terms)), terms)
  r[names(w)] <- w
  r
}

inference_cases <- function() {
  base <- lmm_cases()
  names(base) <- vapply(base, `[[`, "", "case")
  pick <- function(name, as, extra) {
    x <- modifyList(base[[name]], extra)
    x$case <- as
    x
  }
  sleep_extra <- list(
    L = function(t) list(
      days = list(lrow(t, Days = 1)),
      mean_at_day5 = list(lrow(t, "(Intercept)" = 1, Days = 5)),
      both = list(lrow(t, "(Intercept)" = 1), lrow(t, Days = 1))),
    lrt = c("Reaction ~ 1 + (Days | Subject)", "Reaction ~ Days + (Days | Subject)")
  )
  list(
    pick("sleepstudy_reml", "sleepstudy", sleep_extra),
    pick("sleepstudy_unbalanced", "sleepstudy_unbalanced", sleep_extra),
    pick("penicillin", "penicillin", list(
      L = function(t) list(intercept = list(lrow(t, "(Intercept)" = 1))),
      lrt = c("diameter ~ 1 + (1 | plate)", "diameter ~ 1 + (1 | plate) + (1 | sample)"))),
    pick("ham", "ham", list(
      L = function(t) list(
        product2_vs_3 = list(lrow(t, Product2 = 1, Product3 = -1)),
        product = lapply(paste0("Product", 2:4), function(p) lrow(t, setNames(1, p)))),
      lrt = c("Informed.liking ~ Product + Information + Gender + (1 | Consumer) + (1 | Product:Consumer)",
              "Informed.liking ~ Product * Information * Gender + (1 | Consumer) + (1 | Product:Consumer)"),
      emmeans = "Product",
      emmeansBy = c("Product", "Information"))),
    pick("oats", "oats", list(
      L = function(t) list(
        marvellous_vs_victory = list(lrow(t, VarietyMarvellous = 1, VarietyVictory = -1)),
        variety = list(lrow(t, VarietyMarvellous = 1), lrow(t, VarietyVictory = 1))),
      lrt = c("yield ~ Variety + (1 | Block/Variety)", "yield ~ nitro + Variety + (1 | Block/Variety)"),
      emmeans = "Variety")),
    pick("orthodont", "orthodont", list(
      L = function(t) list(
        male_slope = list(lrow(t, age = 1, "age:SexMale" = 1)),
        sex = list(lrow(t, SexMale = 1), lrow(t, "age:SexMale" = 1))),
      lrt = c("distance ~ age + Sex + (age | Subject)", "distance ~ age * Sex + (age | Subject)")))
  )
}

contest_entries <- function(m, Ls) {
  terms <- names(fixef(m))
  out <- list()
  for (name in names(Ls)) {
    L <- do.call(rbind, Ls[[name]])
    for (joint in c(FALSE, TRUE)) {
      for (ddf in c("Satterthwaite", "Kenward-Roger")) {
        tab <- contest(m, L, joint = joint, ddf = ddf)
        out[[length(out) + 1]] <- list(
          name = name, terms = arr(terms), L = lapply(seq_len(nrow(L)), function(i) arr(L[i, ])),
          joint = joint, ddf = ddf, rows = anova_rows(as.data.frame(tab)))
      }
    }
  }
  out
}

step_entry <- function(m) {
  r <- capture(lmerTest::step(m))
  s <- r$value
  final <- paste(deparse(formula(get_model(s)), width.cutoff = 500L), collapse = " ")
  list(finalFormula = final,
       random = anova_rows(as.data.frame(s$random)),
       fixed = if (is.null(s$fixed)) list() else anova_rows(as.data.frame(s$fixed)),
       messages = arr(r$messages))
}

confint_rows <- function(ci) {
  lapply(rownames(ci), function(t) list(term = t, lower = num_or_null(ci[t, 1]), upper = num_or_null(ci[t, 2])))
}

confint_entry <- function(m) {
  prof <- capture(confint(m, method = "profile", oldNames = FALSE))
  wald <- confint(m, method = "Wald", oldNames = FALSE)
  list(profile = confint_rows(prof$value), wald = confint_rows(wald),
       profileMessages = arr(prof$messages))
}

# anova() on two ML fits; the row names are the object names m_small, m_large.
lrt_entry <- function(formulas, d) {
  fit_ml <- function(f) capture(do.call(lme4::lmer, list(formula = as.formula(f), data = d, REML = FALSE)))
  small <- fit_ml(formulas[1])
  large <- fit_ml(formulas[2])
  m_small <- small$value
  m_large <- large$value
  tab <- anova(m_small, m_large, refit = FALSE)
  list(models = list(list(name = "m_small", formula = formulas[1], messages = arr(small$messages)),
                     list(name = "m_large", formula = formulas[2], messages = arr(large$messages))),
       rows = anova_rows(as.data.frame(tab)))
}

icc_entry <- function(m) {
  vc <- as.data.frame(VarCorr(m))
  ran <- vc[vc$grp != "Residual" & is.na(vc$var2), ]
  if (any(ran$var1 != "(Intercept)")) return(NULL)
  total <- sum(ran$vcov) + sigma(m)^2
  list(definition = "var(group intercept) / (sum of random-effect variances + sigma^2)",
       values = as.list(setNames(ran$vcov / total, ran$grp)))
}

# emmeans(m, pairwise ~ factor) or, with `by`, emmeans(m, pairwise ~ factor | by): the means of
# factor within each level of by and the Tukey-adjusted comparisons within each (rows then carry `by`).
emmeans_entry <- function(m, factor, by = NULL) {
  spec <- paste("pairwise ~", factor, if (!is.null(by)) paste("|", by))
  with_by <- function(row, df, i) if (is.null(by)) row else c(row, list(by = as.character(df[[by]][i])))
  one <- function(df_method) {
    r <- capture(emmeans(m, as.formula(spec), lmer.df = df_method))
    em <- as.data.frame(summary(r$value$emmeans))
    ct <- as.data.frame(summary(r$value$contrasts))
    list(
      emmeans = lapply(seq_len(nrow(em)), function(i) with_by(list(
        level = as.character(em[[factor]][i]), emmean = em$emmean[i], SE = em$SE[i], df = em$df[i],
        lowerCL = em$lower.CL[i], upperCL = em$upper.CL[i]), em, i)),
      contrasts = lapply(seq_len(nrow(ct)), function(i) with_by(list(
        contrast = as.character(ct$contrast[i]), estimate = ct$estimate[i], SE = ct$SE[i],
        df = ct$df[i], tRatio = ct$t.ratio[i], pValue = ct$p.value[i]), ct, i)),
      adjust = "tukey",
      messages = arr(r$messages))
  }
  out <- list(factor = factor, satterthwaite = one("satterthwaite"), kr = one("kenward-roger"))
  if (!is.null(by)) out$by <- by
  out
}

run_case <- function(case) {
  cat("inference for", case$case, "...\n")
  d <- load_case_data(case)
  m <- fit_case(case, d)
  ranova_r <- capture(ranova(m))
  e <- list(
    contest = contest_entries(m, case$L(names(fixef(m)))),
    ranova = anova_rows(as.data.frame(ranova_r$value)),
    ranovaMessages = arr(ranova_r$messages),
    step = step_entry(m),
    confint = confint_entry(m),
    lrt = lrt_entry(case$lrt, d),
    drop1 = list(satterthwaite = anova_rows(as.data.frame(drop1(m, ddf = "Satterthwaite"))),
                 kr = anova_rows(as.data.frame(drop1(m, ddf = "Kenward-Roger")))),
    icc = icc_entry(m)
  )
  if (!is.null(case$emmeans)) e$emmeans <- emmeans_entry(m, case$emmeans)
  if (!is.null(case$emmeansBy)) e$emmeansBy <- emmeans_entry(m, case$emmeansBy[1], case$emmeansBy[2])
  fixture <- list(
    case = case$case, data = case$data, factors = arr(case$factors), formula = case$formula,
    REML = isTRUE(case$REML),
    subset = if (is.null(case$subset)) NULL else list(
      description = case$subset$description, rows = arr(as.integer(case$subset$rows))),
    generatedBy = c(generated_by(), emmeans = as.character(utils::packageVersion("emmeans"))),
    expected = e
  )
  write_fixture(fixture, file.path(OUT_DIR, paste0(case$case, ".json")))
}

main <- function(args) {
  cases <- inference_cases()
  names(cases) <- vapply(cases, `[[`, "", "case")
  wanted <- if (length(args)) args else names(cases)
  unknown <- setdiff(wanted, names(cases))
  if (length(unknown)) stop("unknown case(s): ", paste(unknown, collapse = ", "))
  for (n in wanted) run_case(cases[[n]])
}

main(commandArgs(trailingOnly = TRUE))
