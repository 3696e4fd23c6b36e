# p-value adjustments as R computes them, for test/engine/inference/r2AndAdjust.test.ts:
# p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm"), and emmeans(m, pairwise ~ Variety, adjust = "holm")
# on Oats (yield ~ nitro + Variety + (1 | Block/Variety), REML, Satterthwaite df).
# Run from the repo root: Rscript test/reference/adjust.R → test/reference/fixtures/adjust/adjust.json
source("test/reference/common.R")
suppressPackageStartupMessages(library(emmeans))
d <- read.csv(file.path(DATA_DIR, "Oats.csv"), stringsAsFactors = FALSE)
for (f in c("Block", "Variety")) d[[f]] <- factor(d[[f]])
m <- lmerTest::lmer(yield ~ nitro + Variety + (1 | Block/Variety), data = d)
pr <- as.data.frame(pairs(emmeans(m, ~ Variety, lmer.df = "satterthwaite"), adjust = "holm"))
write_fixture(list(
  generatedBy = c(generated_by(), list(emmeans = as.character(packageVersion("emmeans")))),
  pAdjustInput = arr(c(0.01, 0.04, 0.03, 0.005, 0.2)),
  pAdjustHolm = arr(p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm")),
  oatsHolm = lapply(seq_len(nrow(pr)), function(i) list(contrast = as.character(pr$contrast[i]), pValue = pr$p.value[i]))
), "test/reference/fixtures/adjust/adjust.json")
