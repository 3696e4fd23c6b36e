# lme4's parametric bootstrap intervals, for test/engine/inference/bootstrap.test.ts:
# confint(lmer(Reaction ~ Days + (Days | Subject), sleepstudy), method = "boot", nsim = 400,
#         boot.type = "perc", seed = 1, oldNames = FALSE). R's draws cannot be reproduced by another
# RNG, so the test compares within Monte-Carlo error.
# Run from the repo root: Rscript test/reference/bootstrap.R → test/reference/fixtures/values/bootstrap.json
source("test/reference/common.R")
cs <- Filter(function(cs) cs$case == "sleepstudy_reml", { source("test/reference/cases.R"); lmm_cases() })[[1]]
m <- lmer(as.formula(cs$formula), data = load_case_data(cs), REML = cs$REML)
ci <- suppressWarnings(suppressMessages(confint(m, method = "boot", nsim = 400, boot.type = "perc", seed = 1, oldNames = FALSE)))
write_fixture(list(
  generatedBy = generated_by(),
  call = "confint(m, method = 'boot', nsim = 400, boot.type = 'perc', seed = 1, oldNames = FALSE)",
  nsim = 400, seed = 1,
  rows = lapply(seq_len(nrow(ci)), function(i) list(term = rownames(ci)[i], lower = ci[i, 1], upper = ci[i, 2]))
), "test/reference/fixtures/values/bootstrap.json")
