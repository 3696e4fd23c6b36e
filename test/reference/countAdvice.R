# The count-model advisor's Pearson dispersion (issue 13): Salamanders as a Poisson GLMM,
# count ~ spp * mined + (1 | site), fitted by glmmTMB; Pearson chi-square over df.residual as Bolker's
# overdisp_fun computes it (residuals(m, type = "pearson"), random effects included).
# Run from the repo root: Rscript test/reference/countAdvice.R
# Writes test/reference/fixtures/countAdvice/salamanders_poisson.json: { formula, chisq, df, ratio, pValue, generatedBy }
source("test/reference/common.R")
suppressPackageStartupMessages(library(glmmTMB))
FORMULA <- "count ~ spp * mined + (1 | site)"
d <- load_case_data(list(data = "Salamanders.csv", factors = c("site", "spp", "mined")))
m <- glmmTMB(as.formula(FORMULA), family = poisson, data = d)
chisq <- sum(residuals(m, type = "pearson")^2)
rdf <- df.residual(m)
write_fixture(list(formula = FORMULA, chisq = chisq, df = rdf, ratio = chisq / rdf,
                   pValue = pchisq(chisq, df = rdf, lower.tail = FALSE),
                   generatedBy = c(generated_by(), list(glmmTMB = as.character(packageVersion("glmmTMB"))))),
              "test/reference/fixtures/countAdvice/salamanders_poisson.json")
