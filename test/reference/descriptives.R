# Descriptives by group (issue 17): n, missing, mean, sd, min, median, max of numeric columns per level
# of a grouping factor, as tapply() with na.rm = TRUE gives them. Writes
# test/reference/fixtures/descriptives/<case>.json. Run from the repo root:
#   Rscript test/reference/descriptives.R

source("test/reference/common.R")

cases <- list(
  sleepstudy_by_subject = list(data = "sleepstudy.csv", factors = "Subject", columns = c("Reaction", "Days"), by = "Subject"),
  sleepstudy_na_by_subject = list(data = "sleepstudy_na.csv", factors = "Subject", columns = c("Reaction"), by = "Subject"),
  field_small_by_site = list(data = "field_small.csv", factors = character(0), columns = NULL, by = "site"),
  oats_all = list(data = "Oats.csv", factors = c("Block", "Variety"), columns = c("yield", "nitro"), by = NULL)
)

na_null <- function(x) if (length(x) == 0 || is.na(x)) NULL else unname(x)

for (name in names(cases)) {
  cs <- cases[[name]]
  d <- load_case_data(cs)
  cols <- if (is.null(cs$columns)) names(d)[vapply(d, is.numeric, logical(1))] else cs$columns
  g <- if (is.null(cs$by)) factor(rep("all", nrow(d))) else factor(d[[cs$by]])
  rows <- list()
  for (col in cols) {
    for (lv in levels(g)) {
      x <- d[[col]][!is.na(g) & g == lv]
      v <- x[!is.na(x)]
      rows[[length(rows) + 1]] <- list(
        column = col, group = if (is.null(cs$by)) NULL else lv, n = length(v), missing = sum(is.na(x)),
        mean = if (length(v)) mean(v) else NULL, sd = if (length(v) > 1) sd(v) else NULL,
        min = if (length(v)) min(v) else NULL, median = if (length(v)) median(v) else NULL, max = if (length(v)) max(v) else NULL
      )
    }
  }
  write_fixture(list(case = name, data = cs$data, factors = arr(cs$factors), columns = arr(cols), by = cs$by,
                     generatedBy = generated_by(), rows = rows),
                file.path("test/reference/fixtures/descriptives", paste0(name, ".json")))
}
