# X and Z as Learn mode shows them (src-engine/design/designPreview.ts): lme4's getME(m, "X") and
# getME(m, "Z") — dimensions, non-zeros, the first rows (Z's as its non-zero entries with their
# columns, 0-based, and the columns' names).
# Run from the repository root: Rscript test/reference/designPreview.R
source("test/reference/common.R")

cases <- list(
  list(case = "sleepstudy_slope", data = "sleepstudy.csv", factors = list("Subject"), formula = "Reaction ~ Days + (Days | Subject)"),
  list(case = "penicillin_crossed", data = "Penicillin.csv", factors = list("plate", "sample"), formula = "diameter ~ 1 + (1 | plate) + (1 | sample)"),
  list(case = "cbpp_glmer", data = "cbpp.csv", factors = list("herd", "period"), family = "binomial", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)")
)

for (case in cases) {
  d <- load_case_data(case)
  f <- as.formula(case$formula)
  m <- if (is.null(case$family)) lmer(f, data = d) else glmer(f, data = d, family = case$family)
  X <- getME(m, "X")
  Z <- as(getME(m, "Z"), "CsparseMatrix")
  show <- min(6, nrow(X))
  zrows <- lapply(seq_len(show), function(i) {
    nz <- which(Z[i, ] != 0)
    list(columns = arr(nz - 1), values = arr(Z[i, nz]), names = arr(colnames(Z)[nz]))
  })
  write_fixture(list(
    case = case$case, data = case$data, factors = case$factors, formula = case$formula,
    family = if (is.null(case$family)) "gaussian" else case$family, generatedBy = generated_by(),
    n = nrow(X), p = ncol(X), q = ncol(Z), nonZeros = length(Z@x[Z@x != 0]),
    fixedNames = arr(colnames(X)),
    X = lapply(seq_len(show), function(i) arr(X[i, ])),
    Z = zrows
  ), sprintf("test/reference/fixtures/designPreview/%s.json", case$case))
}
