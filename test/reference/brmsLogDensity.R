# brms reference for the Bayesian model (src-engine/bayes/model): for each case, brms 2.18 builds
# and compiles the Stan model (rstan backend); Stan itself then evaluates the log density and its
# gradient (rstan::log_prob / grad_log_prob with the Jacobian adjustment) at random unconstrained
# points. Also get_prior() (default priors) and the generated Stan code and data (for reading).
# Run from the repo root (each model compiles for about a minute):
#   Rscript test/reference/brmsLogDensity.R              # all cases
#   Rscript test/reference/brmsLogDensity.R sleepstudy   # only the named cases
# Writes test/reference/fixtures/brms/<case>.json:
# { case, data, factors, subset, formula, family, priors: [{prior, class, coef, group, lb, ub}],
#   generatedBy, stancode, getPrior: [{prior, class, coef, group, resp, dpar, nlpar, lb, ub, source}],
#   standata: {N, K, Y, J_1, …}, stanValues: Stan's b, Intercept, b_Intercept, sd_k, cor_k, sigma, shape, r_k…
#   at the first point (constrain_pars), brmsNames: the columns of as.data.frame(fit),
#   upars: dim, points: [[...]], logProb: [...], grad: [[...]] }

source("test/reference/common.R")
suppressPackageStartupMessages({
  library(brms)
  library(rstan)
})
rstan::rstan_options(auto_write = FALSE, boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/brms"

read_raw <- function(file) read.csv(file.path(DATA_DIR, file), stringsAsFactors = FALSE)
locus_rows <- function(locus) {
  d <- read_raw("oyster_methylation.csv")
  list(description = paste0("the rows of locus ", locus), rows = which(d$locus == locus))
}

bcase <- function(case, data, factors, formula, family, subset = NULL, priors = list(), description = "") {
  list(case = case, data = data, factors = factors, formula = formula, family = family, subset = subset,
       priors = priors, description = description)
}
pr <- function(prior, class, coef = "", group = "", lb = NA, ub = NA) {
  list(prior = prior, class = class, coef = coef, group = group, lb = lb, ub = ub)
}

OY <- "methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)"
OYF <- c("tank", "treatment", "population")
GT <- c("INDEX", "BROOD", "YEAR", "LOCATION")
cases <- list(
  bcase("oyster_locus_ok", "oyster_methylation.csv", OYF, OY, "binomial", subset = locus_rows("L0001"),
        description = "binomial with trials, one ordinary CpG locus, default priors"),
  bcase("oyster_locus_separated", "oyster_methylation.csv", OYF, OY, "binomial", subset = locus_rows("L0006"),
        description = "locus L0006: exposed x Wild is 0% methylated (separated); default (flat) b"),
  bcase("oyster_locus_separated_b", "oyster_methylation.csv", OYF, OY, "binomial", subset = locus_rows("L0006"),
        priors = list(pr("normal(0, 2.5)", "b")),
        description = "locus L0006 with the weakly informative normal(0, 2.5) on b"),
  bcase("grouseticks", "grouseticks.csv", GT, "TICKS ~ YEAR + cHEIGHT + (1 | BROOD)", "poisson",
        description = "Poisson counts, broods"),
  bcase("sleepstudy", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (Days | Subject)", "gaussian",
        description = "gaussian, correlated random intercepts and slopes (LKJ)"),
  bcase("sleepstudy_priors", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (Days | Subject)", "gaussian",
        priors = list(pr("normal(5, 10)", "b", lb = 0), pr("student_t(5, 250, 40)", "Intercept"),
                      pr("cauchy(0, 20)", "sd"), pr("gamma(2, 0.1)", "sd", coef = "Days", group = "Subject"),
                      pr("exponential(0.05)", "sigma"), pr("lkj(2)", "cor")),
        description = "user priors: bounded normal on b, student_t, cauchy, gamma, exponential, lkj(2)"),
  bcase("grouseticks_negbin", "grouseticks.csv", GT, "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)", "negbinomial",
        priors = list(pr("normal(0, 1)", "b", coef = "cHEIGHT"), pr("gamma(2, 0.5)", "shape"), pr("normal(0, 1)", "sd", group = "LOCATION")),
        description = "negative binomial, two grouping factors, user priors on one coefficient, shape and one group's sd"),
  bcase("verbagg_bernoulli", "VerbAgg.csv", c("id", "item", "Gender", "btype", "situ"),
        "r2num ~ Anger + btype + (1 + Anger || item)", "bernoulli",
        description = "bernoulli 0/1, uncorrelated random intercept and slope (||)"),
  bcase("sleepstudy_cor3", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (Days + I(Days^2) | Subject)", "gaussian",
        priors = list(pr("lkj(1.5)", "cor")),
        description = "a 3 x 3 correlation matrix (the Cholesky transform's inner terms), lkj(1.5)"),
  bcase("grouseticks_nested", "grouseticks.csv", GT, "TICKS ~ YEAR + (1 | LOCATION/BROOD)", "poisson",
        description = "nested groups: brms's order and names (LOCATION, then LOCATION:BROOD)")
)

as_brms_prior <- function(p) {
  args <- list(prior = p$prior, class = p$class)
  if (nzchar(p$coef)) args$coef <- p$coef
  if (nzchar(p$group)) args$group <- p$group
  if (!is.na(p$lb)) args$lb <- p$lb
  if (!is.na(p$ub)) args$ub <- p$ub
  do.call(brms::set_prior, args)
}

prior_rows <- function(tab) {
  tab <- as.data.frame(tab)
  lapply(seq_len(nrow(tab)), function(i) {
    row <- list()
    for (cn in c("prior", "class", "coef", "group", "resp", "dpar", "nlpar", "lb", "ub", "source")) {
      v <- tab[i, cn]
      row[[cn]] <- if (is.na(v)) "" else as.character(v)
    }
    row
  })
}

run_case <- function(cs) {
  d <- load_case_data(cs)
  fam <- get(cs$family, envir = asNamespace("brms"))()
  f <- brms::bf(as.formula(cs$formula))
  pri <- if (length(cs$priors)) do.call(c, lapply(cs$priors, as_brms_prior)) else NULL
  gp <- brms::get_prior(f, data = d, family = fam)
  code <- brms::make_stancode(f, data = d, family = fam, prior = pri)
  sdata <- brms::make_standata(f, data = d, family = fam, prior = pri)
  fit <- suppressWarnings(brms::brm(f, data = d, family = fam, prior = pri, backend = "rstan",
                                    chains = 1, iter = 20, warmup = 10, refresh = 0, seed = 1))
  sf <- fit$fit
  dim <- rstan::get_num_upars(sf)
  set.seed(20261203)
  points <- lapply(1:4, function(k) round(rnorm(dim, 0, 0.7), 6))
  lp <- sapply(points, function(u) rstan::log_prob(sf, u, adjust_transform = TRUE))
  gr <- lapply(points, function(u) arr(rstan::grad_log_prob(sf, u, adjust_transform = TRUE)))
  # Stan's constrained values at the first point (generated quantities included), for the draw names
  cp <- rstan::constrain_pars(sf, points[[1]])
  keep <- grep("^(b|Intercept|b_Intercept|sd_[0-9]+|cor_[0-9]+|sigma|shape|r_[0-9_]+)$", names(cp), value = TRUE)
  stan_values <- lapply(cp[keep], function(v) if (is.matrix(v)) lapply(seq_len(nrow(v)), function(i) arr(v[i, ])) else arr(v))
  list(
    case = cs$case, data = cs$data, factors = arr(cs$factors), subset = cs$subset, formula = cs$formula,
    family = cs$family, priors = cs$priors, description = cs$description,
    generatedBy = c(generated_by(), list(brms = as.character(packageVersion("brms")),
                                         rstan = as.character(packageVersion("rstan")))),
    stancode = as.character(code),
    getPrior = prior_rows(gp),
    standata = c(list(N = sdata$N, K = sdata$K, Y = arr(sdata$Y)),
                 lapply(sdata[grep("^J_[0-9]+$", names(sdata))], arr)),
    stanValues = stan_values,
    brmsNames = colnames(as.data.frame(fit)),
    parNames = fit$fit@model_pars,
    upars = dim,
    points = lapply(points, arr),
    logProb = arr(lp),
    grad = gr
  )
}

args <- commandArgs(trailingOnly = TRUE)
names(cases) <- vapply(cases, function(cs) cs$case, "")
unknown <- setdiff(args, names(cases))
if (length(unknown)) stop("unknown case(s): ", paste(unknown, collapse = ", "))
for (cs in if (length(args)) cases[args] else cases) {
  cat("case", cs$case, "\n")
  write_fixture(run_case(cs), file.path(OUT_DIR, paste0(cs$case, ".json")))
}
