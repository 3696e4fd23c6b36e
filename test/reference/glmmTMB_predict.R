# Predictions, conditional modes and marginal means of glmmTMB count fits (issue 13: predict() and
# emmeans on the response scale including the zero-inflation part). The models are the fixtures of
# glmmTMB.R (formula, family, ziformula, dispformula read from test/reference/fixtures/glmmTMB/<case>.json).
# Run from the repo root:
#   Rscript test/reference/glmmTMB_predict.R                 # all cases below
#   Rscript test/reference/glmmTMB_predict.R sal_zinb        # only the named cases
# Writes test/reference/fixtures/glmmTMB_predict/<case>.json:
# { case, source (the glmmTMB.R fixture), spec, generatedBy,
#   par: m$fit$par (the outer parameters the predictions below belong to), parNames,
#   ranef: { <group>: { levels, condval } }         ranef(m)$cond: the conditional modes b̂
#   predict: { link, response, conditional, zprob, zlink }   predict(m, type = …) for every row
#   emmeans: { specs, by, grid: [{cell…}],
#     cond:     summary(emmeans(m, specs, type = "response"))             (the conditional mean μ)
#     zi:       summary(emmeans(m, specs, component = "zi", type = "response"))  (P(structural zero);
#               with a hurdle, P(zero))
#     response: the mean of the response including the zero part, per group, averaged over the
#               reference grid as emmeans averages: mean over cells of predict(newdata = cell,
#               re.form = NA, type = "response"); SE by the delta method on vcov(m, full = TRUE)
#               with numDeriv's Jacobian. (emmeans' component = "response" is not in the emm_basis of
#               glmmTMB 1.1.5, which offers cond, zi and disp only.)
#     For the cases with `by` the same block is written out by manual_means (below), which
#     glmmTMB_predict_check.R checks against the emmeans cases to 1e-14. },
#   ranefCondVar: as.data.frame(ranef(m, condVar = TRUE)): one row per component, group, term and level
#     with condval and condsd (sdreport's SD of the random effects, from the joint covariance: H_bb⁻¹
#     plus the fixed parameters' uncertainty carried through b̂(ψ)),
#   covFixed: sdreport's cov.fixed (vcov(m, full = TRUE) of par), row-major, that condsd is built on }
# Cases with neither `specs` nor `by` (random slopes, zero-inflation random effects, families without a
# factor) have no emmeans block; emmeans itself is needed only for the `specs` cases.

source("test/reference/common.R")
suppressPackageStartupMessages(library(glmmTMB))
SRC_DIR <- "test/reference/fixtures/glmmTMB"
OUT_DIR <- "test/reference/fixtures/glmmTMB_predict"

cases <- list(
  list(case = "sal_zinb", specs = "spp"),
  list(case = "sal_hurdle_nb2", specs = "spp"),
  list(case = "grouse_nbinom2", specs = "YEAR"),
  list(case = "cbpp_beta", by = "period"), list(case = "cbpp_betabinomial", by = "period"),
  list(case = "cbpp_zibetabinomial"), list(case = "sal_tweedie", by = "spp"), list(case = "sal_zitweedie"),
  list(case = "sleep_gamma"), list(case = "ortho_gaussian_sex", by = "Sex"), list(case = "sal_zigenpois", by = "mined"),
  list(case = "sleep_gaussian_disp"), list(case = "sal_genpois"),
  list(case = "grouse_nbinom1"), list(case = "sal_hurdle_poisson"), list(case = "sal_truncated_poisson"),
  list(case = "sal_slope_mined"), list(case = "sal_diag_mined"), list(case = "sal_zip_re"),
  list(case = "sal_zinb_re")
)

ranef_condvar <- function(m) {
  r <- as.data.frame(glmmTMB::ranef(m, condVar = TRUE))
  list(component = arr(as.character(r$component)), group = arr(as.character(r$grpvar)),
       term = arr(as.character(r$term)), level = arr(as.character(r$grp)),
       condval = arr(r$condval), condsd = arr(r$condsd))
}

emm_rows <- function(e) {
  s <- as.data.frame(summary(e))
  lapply(seq_len(nrow(s)), function(i) list(level = as.character(s[i, 1]), estimate = unname(s[i, 2]),
                                             SE = unname(s$SE[i]), df = num_or_null(s$df[i]),
                                             lowerCL = unname(s$lower.CL[i]), upperCL = unname(s$upper.CL[i])))
}

# (1 − π) μ per cell (or the hurdle mean), as glmmTMB's predict(type = "response") defines it, from the
# fixed effects alone (re.form = NA): written out to get its Jacobian; checked against predict() below.
response_mean <- function(m, fam, Xc, Xz, beta, betazi, betad) {
  mu <- exp(drop(Xc %*% beta))
  pz <- if (ncol(Xz)) plogis(drop(Xz %*% betazi)) else 0
  phi <- exp(betad)
  if (grepl("^truncated_", fam)) {
    p0 <- if (fam == "truncated_poisson") exp(-mu) else (phi / (phi + mu))^phi
    (1 - pz) * mu / (1 - p0)
  } else (1 - pz) * mu
}

run_case <- function(cs) {
  fx <- jsonlite::fromJSON(file.path(SRC_DIR, paste0(cs$case, ".json")), simplifyVector = TRUE)
  d <- load_case_data(list(data = fx$data, factors = fx$factors, subset = fx$subset))
  if (!is.null(fx$derive)) d[[fx$derive$column]] <- with(d, eval(parse(text = fx$derive$expression)))
  # with the fixture's link (Gamma's default is the inverse; the fixtures are glmmTMB.R's Gamma(link = "log"))
  famf <- get(fx$family, envir = asNamespace("glmmTMB"), inherits = TRUE)
  fam <- if (is.null(fx$link)) famf() else famf(link = fx$link)
  m <- do.call(glmmTMB::glmmTMB, list(formula = as.formula(fx$formula), ziformula = as.formula(fx$ziformula),
                                      dispformula = as.formula(fx$dispformula), data = d, family = fam))
  re <- glmmTMB::ranef(m)$cond
  ranef_out <- lapply(re, function(r) list(levels = arr(rownames(r)), condval = arr(r[, 1])))
  hasZi <- fx$ziformula != "~0"
  pr <- list(link = arr(predict(m, type = "link")), response = arr(predict(m, type = "response")),
             conditional = arr(predict(m, type = "conditional")),
             zprob = arr(predict(m, type = "zprob")), zlink = arr(predict(m, type = "zlink")))
  out <- list(case = cs$case, source = file.path(SRC_DIR, paste0(cs$case, ".json")),
              spec = list(formula = fx$formula, family = fx$family, ziformula = fx$ziformula, dispformula = fx$dispformula),
              generatedBy = c(generated_by(), list(glmmTMB = as.character(packageVersion("glmmTMB")))),
              par = arr(m$fit$par), parNames = arr(names(m$fit$par)),
              ranef = ranef_out, predict = pr, ranefCondVar = ranef_condvar(m),
              covFixed = arr(t(m$sdr$cov.fixed)))
  if (!is.null(cs$by)) return(c(out, list(emmeans = manual_means(m, fx, d, cs$by))))
  if (is.null(cs$specs)) return(out)
  suppressPackageStartupMessages(library(emmeans))

  specs <- as.formula(paste("~", cs$specs))
  e_cond <- emmeans(m, specs, type = "response")
  e_zi <- if (hasZi) emmeans(m, specs, component = "zi", type = "response") else NULL
  # the reference grid's cells with their weights in each group's (equal-weight) average
  rg <- ref_grid(m)
  grid <- rg@grid
  facs <- setdiff(names(grid), c(".wgt.", ".offset."))
  groups <- as.character(grid[[cs$specs]])
  Xc <- rg@linfct
  nd_frame <- grid[, facs, drop = FALSE]
  for (v in unique(c(all.vars(as.formula(fx$formula)), all.vars(as.formula(fx$ziformula)), all.vars(as.formula(fx$dispformula))))) if (!(v %in% names(nd_frame))) nd_frame[[v]] <- if (is.factor(d[[v]])) d[[v]][1] else 0
  for (v in names(nd_frame)) if (is.factor(d[[v]])) nd_frame[[v]] <- factor(as.character(nd_frame[[v]]), levels = levels(d[[v]]))
  # the zero part's design at the conditional grid's cells (its own grid has only its own factors)
  Xz <- if (hasZi) model.matrix(as.formula(fx$ziformula), nd_frame) else matrix(0, nrow(Xc), 0)
  fe <- glmmTMB::fixef(m)
  nb <- length(fe$cond); nz <- length(fe$zi); nd <- length(fe$disp)
  full <- c(fe$cond, fe$zi, fe$disp)
  cells <- function(p) response_mean(m, fx$family, Xc, Xz, p[seq_len(nb)], p[nb + seq_len(nz)],
                                     if (nd) p[nb + nz + 1] else 0)
  # predict() at the grid's cells without random effects: the same numbers, from glmmTMB
  pcell <- predict(m, newdata = nd_frame, re.form = NA, type = "response")
  if (max(abs(pcell - cells(full)) / pcell) > 1e-8) stop("response_mean() disagrees with predict()")
  lv <- levels(d[[cs$specs]])
  A <- t(sapply(lv, function(l) as.numeric(groups == l) / sum(groups == l)))
  marg <- function(p) drop(A %*% cells(p))
  J <- numDeriv::jacobian(marg, full)
  V <- as.matrix(vcov(m, full = TRUE))[seq_along(full), seq_along(full)]
  se <- sqrt(diag(J %*% V %*% t(J)))
  response <- lapply(seq_along(lv), function(i) list(level = lv[i], estimate = marg(full)[i], SE = se[i]))

  out$generatedBy$emmeans <- as.character(packageVersion("emmeans"))
  c(out, list(emmeans = list(specs = cs$specs,
                      grid = lapply(seq_len(nrow(grid)), function(i) as.list(sapply(facs, function(f) as.character(grid[i, f])))),
                      cond = emm_rows(e_cond), zi = if (hasZi) emm_rows(e_zi) else list(),
                      response = response)))
}

# emmeans' numbers for glmmTMB 1.1.5 written out (emmeans is not in Debian's R here): the reference
# grid crosses the factors of the three fixed formulas with numeric covariates at their means; a
# group's mean averages its cells with equal weights; cond: linkinv of the averaged η with SE
# mu.eta(η)·√(L V Lᵀ) and t limits on df.residual back-transformed, as summary(emmeans(m, ~ by,
# type = "response")); zi the same on ζ with plogis; response as run_case's (numDeriv on predict()'s
# formula). The three emmeans cases above check this construction against emmeans itself.
manual_means <- function(m, fx, d, by) {
  fixed <- function(f) lme4::nobars(as.formula(f))
  rhs_vars <- function(f) { t <- terms(fixed(f)); all.vars(delete.response(t)) }
  hasZi <- fx$ziformula != "~0"
  vars <- unique(c(rhs_vars(fx$formula), if (hasZi) rhs_vars(fx$ziformula), rhs_vars(fx$dispformula)))
  axes <- lapply(vars, function(v) if (is.factor(d[[v]])) levels(d[[v]]) else mean(d[[v]]))
  names(axes) <- vars
  grid <- expand.grid(axes, stringsAsFactors = FALSE)
  for (v in vars) if (is.factor(d[[v]])) grid[[v]] <- factor(grid[[v]], levels = levels(d[[v]]))
  mm <- function(f) model.matrix(delete.response(terms(fixed(f))), grid)
  Xc <- mm(fx$formula); Xz <- if (hasZi) mm(fx$ziformula) else matrix(0, nrow(grid), 0); Xd <- mm(fx$dispformula)
  fe <- glmmTMB::fixef(m); nb <- length(fe$cond); nz <- length(fe$zi); nd <- length(fe$disp)
  V <- as.matrix(vcov(m, full = TRUE))[seq_len(nb + nz + nd), seq_len(nb + nz + nd)]
  lv <- levels(d[[by]])
  A <- t(sapply(lv, function(l) as.numeric(grid[[by]] == l) / sum(grid[[by]] == l)))
  df <- df.residual(m)
  fam <- family(m)
  untrunc <- if (grepl("^truncated_", fx$family)) list(linkinv = exp, mu.eta = exp) else fam
  part <- function(L, b, Vb, linkinv, mu.eta) {
    e <- drop(L %*% b); se <- sqrt(diag(L %*% Vb %*% t(L))); q <- qt(0.975, df)
    lapply(seq_along(lv), function(i) list(level = lv[i], estimate = linkinv(e[i]), SE = mu.eta(e[i]) * se[i], df = df,
                                           lowerCL = linkinv(e[i] - q * se[i]), upperCL = linkinv(e[i] + q * se[i])))
  }
  ic <- seq_len(nb); iz <- nb + seq_len(nz)
  cond <- part(A %*% Xc, fe$cond, V[ic, ic, drop = FALSE], untrunc$linkinv, untrunc$mu.eta)
  zi <- if (hasZi) part(A %*% Xz, fe$zi, V[iz, iz, drop = FALSE], plogis, function(x) plogis(x) * (1 - plogis(x))) else list()
  cells <- function(p) {
    mu <- fam$linkinv(drop(Xc %*% p[ic]))
    pz <- if (hasZi) plogis(drop(Xz %*% p[iz])) else 0
    phi <- exp(drop(Xd %*% p[nb + nz + seq_len(nd)]))
    if (grepl("^truncated_", fx$family)) {
      mu <- exp(drop(Xc %*% p[ic]))
      p0 <- if (fx$family == "truncated_poisson") exp(-mu) else (phi / (phi + mu))^phi
      (1 - pz) * mu / (1 - p0)
    } else (1 - pz) * mu
  }
  full <- c(fe$cond, fe$zi, fe$disp)
  nd_frame <- grid
  for (v in all.vars(as.formula(fx$formula))) if (!(v %in% names(nd_frame))) nd_frame[[v]] <- if (is.factor(d[[v]])) d[[v]][1] else d[[v]][1]
  if (fx$family == "betabinomial") nd_frame$size <- 1
  pcell <- predict(m, newdata = nd_frame, re.form = NA, type = "response")
  if (max(abs(pcell - cells(full)) / abs(pcell)) > 1e-8) stop("cells() disagrees with predict()")
  marg <- function(p) drop(A %*% cells(p))
  J <- numDeriv::jacobian(marg, full)
  se <- sqrt(diag(J %*% V %*% t(J)))
  list(specs = by, by = "written out (emmeans' construction, see manual_means)",
       grid = lapply(seq_len(nrow(grid)), function(i) as.list(sapply(vars, function(v) as.character(grid[i, v])))),
       cond = cond, zi = zi,
       response = lapply(seq_along(lv), function(i) list(level = lv[i], estimate = marg(full)[i], SE = se[i])))
}

only <- commandArgs(trailingOnly = TRUE)
for (cs in cases) {
  if (length(only) && !(cs$case %in% only)) next
  res <- tryCatch(run_case(cs), error = function(e) { cat("FAILED", cs$case, conditionMessage(e), "\n"); NULL })
  if (!is.null(res)) write_fixture(res, file.path(OUT_DIR, paste0(cs$case, ".json")))
}
