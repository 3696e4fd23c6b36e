# R's studentized range upper tail, for test/engine/inference/ptukey.test.ts (via ptukeyValues.ts):
# ptukey(q, nmeans, df, lower.tail = FALSE) for q in QS and every (nmeans, df) pair below.
# Run from the repo root: Rscript test/reference/ptukey.R → test/reference/fixtures/values/ptukey.json
source("test/reference/common.R")
QS <- c(0.5, 1, 2, 3.17, 4, 6)
grid <- expand.grid(df = c(3, 10, 237, 1000, 30000), nmeans = c(2, 3, 4, 10))
write_fixture(list(
  generatedBy = list(R = paste(R.version$major, R.version$minor, sep = ".")),
  qs = arr(QS),
  values = lapply(seq_len(nrow(grid)), function(i) list(
    nmeans = grid$nmeans[i], df = grid$df[i],
    upper = arr(ptukey(QS, grid$nmeans[i], grid$df[i], lower.tail = FALSE))))
), "test/reference/fixtures/values/ptukey.json")
