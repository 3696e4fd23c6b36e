# Predictions for new data (issue 20), the numbers src-engine/inference/predict checks against:
#  - point predictions: lme4's predict(m, newdata, re.form = NA) (population) and
#    predict(m, newdata, re.form = NULL, allow.new.levels = TRUE) (each row's own group; a new level
#    gets the population value), on the link and the response scale for GLMMs;
#  - the delta-method variances written out from lme4's pieces: x'Vx with V = vcov(m); z'C z with C the
#    conditional covariance of the row's random effects (ranef(m, condVar = TRUE)'s postVar, the whole
#    S x S block); z'Σz with Σ = VarCorr(m) for a group the model has not seen; sigma(m)^2;
#  - emmeans' bias adjustment of a back-transformed population mean, g⁻¹(η) + σ²/2 · (g⁻¹)''(η) with
#    σ² = z'Σz (emmeans is not in Debian: the formula is written out with each link's second derivative);
#  - bootMer's parametric-bootstrap percentile interval of the population prediction (the CI, LMMs),
#    and the same simulation merTools' predictInterval() makes (β ~ N(β̂, V), b ~ N(b̂, C) or N(0, Σ),
#    ε ~ N(0, σ²)) at a fixed seed (merTools is not in Debian either) — both compared within
#    simulation error.
# Run from the repository root: Rscript test/reference/predict.R   (~30 s)
source("test/reference/common.R")

cases <- list(
  list(case = "sleepstudy", data = "sleepstudy.csv", factors = list("Subject"), family = "gaussian", REML = TRUE,
       formula = "Reaction ~ Days + (Days | Subject)",
       newdata = data.frame(Days = c(0, 5, 9, 3), Subject = c("308", "308", "372", "999"))),
  list(case = "orthodont", data = "Orthodont.csv", factors = list("Subject", "Sex"), family = "gaussian", REML = TRUE,
       formula = "distance ~ age * Sex + (1 | Subject)",
       newdata = data.frame(age = c(8, 14, 11, 12), Sex = c("Male", "Female", "Female", "Male"), Subject = c("M01", "F05", "F99", "M16"))),
  # poly(): the new rows' basis from the fitted data's coefs (R's predvars), not recomputed on them
  list(case = "sleepstudy_poly", data = "sleepstudy.csv", factors = list("Subject"), family = "gaussian", REML = TRUE,
       formula = "Reaction ~ poly(Days, 2) + (1 | Subject)", predvars = TRUE,
       newdata = data.frame(Days = c(0, 4.5, 9, 12), Subject = c("308", "333", "372", "999"))),
  list(case = "cbpp", data = "cbpp.csv", factors = list("herd", "period"), family = "binomial", REML = FALSE,
       formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)",
       newdata = data.frame(period = c("1", "2", "4", "3"), herd = c("1", "15", "7", "99"))),
  list(case = "grouseticks", data = "grouseticks.csv", factors = list("YEAR", "BROOD", "LOCATION"), family = "poisson", REML = FALSE,
       formula = "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)",
       newdata = data.frame(YEAR = c("95", "96", "97"), cHEIGHT = c(0, 20.5, -40), BROOD = c("501", "999", "606"), LOCATION = c("32", "32", "999")))
)

# the second derivative of the inverse link, as emmeans' bias adjustment uses it
linkinv2 <- function(link, eta) switch(link,
  logit = { mu <- plogis(eta); mu * (1 - mu) * (1 - 2 * mu) },
  log = exp(eta),
  identity = 0 * eta,
  stop("no second derivative for link ", link))

# Each row's random-effects design (the value of the term's left side) per grouping factor.
re_rows <- function(m, nd) {
  lapply(names(ranef(m)), function(g) {
    terms <- colnames(ranef(m)[[g]])
    z <- sapply(terms, function(t) if (t == "(Intercept)") rep(1, nrow(nd)) else nd[[t]])
    matrix(z, nrow = nrow(nd), dimnames = list(NULL, terms))
  })
}

for (case in cases) {
  d <- load_case_data(case)
  f <- as.formula(case$formula)
  m <- if (case$family == "gaussian") lmer(f, data = d, REML = case$REML) else glmer(f, data = d, family = case$family)
  nd <- case$newdata
  for (v in names(nd)) if (is.factor(d[[v]])) nd[[v]] <- factor(nd[[v]], levels = union(levels(d[[v]]), unique(na.omit(nd[[v]]))))
  ndc <- nd

  X <- if (isTRUE(case$predvars)) {
    tt <- delete.response(terms(m, fixed.only = TRUE))
    model.matrix(tt, model.frame(tt, ndc))
  } else model.matrix(lme4::nobars(f)[-2], ndc)
  X <- X[, names(fixef(m)), drop = FALSE]
  V <- as.matrix(vcov(m))
  etaPop <- drop(X %*% fixef(m))
  etaCond <- predict(m, ndc, re.form = NULL, allow.new.levels = TRUE, type = "link")
  stopifnot(isTRUE(all.equal(unname(etaPop), unname(predict(m, ndc, re.form = NA, type = "link")))))
  varFixed <- rowSums((X %*% V) * X)

  re <- ranef(m, condVar = TRUE)
  vc <- VarCorr(m)
  Z <- re_rows(m, ndc)
  groups <- names(re)
  varCond <- numeric(nrow(ndc))
  varNew <- numeric(nrow(ndc))
  known <- matrix(FALSE, nrow(ndc), length(groups), dimnames = list(NULL, groups))
  for (k in seq_along(groups)) {
    g <- groups[k]
    Sigma <- as.matrix(vc[[g]])
    pv <- attr(re[[g]], "postVar")
    for (i in seq_len(nrow(ndc))) {
      z <- Z[[k]][i, ]
      lev <- as.character(ndc[[g]][i])
      varNew[i] <- varNew[i] + drop(t(z) %*% Sigma %*% z)
      j <- match(lev, rownames(re[[g]]))
      if (is.na(j)) varCond[i] <- varCond[i] + drop(t(z) %*% Sigma %*% z)
      else {
        known[i, k] <- TRUE
        varCond[i] <- varCond[i] + drop(t(z) %*% pv[, , j, drop = TRUE] %*% z)
      }
    }
  }
  sigma2 <- if (case$family == "gaussian") sigma(m)^2 else 0

  out <- list(
    case = case$case, data = case$data, factors = case$factors, formula = case$formula, family = case$family,
    REML = case$REML, generatedBy = generated_by(),
    newdata = lapply(seq_len(nrow(case$newdata)), function(i) as.list(case$newdata[i, , drop = FALSE])),
    fixedNames = arr(names(fixef(m))),
    X = lapply(seq_len(nrow(X)), function(i) arr(X[i, ])),
    etaPopulation = arr(etaPop), etaGroup = arr(etaCond),
    varFixed = arr(varFixed), varGroup = arr(varCond), varNewGroup = arr(varNew), sigma2 = sigma2,
    knownLevels = lapply(seq_len(nrow(ndc)), function(i) arr(known[i, ]))
  )
  if (case$family == "gaussian") {
    # bootMer's percentile interval of the population prediction (the fixed part's CI)
    set.seed(20261204)
    b <- bootMer(m, function(x) predict(x, ndc, re.form = NA), nsim = 1000, seed = 20261204)
    out$bootMer <- list(nsim = 1000, lower = arr(apply(b$t, 2, quantile, 0.025)), upper = arr(apply(b$t, 2, quantile, 0.975)))
    # merTools' simulation for each row's own group (new levels from N(0, Σ)), at a fixed seed
    set.seed(20261204)
    nsim <- 100000
    beta <- MASS::mvrnorm(nsim, fixef(m), V)
    sims <- X %*% t(beta)
    for (k in seq_along(groups)) {
      g <- groups[k]
      pv <- attr(re[[g]], "postVar")
      Sigma <- as.matrix(vc[[g]])
      for (i in seq_len(nrow(ndc))) {
        lev <- as.character(ndc[[g]][i]); j <- match(lev, rownames(re[[g]]))
        mu <- if (is.na(j)) rep(0, ncol(Sigma)) else unlist(re[[g]][j, ])
        C <- if (is.na(j)) Sigma else matrix(pv[, , j], ncol(Sigma))
        bsim <- MASS::mvrnorm(nsim, mu, C)
        sims[i, ] <- sims[i, ] + drop(matrix(bsim, nsim) %*% Z[[k]][i, ])
      }
    }
    sims <- sims + matrix(rnorm(length(sims), 0, sigma(m)), nrow(sims))
    out$simulation <- list(nsim = nsim, lower = arr(apply(sims, 1, quantile, 0.025)),
      median = arr(apply(sims, 1, median)), upper = arr(apply(sims, 1, quantile, 0.975)))
  } else {
    link <- family(m)$link
    out$link <- link
    out$muPopulation <- arr(predict(m, ndc, re.form = NA, type = "response"))
    out$muGroup <- arr(predict(m, ndc, re.form = NULL, allow.new.levels = TRUE, type = "response"))
    out$biasAdjusted <- arr(family(m)$linkinv(etaPop) + varNew / 2 * linkinv2(link, etaPop))
  }
  write_fixture(out, sprintf("test/reference/fixtures/predict/%s.json", case$case))
}

# Effect plots (src-engine/inference/predict/effects.ts), as ggeffects' ggpredict: 50 points over the
# range of x in the rows used, one curve per level of `by`, other numeric columns at their means,
# other factors at their reference level; population predictions with delta-method 95 % intervals on
# the response scale (ggeffects is not in Debian: the grid and the intervals are written out).
effect_cases <- list(
  list(case = "orthodont_age_by_sex", data = "Orthodont.csv", factors = list("Subject", "Sex"), family = "gaussian",
       formula = "distance ~ age * Sex + (1 | Subject)", x = "age", by = "Sex"),
  list(case = "grouseticks_height_by_year", data = "grouseticks.csv", factors = list("YEAR", "BROOD", "LOCATION"), family = "poisson",
       formula = "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)", x = "cHEIGHT", by = "YEAR")
)
for (case in effect_cases) {
  d <- load_case_data(case)
  f <- as.formula(case$formula)
  m <- if (case$family == "gaussian") lmer(f, data = d, REML = TRUE) else glmer(f, data = d, family = case$family)
  used <- d[as.integer(rownames(model.frame(m))), , drop = FALSE]
  grid <- seq(min(used[[case$x]]), max(used[[case$x]]), length.out = 50)
  levs <- levels(droplevels(used[[case$by]]))
  curves <- lapply(levs, function(lv) {
    nd <- data.frame(x = grid)
    names(nd) <- case$x
    nd[[case$by]] <- factor(lv, levels = levels(d[[case$by]]))
    X <- model.matrix(lme4::nobars(f)[-2], nd)[, names(fixef(m)), drop = FALSE]
    eta <- drop(X %*% fixef(m))
    se <- sqrt(rowSums((X %*% as.matrix(vcov(m))) * X))
    inv <- family(m)$linkinv
    list(level = lv, estimate = arr(inv(eta)), lower = arr(inv(eta - qnorm(0.975) * se)), upper = arr(inv(eta + qnorm(0.975) * se)))
  })
  write_fixture(list(case = case$case, data = case$data, factors = case$factors, family = case$family, formula = case$formula,
                     x = case$x, by = case$by, generatedBy = generated_by(), grid = arr(grid), curves = curves),
                sprintf("test/reference/fixtures/effects/%s.json", case$case))
}

# scale(x) in the formula: predict() applies the fitted data's centre and scale to the new rows (predvars)
local({
  d <- load_case_data(list(data = "sleepstudy_na.csv", factors = list("Subject")))
  m <- lmer(Reaction ~ scale(Days) + (scale(Days) | Subject), data = d)
  nd <- data.frame(Days = c(0, 4, 9), Subject = factor(c("308", "309", "999"), levels = c(levels(d$Subject), "999")))
  write_fixture(list(data = "sleepstudy_na.csv", factors = list("Subject"), formula = "Reaction ~ scale(Days) + (scale(Days) | Subject)",
                     generatedBy = generated_by(), newdata = lapply(seq_len(nrow(nd)), function(i) list(Days = nd$Days[i], Subject = as.character(nd$Subject[i]))),
                     etaPopulation = arr(predict(m, nd, re.form = NA)), etaGroup = arr(predict(m, nd, re.form = NULL, allow.new.levels = TRUE))),
                "test/reference/fixtures/predict_scaled/sleepstudy_na.json")
})
