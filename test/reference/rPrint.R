# How R prints names and numbers in console tables (src-engine/report/rPrint.ts): abbreviate() of
# coefficient names at the lengths R's printers use (nlme's Corr head: 6), and the decimals format()
# gives a numeric column at 7 and 4 significant digits.
# Run from the repository root: Rscript test/reference/rPrint.R
source("test/reference/common.R")
names_in <- c("(Intercept)", "age", "Days", "SexFemale", "I(age^2)", "treatmentWarm", "poly(x, 2)1",
              "log(mass)", "FoodTreatmentSatiated:SexMale", "  lead", "a b c d e f", "Time", "sin(2 * pi * Time)")
abbrev <- lapply(c(4, 6, 8), function(m) list(minlength = m, out = unname(abbreviate(names_in, m))))
cols <- list(c(2.3270341, 0.2264278, 1.3100397), c(251.405, 6.825), c(1e-5, 3.14159), c(100, 2.5),
             c(1.386038, 0.1492532, 1.37064), c(-0.609, 12.5), c(1234567.8, 2), c(0.5, 0.25, 0.125))
decimals <- lapply(cols, function(x) lapply(c(7, 4), function(d) {
  f <- format(x, digits = d)
  parts <- strsplit(trimws(f), ".", fixed = TRUE)
  list(x = x, digits = d, text = f, decimals = max(vapply(parts, function(p) if (length(p) > 1) nchar(p[2]) else 0L, 1L)))
}))
write_fixture(list(generatedBy = generated_by(), names = names_in, abbreviate = abbrev, decimals = unlist(decimals, recursive = FALSE)),
              "test/reference/fixtures/values/rPrint.json")
