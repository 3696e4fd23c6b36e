# The random-effects check of Zuur et al. (2009, ch. 5): for a fixed-effects model and candidate
# grouping factors, the residuals of the fixed-only lm by factor level, the variance of their group
# means, and for y ~ fixed + (1 | g) (REML) the ICC and lmerTest's ranova LRT for (1 | g).
# Run from the repo root: Rscript test/reference/candidates.R  → test/reference/fixtures/checks/*.json
suppressPackageStartupMessages({ library(lmerTest); library(jsonlite) })
# factor levels as R sorts them in a UTF-8 locale (ICU collation): Quadrat's default order
invisible(Sys.setlocale("LC_COLLATE", "C.UTF-8"))
if (capabilities("ICU")) icuSetCollate(locale = "en")

check_case <- function(name, file, factors, fixed, candidates) {
  d <- read.csv(file.path("test/data", file), stringsAsFactors = FALSE)
  for (f in factors) d[[f]] <- factor(d[[f]])
  out <- lapply(candidates, function(g) {
    keep <- complete.cases(d[, c(all.vars(as.formula(fixed)), g)])
    dd <- d[keep, ]
    lmfit <- lm(as.formula(fixed), data = dd)
    r <- residuals(lmfit)
    means <- tapply(r, dd[[g]], mean)
    f <- paste0(fixed, " + (1 | ", g, ")")
    m <- lmer(as.formula(f), data = dd, REML = TRUE)
    vc <- as.data.frame(VarCorr(m))
    icc <- vc$vcov[1] / sum(vc$vcov)
    rn <- ranova(m)
    list(factor = g, nLevels = nlevels(droplevels(factor(dd[[g]]))), formula = f,
         groupMeanVariance = var(as.vector(means)), icc = icc,
         lrt = rn$LRT[2], df = rn$Df[2], pValue = rn[["Pr(>Chisq)"]][2],
         residualsHead = unname(head(r, 10)), singular = isSingular(m))
  })
  write_json(list(case = name, data = file, factors = I(factors), fixed = fixed, candidates = out),
             file.path("test/reference/fixtures/checks", paste0(name, ".json")),
             auto_unbox = TRUE, digits = NA, pretty = TRUE)
}

# Counts and proportions: the glm's Pearson residuals by level, glmer with (1 | g) (Laplace), the LRT
# -2 logLik(glm) - (-2 logLik(glmer)) on 1 df, and the latent-scale ICC (logit: pi^2/3; log-link
# Poisson: log(1 + 1/lambda), lambda = exp(mean linear predictor of the glm + sigma^2/2)).
check_case_glmm <- function(name, file, factors, fixed, candidates, family, link) {
  d <- read.csv(file.path("test/data", file), stringsAsFactors = FALSE)
  for (f in factors) d[[f]] <- factor(d[[f]])
  fam <- get(family)(link = link)
  out <- lapply(candidates, function(g) {
    keep <- complete.cases(d[, c(all.vars(as.formula(fixed)), g)])
    dd <- d[keep, ]
    gl <- glm(as.formula(fixed), data = dd, family = fam)
    r <- residuals(gl, type = "pearson")
    means <- tapply(r, dd[[g]], mean)
    f <- paste0(fixed, " + (1 | ", g, ")")
    m <- glmer(as.formula(f), data = dd, family = fam)
    s2 <- as.data.frame(VarCorr(m))$vcov[1]
    latent <- if (link == "logit") pi^2 / 3 else log(1 + 1 / exp(mean(predict(gl, type = "link")) + s2 / 2))
    lrt <- max(0, -2 * as.numeric(logLik(gl)) - (-2 * as.numeric(logLik(m))))
    list(factor = g, nLevels = nlevels(droplevels(factor(dd[[g]]))), formula = f,
         groupMeanVariance = var(as.vector(means)), icc = s2 / (s2 + latent),
         lrt = lrt, df = 1, pValue = pchisq(lrt, 1, lower.tail = FALSE),
         residualsHead = unname(head(r, 10)), singular = isSingular(m))
  })
  write_json(list(case = name, data = file, factors = I(factors), fixed = fixed, family = family, link = link, candidates = out),
             file.path("test/reference/fixtures/checks", paste0(name, ".json")),
             auto_unbox = TRUE, digits = NA, pretty = TRUE)
}

check_case("sleepstudy", "sleepstudy.csv", "Subject", "Reaction ~ Days", "Subject")
check_case("oats", "Oats.csv", c("Block", "Variety"), "yield ~ nitro", c("Block", "Variety"))
check_case("grouseticks", "grouseticks.csv", c("BROOD", "LOCATION", "YEAR", "INDEX"), "log(TICKS + 1) ~ YEAR + HEIGHT", c("BROOD", "LOCATION"))
check_case_glmm("grouseticks_poisson", "grouseticks.csv", c("BROOD", "LOCATION", "YEAR", "INDEX"), "TICKS ~ YEAR + cHEIGHT", c("BROOD", "LOCATION"), "poisson", "log")
check_case_glmm("cbpp_binomial", "cbpp.csv", c("herd", "period"), "cbind(incidence, size - incidence) ~ period", "herd", "binomial", "logit")
cat("wrote test/reference/fixtures/checks\n")
