# The batch oracle: a glmer loop over the first 40 loci of test/data/oyster_methylation.csv — what a
# user writes in R today — collecting per locus the coefficients (summary), car::Anova's type II Wald
# chi-square tests, singular/convergence flags and messages, then p.adjust(BH, BY) per term across
# loci. Writes test/reference/fixtures/batch/oyster40.json. Run from the repo root:
#   Rscript test/reference/batch.R
source("test/reference/common.R")
suppressPackageStartupMessages(library(car))

FORMULA <- cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)
d <- read.csv(file.path(DATA_DIR, "oyster_methylation.csv"), stringsAsFactors = FALSE)
for (f in c("locus", "tank", "treatment", "population")) d[[f]] <- factor(d[[f]])
loci <- head(levels(d$locus), 40)

units <- lapply(loci, function(l) {
  dl <- d[d$locus == l, , drop = FALSE]
  res <- capture_safely(glmer(FORMULA, data = dl, family = binomial))
  if (!is.null(res$error)) return(list(unit = l, nobs = nrow(dl), error = res$error))
  m <- res$value
  co <- summary(m)$coefficients
  wald <- car::Anova(m, type = "II")
  list(
    unit = l,
    nobs = nobs(m),
    terms = arr(rownames(co)),
    estimate = arr(co[, "Estimate"]),
    stdError = arr(co[, "Std. Error"]),
    z = arr(co[, "z value"]),
    p = arr(co[, "Pr(>|z|)"]),
    anovaTerms = arr(rownames(wald)),
    chisq = arr(wald[["Chisq"]]),
    anovaDf = arr(wald[["Df"]]),
    anovaP = arr(wald[["Pr(>Chisq)"]]),
    singular = isSingular(m),
    tankVariance = as.data.frame(VarCorr(m))$vcov[1],
    logLik = as.numeric(logLik(m)),
    messages = arr(res$messages)
  )
})

ok <- Filter(function(u) is.null(u$error), units)
# BH and BY per coefficient and per term, across the loci (R's p.adjust on glmer's p-values)
adjust <- function(get, names) {
  out <- list()
  for (k in seq_along(names)) {
    p <- sapply(units, function(u) if (is.null(u$error)) get(u)[k] else NA)
    out[[names[k]]] <- list(p = arr(p), BH = arr(p.adjust(p, "BH")), BY = arr(p.adjust(p, "BY")))
  }
  out
}
fdr <- list(
  coefficients = adjust(function(u) u$p, ok[[1]]$terms),
  tests = adjust(function(u) u$anovaP, ok[[1]]$anovaTerms)
)

write_fixture(list(
  description = "glmer loop over the first 40 loci with car::Anova type II and p.adjust BH/BY per term",
  formula = paste(deparse(FORMULA, width.cutoff = 500L), collapse = ""),
  family = "binomial",
  factors = arr(c("locus", "tank", "treatment", "population")),
  generatedBy = c(generated_by(), car = as.character(packageVersion("car"))),
  units = units,
  fdr = fdr
), "test/reference/fixtures/batch/oyster40.json")
