# Design (formula → model matrices) reference fixtures: for every case below, lme4's lFormula() gives
# the model frame, X (after lme4's rank-deficiency column drop) and the random-effects terms; this
# writes test/reference/fixtures/design/<case>.json. Run from the repo root:
#   Rscript test/reference/design.R
# It also (re)writes the synthetic edge-case data set fixtures/design/edge.csv (deterministic).
#
# JSON shape (numbers at 15 significant digits):
# { case, data, formula, factors, weights, generatedBy,
#   error: lme4's error message, or null; then, when there is no error:
#   n, nDropped, messages (lme4 warnings/messages: rank deficiency, scaling),
#   fixedNames: colnames(X), droppedFixed: names(attr(X, "col.dropped")),
#   sample: 1-based positions (in the rows used) of the sampled rows,
#   rows: their 1-based rows in the data file, y: model.response at them,
#   X: the sampled rows of X, row-major; Xsums: colSums(X),
#   offset, weightValues: offsets and prior weights at the sampled rows (null if none),
#   reterms: [{ term: names(Ztlist)[i] ("Days | Subject"), group: names(cnms)[i], levels,
#               termNames: cnms[[i]], refs: 1-based level of each sampled row,
#               z: the term's model matrix at the sampled rows, row-major, zsums: its colSums }] }

source("test/reference/common.R")

OUT_DIR <- "test/reference/fixtures/design"
EDGE <- file.path(OUT_DIR, "edge.csv")

write_edge_data <- function() {
  set.seed(20240611)
  n <- 120
  g <- sprintf("g%02d", rep(1:12, each = 10))
  site <- rep(c("north", "south", "east", "west"), each = 30)
  plot <- rep(rep(c("p1", "p2", "p3"), each = 10), 4)
  sub <- rep(c("a", "b"), 60)
  x <- round(rnorm(n, 10, 3), 3)
  week <- rep(0:4, 24)
  f <- rep(c("lo", "mid", "hi"), 40)
  f[c(5, 17)] <- "rare"                 # "rare" occurs only where y is missing → unused level dropped
  flag <- ifelse(x > 10, "TRUE", "FALSE")
  flag[c(8, 50)] <- NA
  between <- rep(round(runif(12, 0, 5), 2), each = 10) # constant within each g
  cont <- rep(c(1.5, 2.25, 3.75, 4.5, 6), 24)          # a numeric "grouping" column with fractions
  w <- round(runif(n, 0.5, 2), 3)
  tot <- sample(5:40, n, replace = TRUE)
  big <- round(x * 1e5 + rnorm(n, 0, 1e4), 1)
  single <- rep("only", n)
  one <- ifelse(seq_len(n) %in% c(5, 17), "b", "a")  # level "b" only where y is missing
  y <- round(5 + 0.8 * x + 0.3 * week + rnorm(n), 3)
  y[c(5, 17, 33)] <- NA
  x[c(40, 41)] <- NA
  d <- data.frame(y, x, week, f, flag, g, site, plot, sub, between, cont, w, tot, big, single, one)
  write.csv(d, EDGE, row.names = FALSE, na = "")
}

case <- function(name, data, formula, factors = character(0), weights = NULL) {
  list(case = name, data = data, formula = formula, factors = factors, weights = weights)
}

CASES <- list(
  case("sleepstudy_corr", "sleepstudy.csv", "Reaction ~ Days + (Days | Subject)", "Subject"),
  case("sleepstudy_uncorr", "sleepstudy.csv", "Reaction ~ Days + (Days || Subject)", "Subject"),
  case("sleepstudy_numeric_group", "sleepstudy.csv", "Reaction ~ Days + (1 | Subject)"),
  case("sleepstudy_poly", "sleepstudy.csv", "log(Reaction) ~ poly(Days, 2) + (1 | Subject)", "Subject"),
  case("sleepstudy_poly_raw", "sleepstudy.csv", "Reaction ~ poly(Days, 3, raw = TRUE) + (1 | Subject)", "Subject"),
  case("sleepstudy_poly_collinear", "sleepstudy.csv", "Reaction ~ Days + poly(Days, 2) + (1 | Subject)", "Subject"),
  case("sleepstudy_transforms", "sleepstudy.csv",
       "Reaction ~ scale(Days) + I(Days^2) + I(Days > 2) + log1p(Days) + sqrt(Days) + exp(Days/10) + abs(Days - 4) + log2(Days + 1) + log10(Days + 1) + I(-Days^3 * 1e-3) + (0 + Days | Subject)",
       "Subject"),
  case("sleepstudy_factor", "sleepstudy.csv", "Reaction ~ factor(Days) + (1 | Subject)", "Subject"),
  case("sleepstudy_no_intercept_logical", "sleepstudy.csv", "Reaction ~ 0 + Days + I(Days > 4) + (1 | Subject)", "Subject"),
  case("sleepstudy_minus_one", "sleepstudy.csv", "Reaction ~ Days - 1 + (Days | Subject)", "Subject"),
  case("sleepstudy_nre_error", "sleepstudy.csv", "Reaction ~ Days + (factor(Days) | Subject)", "Subject"),
  case("penicillin_crossed", "Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)"),
  case("penicillin_reordered", "Penicillin.csv", "diameter ~ (1 | sample) + (1 | plate)"),
  case("pastes_nested", "Pastes.csv", "strength ~ 1 + (1 | batch/cask)"),
  case("pastes_interaction", "Pastes.csv", "strength ~ (1 | batch) + (1 | cask:batch)"),
  case("pastes_sample", "Pastes.csv", "strength ~ (1 | sample) + (1 | batch)"),
  case("dyestuff", "Dyestuff.csv", "Yield ~ 1 + (1 | Batch)"),
  case("oats_cross", "Oats.csv", "yield ~ nitro * Variety + (1 | Block/Variety)"),
  case("oats_no_intercept", "Oats.csv", "yield ~ 0 + Variety + nitro + (1 | Block)"),
  case("oats_factor_by_numeric", "Oats.csv", "yield ~ Variety:nitro + (1 | Block)"),
  case("oats_factor_by_factor", "Oats.csv", "yield ~ Variety:factor(nitro) + (1 | Block)"),
  case("oats_power", "Oats.csv", "yield ~ (Variety + factor(nitro) + Block)^2 + (1 | Block)"),
  case("oats_nest_fixed", "Oats.csv", "yield ~ nitro/Variety + (1 | Block)"),
  case("oats_minus_term", "Oats.csv", "yield ~ Variety * nitro - Variety + (1 | Block)"),
  case("oats_compare_text", "Oats.csv", "yield ~ I(Variety == \"Victory\") + nitro + (nitro | Block)"),
  case("oats_interaction_first", "Oats.csv", "yield ~ nitro:Variety + Variety + (1 | Block)"),
  case("orthodont", "Orthodont.csv", "distance ~ age * Sex + (age | Subject)"),
  case("orthodont_factor_uncorr", "Orthodont.csv", "distance ~ age + (Sex || Subject)"),
  case("orthodont_factor_slope", "Orthodont.csv", "distance ~ age + (0 + Sex | Subject)"),
  case("ham", "ham.csv", "Informed.liking ~ Product * Information + (1 | Consumer) + (1 | Product:Consumer)",
       c("Consumer", "Product", "Information")),
  case("ham_nlev_error", "ham.csv", "Informed.liking ~ Product + (1 | Consumer/Product/Information)",
       c("Consumer", "Product", "Information")),
  case("grouseticks", "grouseticks.csv", "log(TICKS + 1) ~ YEAR + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION)",
       c("YEAR", "BROOD", "LOCATION")),
  case("salamanders", "Salamanders.csv", "count ~ spp * mined + cover + (1 | site)"),
  case("cbpp_ratio", "cbpp.csv", "incidence/size ~ period + (1 | herd)", c("herd", "period")),
  case("ovary", "Ovary.csv", "follicles ~ Time + I(Time^2) + (Time | Mare)", "Mare"),
  case("insteval", "InstEval.csv", "y ~ service + (1 | s) + (1 | d) + (1 | dept:service)",
       c("s", "d", "dept", "service")),
  case("edge_missing", "edge.csv", "y ~ x + f + flag + (1 | g)"),
  case("edge_nested3", "edge.csv", "y ~ x + (1 | site/plot/sub)"),
  case("edge_weights_offset", "edge.csv", "y ~ x + offset(log(tot)) + (1 | g)", weights = "w"),
  case("edge_cont_group", "edge.csv", "y ~ x + (1 | cont)"),
  case("edge_between_slope", "edge.csv", "y ~ x + (between | g)"),
  case("edge_scale", "edge.csv", "y ~ big + x + (1 | g)"),
  case("edge_logical_full", "edge.csv", "y ~ 0 + flag + x + (1 | g)"),
  case("edge_compare_factor", "edge.csv", "y ~ I(f == \"lo\") + x + (1 | g)"),
  case("edge_numeric_interaction_group", "edge.csv", "y ~ x + (1 | week:g)"),
  case("edge_order_ties", "edge.csv", "y ~ (x || g) + (1 | site) + (1 | plot:site)"),
  case("edge_three_way", "edge.csv", "y ~ x * week * f + (1 | g)"),
  case("edge_single_level", "edge.csv", "y ~ x + (1 | single)"),
  case("edge_one_level_fixed", "edge.csv", "y ~ x + one + (1 | g)")
)

load_data <- function(cs) {
  path <- if (cs$data == "edge.csv") EDGE else file.path(DATA_DIR, cs$data)
  d <- read.csv(path, stringsAsFactors = FALSE)
  for (f in cs$factors) d[[f]] <- factor(d[[f]])
  d
}

# Positions (1-based, in the rows used) to store: all of a small model, ~120 spread rows otherwise.
sample_rows <- function(n) if (n <= 150) seq_len(n) else unique(round(seq(1, n, length.out = 120)))

row_major <- function(m) arr(as.vector(t(as.matrix(m))))

reterm_info <- function(rt, i, s) {
  Zt <- rt$Ztlist[[i]]
  asgn <- attr(rt$flist, "assign")[i]
  ff <- rt$flist[[asgn]]
  cnms <- rt$cnms[[i]]
  nc <- length(cnms)
  refs <- as.integer(ff)
  z <- matrix(0, length(refs), nc)
  for (k in seq_len(nc)) z[, k] <- Zt[cbind((refs - 1L) * nc + k, seq_along(refs))]
  list(term = names(rt$Ztlist)[i], group = names(rt$cnms)[i], levels = arr(levels(ff)),
       termNames = arr(cnms), refs = arr(refs[s]), z = row_major(z[s, , drop = FALSE]),
       zsums = arr(colSums(z)))
}

run_case <- function(cs) {
  d <- load_data(cs)
  args <- list(formula = as.formula(cs$formula), data = d)
  if (!is.null(cs$weights)) args$weights <- d[[cs$weights]]
  res <- capture_safely(do.call(lme4::lFormula, args))
  out <- c(cs[c("case", "data", "formula")], list(factors = arr(cs$factors), weights = cs$weights,
           generatedBy = generated_by()[c("R", "lme4", "Matrix")]))
  if (!is.null(res$error)) return(c(out, list(error = res$error)))
  lf <- res$value
  fr <- lf$fr
  X <- lf$X
  n <- nrow(fr)
  s <- sample_rows(n)
  off <- model.offset(fr)
  w <- model.weights(fr)
  c(out, list(
    error = NULL, n = n, nDropped = nrow(d) - n, messages = arr(c(character(0), res$messages)),
    fixedNames = arr(colnames(X)), droppedFixed = arr(c(character(0), names(attr(X, "col.dropped")))),
    sample = arr(s), rows = arr(as.integer(rownames(fr))[s]), y = arr(model.response(fr)[s]),
    X = row_major(X[s, , drop = FALSE]), Xsums = arr(colSums(X)),
    offset = if (is.null(off)) NULL else arr(off[s]),
    weightValues = if (is.null(w)) NULL else arr(w[s]),
    reterms = lapply(seq_along(lf$reTrms$Ztlist), function(i) reterm_info(lf$reTrms, i, s))
  ))
}

write_edge_data()
only <- commandArgs(trailingOnly = TRUE)
for (cs in CASES) {
  if (length(only) && !(cs$case %in% only)) next
  write_fixture(run_case(cs), file.path(OUT_DIR, paste0(cs$case, ".json")))
}
