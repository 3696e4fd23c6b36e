# The model cases fitted by lmm.R (and partly reused by inference.R). Each case:
#   case     fixture name (file fixtures/lmm/<case>.json)
#   data     CSV in test/data
#   factors  columns turned into factors after read.csv
#   formula  lme4 formula
#   REML     TRUE for REML, FALSE for ML
#   subset   optional list(description, rows = 1-based CSV rows kept)
#   lite     TRUE: skip Kenward-Roger, anova tables and ranef (InstEval: too slow to be useful)
#   runs     number of timed fits (median taken); default 5
#   weights  optional name of a column of prior weights (lmer's weights =)

read_raw <- function(file) read.csv(file.path("test/data", file), stringsAsFactors = FALSE)

subset_single_obs <- function() {
  s <- read_raw("sleepstudy.csv")
  drop <- which(s$Subject == 309)[-1]
  list(description = "sleepstudy without the rows of Subject 309 after its first (Days = 0): Subject 309 has one observation",
       rows = setdiff(seq_len(nrow(s)), drop))
}

subset_unbalanced <- function() {
  set.seed(1)
  list(description = "set.seed(1); sort(sample(180, 120)): 120 random rows of sleepstudy, unequal counts per Subject",
       rows = sort(sample(180, 120)))
}

subset_oats_empty_cell <- function() {
  o <- read_raw("Oats.csv")
  list(description = "Oats without the Variety = Victory, nitro = 0.6 cell, so that interaction column is all zero",
       rows = which(!(o$Variety == "Victory" & o$nitro == 0.6)))
}

case <- function(case, data, factors, formula, REML = TRUE, subset = NULL, lite = FALSE, runs = 5, weights = NULL) {
  list(case = case, data = data, factors = factors, formula = formula, REML = REML,
       subset = subset, lite = lite, runs = runs, weights = weights)
}

lmm_cases <- function() {
  ss <- "sleepstudy.csv"
  list(
    case("sleepstudy_reml", ss, "Subject", "Reaction ~ Days + (Days | Subject)"),
    case("sleepstudy_ml", ss, "Subject", "Reaction ~ Days + (Days | Subject)", REML = FALSE),
    case("sleepstudy_uncorrelated", ss, "Subject", "Reaction ~ Days + (Days || Subject)"),
    case("penicillin", "Penicillin.csv", c("plate", "sample"), "diameter ~ 1 + (1 | plate) + (1 | sample)"),
    case("pastes", "Pastes.csv", c("batch", "cask"), "strength ~ 1 + (1 | batch/cask)"),
    case("dyestuff_reml", "Dyestuff.csv", "Batch", "Yield ~ 1 + (1 | Batch)"),
    case("dyestuff_ml", "Dyestuff.csv", "Batch", "Yield ~ 1 + (1 | Batch)", REML = FALSE),
    case("dyestuff2_reml", "Dyestuff2.csv", "Batch", "Yield ~ 1 + (1 | Batch)"),
    case("dyestuff2_ml", "Dyestuff2.csv", "Batch", "Yield ~ 1 + (1 | Batch)", REML = FALSE),
    case("orthodont", "Orthodont.csv", c("Subject", "Sex"), "distance ~ age * Sex + (age | Subject)"),
    case("orthodont_intercept", "Orthodont.csv", c("Subject", "Sex"), "distance ~ age * Sex + (1 | Subject)"),
    case("oats", "Oats.csv", c("Block", "Variety"), "yield ~ nitro + Variety + (1 | Block/Variety)"),
    case("ham", "ham.csv", c("Consumer", "Product", "Information", "Gender"),
         "Informed.liking ~ Product * Information * Gender + (1 | Consumer) + (1 | Product:Consumer)"),
    case("insteval_ml", "InstEval.csv", c("s", "d", "dept", "service"),
         "y ~ service + (1 | s) + (1 | d) + (1 | dept:service)", REML = FALSE, lite = TRUE, runs = 1),
    # Edge cases.
    case("sleepstudy_single_obs", ss, "Subject", "Reaction ~ Days + (Days | Subject)", subset = subset_single_obs()),
    case("sleepstudy_unbalanced", ss, "Subject", "Reaction ~ Days + (Days | Subject)", subset = subset_unbalanced()),
    case("sleepstudy_rankdef", "sleepstudy_rankdef.csv", "Subject", "Reaction ~ Days + Days2 + (Days | Subject)"),
    case("oats_empty_cell", "Oats.csv", c("Block", "Variety", "nitro"), "yield ~ Variety * nitro + (1 | Block)",
         subset = subset_oats_empty_cell()),
    case("sleepstudy_na", "sleepstudy_na.csv", "Subject", "Reaction ~ Days + (Days | Subject)"),
    # A random slope on an uncentred covariate whose moment start lies in the basin of a boundary optimum
    # (criterion 266.08, singular) that lme4's start avoids (261.47).
    case("slope_start_trap", "slope_start_trap.csv", "g", "y ~ x + (x | g)"),
    # Formula features (model-matrix column naming).
    case("formula_I_power", ss, "Subject", "Reaction ~ Days + I(Days^2) + (1 | Subject)"),
    case("formula_poly", ss, "Subject", "Reaction ~ poly(Days, 2) + (1 | Subject)"),
    case("formula_log_response", ss, "Subject", "log(Reaction) ~ Days + (1 | Subject)"),
    case("formula_scale", ss, "Subject", "Reaction ~ scale(Days) + (1 | Subject)"),
    case("formula_numeric_by_factor", "Oats.csv", c("Block", "Variety"), "yield ~ nitro * Variety + (1 | Block)"),
    case("formula_I_logical", "Orthodont.csv", c("Subject", "Sex"), "distance ~ I(age > 10) + Sex + (1 | Subject)"),
    case("formula_no_intercept", "Oats.csv", c("Block", "Variety"), "yield ~ 0 + Variety + (1 | Block)"),
    case("sleepstudy_weights", "sleepstudy_weights.csv", "Subject", "Reaction ~ Days + (Days | Subject)", weights = "w"),
    case("sleepstudy_offset", ss, "Subject", "Reaction ~ Days + offset(2 * Days) + (1 | Subject)"),
    # Plots nested in sites with a site-varying slope and a crossed year (issue 18's field design at
    # 1/36 of its size): Quadrat eliminates it supernodally, with only the year block dense.
    case("field_nested_slopes", "field_small.csv", c("site", "plot", "year"),
         "y ~ temperature + (1 + temperature | site) + (1 | site:plot) + (1 | year)")
  )
}
