# Computed columns and row filters (src-engine/data/compute) as R computes them, on
# test/data/compute_small.csv. Quadrat makes a value that is not a finite number NA (R gives
# -Inf for log(0) and NaN for log(-1)); `fin` does the same here. Text columns are factors with
# levels in ICU order (common.R). Run from the repository root: Rscript test/reference/compute.R
source("test/reference/common.R")
d <- read.csv("test/data/compute_small.csv", stringsAsFactors = FALSE)
d$site <- factor(d$site); d$treat <- factor(d$treat)
fin <- function(x) { x[!is.finite(x)] <- NA; x }
num <- function(expr, x) list(expression = expr, type = "numeric", values = arr(fin(x)))
fac <- function(expr, f) list(expression = expr, type = "factor", levels = arr(levels(f)), values = arr(as.character(f)))
lgl <- function(expr, x) list(expression = expr, type = "logical", values = arr(x))
recoded <- function(f, changes) { lv <- levels(f); for (old in names(changes)) lv[lv == old] <- changes[[old]]; levels(f) <- lv; f }

columns <- with(d, list(
  num("log(mass)", log(mass)),
  num("log10(mass + 1)", log10(mass + 1)),
  num("log(mass, 2)", log(mass, 2)),
  num("sqrt(mass)", sqrt(mass)),
  num("exp(temp / 10)", exp(temp / 10)),
  num("abs(temp) × 2 − 1", abs(temp) * 2 - 1),
  num("(mass - 2)^2 / 3", (mass - 2)^2 / 3),
  num("1 / (year - 2010)", 1 / (year - 2010)),
  num("centre(temp)", as.numeric(scale(temp, scale = FALSE))),
  num("scale(mass)", as.numeric(scale(mass))),
  num("scale(log(mass))", as.numeric(scale(fin(log(mass))))),
  num("mass * 2 + temp", mass * 2 + temp),
  fac("factor(plot)", factor(plot)),
  fac("factor(site)", site),
  fac('recode(treat, "warm" = "heated", "ctrl" = "control")', recoded(treat, list(warm = "heated", ctrl = "control"))),
  fac('recode(site, "B3" = "B", "b3" = "B", "A1" = NA)', recoded(site, list(B3 = "B", b3 = "B", A1 = NA))),
  fac('interaction(site, treat, sep = ":")', interaction(site, treat, sep = ":")),
  fac("interaction(treat, plot, year)", interaction(treat, factor(plot), factor(year))),
  fac("interaction(site, treat, drop = TRUE)", interaction(site, treat, drop = TRUE)),
  lgl("year >= 2010 & !is.na(mass)", year >= 2010 & !is.na(mass)),
  lgl('site %in% c("A1", "b3") | mass > 3', site %in% c("A1", "b3") | mass > 3)
))

# subset(d, cond): the 1-based rows kept (NA conditions are left out)
kept <- function(expr, cond) list(expression = expr, rows = arr(which(cond)))
filters <- with(d, list(
  kept('year >= 2010 & site != "B3"', year >= 2010 & site != "B3"),
  kept("!is.na(mass)", !is.na(mass)),
  kept('site %in% c("A1", "b3") | mass > 3', site %in% c("A1", "b3") | mass > 3),
  kept("log(mass) > 0", log(mass) > 0),
  kept('treat == "warm" & (year < 2010 | year > 2012)', treat == "warm" & (year < 2010 | year > 2012)),
  kept("plot == 5 | !(temp < 10)", plot == 5 | !(temp < 10))
))
write_fixture(list(generatedBy = generated_by(), data = "compute_small.csv", columns = columns, filters = filters),
              "test/reference/fixtures/values/compute.json")
