# The numbers behind the diagnostic plots, for test/renderer/plots/diagnosticData.test.ts:
# qqnorm's theoretical quantiles, qqline's slope and intercept (through the quartiles, type 7),
# ppoints(5) and qnorm(0.975), for one fixed vector.
# Run from the repo root: Rscript test/reference/diagnostics.R → test/reference/fixtures/plots/diagnostics.json
source("test/reference/common.R")
x <- c(0.3, -1.2, 2.5, 0.7, -0.1, 1.9, -2.2, 0.05, 0.9, -0.4, 1.1, 0.2)
q <- qqnorm(x, plot.it = FALSE)
yq <- quantile(x, c(0.25, 0.75), names = FALSE, type = 7)
xq <- qnorm(c(0.25, 0.75))
slope <- diff(yq) / diff(xq)   # qqline's own formula
write_fixture(list(
  generatedBy = list(R = paste(R.version$major, R.version$minor, sep = ".")),
  x = arr(x),
  theoreticalSorted = arr(sort(q$x)),
  qqlineSlope = slope,
  qqlineIntercept = yq[1] - slope * xq[1],
  ppoints5 = arr(ppoints(5)),
  qnorm975 = qnorm(0.975)
), "test/reference/fixtures/plots/diagnostics.json")
