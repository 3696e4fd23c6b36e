# R oracle for Quadrat's data import. Run from the repository root:
#   Rscript test/engine/data/reference/readcsv.R
# Writes readcsv.json next to this script:
#  - files: for every test/data/*.csv, what read.csv(stringsAsFactors = TRUE) makes of it (level order
#    of R in a UTF-8 locale, ICU collation; Quadrat's default missing-value codes), plus the levels factor() gives each numeric
#    column (what `--factor` must reproduce);
#  - typeConvert: which strings type.convert reads as numbers (dec "." and ","), and their values;
#  - asCharacter: as.character() of doubles (factor labels after numeric -> factor);
#  - sortC: sort() of strings in the C locale; sortLocale: sort() in a UTF-8 locale (ICU collation).
suppressMessages(library(jsonlite))
# R's default on Windows, macOS and Linux: a UTF-8 locale, collation by ICU (root/English rules)
invisible(Sys.setlocale("LC_COLLATE", "C.UTF-8"))
if (!capabilities("ICU")) stop("this R has no ICU: the locale order cannot be made")
icuSetCollate(locale = "en")
na <- c("NA", "na", ".", "-", "")

head_tail <- function(x) list(n = length(x), first = I(head(x, 5)), last = I(tail(x, 3)))  # I(): a one-level factor stays a list

describe_file <- function(path) {
  d <- read.csv(path, stringsAsFactors = TRUE, na.strings = na)
  cols <- lapply(names(d), function(nm) {
    x <- d[[nm]]
    type <- if (is.factor(x)) "factor" else if (is.logical(x)) "logical" else "numeric"
    out <- list(name = nm, type = type, missing = sum(is.na(x)))
    if (is.factor(x)) out$levels <- head_tail(levels(x))
    if (is.numeric(x)) {
      out$asFactorLevels <- head_tail(levels(factor(x)))
      out$sum <- sum(x, na.rm = TRUE)
      out$first <- head(x, 3)
    }
    out
  })
  list(file = basename(path), nrow = nrow(d), columns = cols)
}

files <- sort(list.files("test/data", pattern = "\\.csv$", full.names = TRUE))

strings <- c("1", " 2", "3 ", "+4", "-5", ".5", "5.", "1e3", "1E-2", "1.5e+3", "-.5e-1", "1e", "1e+", "1e-",
             "0x1A", "0X10", "0x1p3", "0x1P-2", "Inf", "-Inf", "inf", "Infinity", "-infinity", "NaN", "nan",
             "00012", "1e400", "1,5", "-1,5", ",5", "1.2.3", "abc", "1 2", "- 3", "e1", "1d2", "0x", "0xg", ".", "+",
             "-", "1e5.5", "+.e1", "1_000", "TRUE", "T", "1.5", "12")
conv <- function(dec) lapply(strings, function(s) {
  v <- type.convert(s, as.is = TRUE, dec = dec, na.strings = character(0))
  num <- is.numeric(v)
  list(text = s, numeric = num, value = if (num) format(v, digits = 17) else NULL)
})

doubles <- c(1e5, 123456, 1e-4, 0.1 + 0.2, 1e15, 123456789012345678, -1e5, 1 / 3, 1e-15, 100, 1234567,
             0.5, -2.25, 308, 1e21, 2.5e-7, 99999, 1e100, 3.14159265358979)
labels <- c("b", "B", "a", "_", "Z", "\u00e9", "e", "10", "9", "a b", "ab", "A1", "A10", "A2", "\u00c5", "~", " x")

out <- list(
  R = R.version.string,
  files = lapply(files, describe_file),
  typeConvert = list(dot = conv("."), comma = conv(",")),
  asCharacter = lapply(doubles, function(x) list(value = format(x, digits = 17), text = as.character(x))),
  sortC = list(input = labels, sorted = sort(labels, method = "radix")),
  sortLocale = list(input = labels, sorted = sort(labels))
)
write_json(out, "test/engine/data/reference/readcsv.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
