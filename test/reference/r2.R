# Nakagawa & Schielzeth's marginal and conditional R² of LMMs, for test/engine/inference/r2AndAdjust.test.ts.
# As MuMIn::r.squaredGLMM / performance::r2_nakagawa compute them for a Gaussian LMM (neither is
# installed here, nor packaged by Debian for this R; the definition is written out with lme4 only):
#   σ²_F = var(X β̂);  σ²_R = Σ_terms mean(diag(Z_t Σ_t Z_tᵀ));  σ²_ε = σ̂²
#   marginal = σ²_F / (σ²_F + σ²_R + σ²_ε),  conditional = (σ²_F + σ²_R) / (σ²_F + σ²_R + σ²_ε)
# Run from the repo root: Rscript test/reference/r2.R → test/reference/fixtures/values/r2.json
source("test/reference/common.R")
source("test/reference/cases.R")

nakagawa <- function(m) {
  varF <- var(as.vector(getME(m, "X") %*% fixef(m)))
  # Σ_b = σ² Λ Λᵀ is block-diagonal over the terms, so this is the sum over terms of mean(diag(Z_t Σ_t Z_tᵀ))
  Z <- getME(m, "Z")
  Sigma <- sigma(m)^2 * tcrossprod(getME(m, "Lambda"))
  varR <- sum(Matrix::rowSums((Z %*% Sigma) * Z)) / nrow(Z)
  varE <- sigma(m)^2
  tot <- varF + varR + varE
  list(marginal = varF / tot, conditional = (varF + varR) / tot)
}

cases <- Filter(function(cs) cs$case %in% c("sleepstudy_reml", "oats"), lmm_cases())
out <- list(generatedBy = generated_by())
for (cs in cases) {
  d <- load_case_data(cs)
  m <- lmerTest::lmer(as.formula(cs$formula), data = d, REML = cs$REML)
  out[[cs$case]] <- nakagawa(m)
}
write_fixture(out, "test/reference/fixtures/values/r2.json")
