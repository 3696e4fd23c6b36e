# brms reference posteriors for Quadrat's Bayesian fit (src-engine/bayes/fitBayes.ts): brms 2.18
# (rstan backend) fits each case with 4 chains x 2000 iterations (1000 warm-up) at a fixed seed and we
# store summary(fit)'s tables (Estimate, Est.Error, l-95% CI, u-95% CI, Rhat, Bulk_ESS, Tail_ESS) and,
# from the posterior package on the same draws, the MCSE of each mean and SD (the test's tolerance).
# Run from the repo root (each model compiles for about a minute):
#   Rscript test/reference/brmsPosterior.R               # all cases
#   Rscript test/reference/brmsPosterior.R sleepstudy    # only the named cases
# Writes test/reference/fixtures/brms-posterior/<case>.json:
# { case, data, factors, subset, formula, family, priors, generatedBy, settings,
#   rows: [{name, kind: fixed|random|spec, label, Estimate, Est.Error, l-95% CI, u-95% CI, Rhat,
#           Bulk_ESS, Tail_ESS, mcseMean, mcseSd}], divergent }

source("test/reference/common.R")
suppressPackageStartupMessages({
  library(brms)
  library(rstan)
  library(posterior)
})
rstan::rstan_options(auto_write = FALSE, boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/brms-posterior"
SEED <- 20261203

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
as_brms_prior <- function(p) {
  args <- list(prior = p$prior, class = p$class)
  if (nzchar(p$coef)) args$coef <- p$coef
  if (nzchar(p$group)) args$group <- p$group
  if (!is.na(p$lb)) args$lb <- p$lb
  if (!is.na(p$ub)) args$ub <- p$ub
  do.call(brms::set_prior, args)
}

OY <- "methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)"
OYF <- c("tank", "treatment", "population")
cases <- list(
  bcase("oyster_locus_ok", "oyster_methylation.csv", OYF, OY, "binomial", subset = locus_rows("L0001"),
        description = "binomial with trials, one ordinary CpG locus, default priors"),
  bcase("oyster_locus_separated_b", "oyster_methylation.csv", OYF, OY, "binomial", subset = locus_rows("L0006"),
        priors = list(pr("normal(0, 2.5)", "b")),
        description = "separated locus L0006 with the weakly informative normal(0, 2.5) on b"),
  bcase("sleepstudy", "sleepstudy.csv", c("Subject"), "Reaction ~ Days + (Days | Subject)", "gaussian",
        description = "gaussian, correlated random intercepts and slopes (LKJ)")
)

# summary(fit)'s rows, under the draws' names (b_x, sd_g__x, cor_g__x__y, sigma, shape)
summary_rows <- function(fit) {
  s <- summary(fit)
  dm <- posterior::summarise_draws(posterior::as_draws_array(fit), mcse_mean, mcse_sd)
  mc <- setNames(dm$mcse_mean, dm$variable)
  mcs <- setNames(dm$mcse_sd, dm$variable)
  rows <- list()
  add <- function(tab, kind, names) {
    for (i in seq_len(nrow(tab))) {
      nm <- names[i]
      rows[[length(rows) + 1]] <<- list(
        name = nm, kind = kind, label = rownames(tab)[i],
        Estimate = tab[i, "Estimate"], `Est.Error` = tab[i, "Est.Error"],
        `l-95% CI` = tab[i, "l-95% CI"], `u-95% CI` = tab[i, "u-95% CI"],
        Rhat = num_or_null(tab[i, "Rhat"]), Bulk_ESS = num_or_null(tab[i, "Bulk_ESS"]),
        Tail_ESS = num_or_null(tab[i, "Tail_ESS"]), mcseMean = num_or_null(mc[[nm]]),
        mcseSd = num_or_null(mcs[[nm]]))
    }
  }
  for (g in names(s$random)) {
    tab <- s$random[[g]]
    nms <- sub("^sd\\((.*)\\)$", paste0("sd_", g, "__\\1"), rownames(tab))
    nms <- sub("^cor\\((.*),(.*)\\)$", paste0("cor_", g, "__\\1__\\2"), nms)
    add(tab, "random", nms)
  }
  add(s$fixed, "fixed", paste0("b_", rownames(s$fixed)))
  if (!is.null(s$spec_pars) && nrow(s$spec_pars)) add(s$spec_pars, "spec", rownames(s$spec_pars))
  rows
}

run_case <- function(cs) {
  d <- load_case_data(cs)
  fam <- get(cs$family, envir = asNamespace("brms"))()
  f <- brms::bf(as.formula(cs$formula))
  pri <- if (length(cs$priors)) do.call(c, lapply(cs$priors, as_brms_prior)) else NULL
  fit <- brms::brm(f, data = d, family = fam, prior = pri, backend = "rstan",
                   chains = 4, iter = 2000, warmup = 1000, refresh = 0, seed = SEED, cores = 1)
  np <- brms::nuts_params(fit)
  list(
    case = cs$case, data = cs$data, factors = arr(cs$factors), subset = cs$subset, formula = cs$formula,
    family = cs$family, priors = cs$priors, description = cs$description,
    generatedBy = c(generated_by(), list(brms = as.character(packageVersion("brms")),
                                         rstan = as.character(packageVersion("rstan")),
                                         posterior = as.character(packageVersion("posterior")))),
    settings = list(chains = 4, iter = 2000, warmup = 1000, seed = SEED, adapt_delta = 0.8),
    rows = summary_rows(fit),
    divergent = sum(np$Value[np$Parameter == "divergent__"])
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
