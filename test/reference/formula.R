# Formula-syntax reference fixture: R's own reading of formulas, written to
# test/reference/fixtures/formula/syntax.json. Run from the repo root: Rscript test/reference/formula.R
#
# JSON shape:
# { generatedBy,
#   terms: [{ formula, response (deparse of the left side or null), intercept (0/1),
#             labels: attr(terms(f), "term.labels"), offsets: deparsed offset variables }],
#   bars: [{ formula, bars: [{ group: deparse1(bar[[3]]), intercept, labels }] }]  — lme4's
#          findbars(expandDoubleVerts(rhs)); intercept/labels are terms(~ lhs) of each bar,
#   numbers: [{ value (exact, as "%.17g" text), text: as.character(value) }],
#   deparse: [{ text, deparsed: deparse(parse(text = text)[[1]]) }] }

source("test/reference/common.R")

TERMS <- c(
  "y ~ a + b", "y ~ a*b*c", "y ~ (a+b+c)^2", "y ~ (a+b+c)^3 - a:b:c", "y ~ a/b", "y ~ a/(b+c)",
  "y ~ (a+b)/c", "y ~ b:a + a", "y ~ a*b - a", "y ~ 0 + a", "y ~ -1 + a", "y ~ a - 1", "y ~ a + 0",
  "y ~ 1", "y ~ 0", "y ~ a - 0", "y ~ 0 + a + 1", "y ~ I(a^2) + a", "y ~ poly(x, 2) * f",
  "y ~ log(x + 1):f + f", "y ~ a + offset(o) + b", "y ~ a + offset(log(o)) + offset(p)", "y ~ a:b:c + a",
  "y ~ a^2", "y ~ (a + b)^2:c", "y ~ a*(b + c)", "y ~ (a+b)*(c+d)", "y ~ a:b + a:c + b",
  "y ~ a + b + a:b + b:a", "y ~ I(x > 2) + I(x == 3)", "log(y) ~ x", "cbind(s, f) ~ x",
  "y ~ scale(x) + factor(z)", "y ~ x * I(x^2)", "y ~ a - a", "y ~ (a:b)^2", "y ~ a + (b - a)",
  "y/n ~ a", "y ~ c:b:a + b", "y ~ ((a))", "y ~ x + exp(x/10) + sqrt(abs(x - 4))", "y ~ `my var` + b",
  "y ~ poly(x, degree = 3) + poly(x, 2, raw = TRUE)", "y ~ a:(b + c)", "y ~ (a + b):(c + d)"
)

BARS <- c(
  "y ~ x + (1|g)", "y ~ (x|g)", "y ~ (1+x|g)", "y ~ (0+x|g)", "y ~ (x||g)", "y ~ (x + z || g)",
  "y ~ (0 + x || g)", "y ~ (x*z || g)", "y ~ (1|a:b)", "y ~ (1|a/b)", "y ~ (1|a/b/c)", "y ~ (x|a/b)",
  "y ~ (x||a/b)", "y ~ (1|g) + (0+x|g)", "y ~ (f|g)", "y ~ (1|a) + x + (1|b)", "y ~ (-1 + x|g)",
  "y ~ (x - 1|g)", "y ~ (1|a:b:c)", "y ~ (poly(x,2)|g)", "y ~ x + (1|g) - 1", "y ~ (1|a/b/c/d)"
)

NUMBERS <- c(1e5, 123456, 0.1, 1/3, 1e-20, 2e15, 1e15, 100, 1e16, -0.5, 0.0001, 1234567.1, 0.1 + 0.2,
             1e300, 123456789012, 1.5e-8, 2^60, -1e-5, pi, 100000.5, 0.00012345, 1e-300,
             12345678901234567, 0.5, 2, -3, 1e4, 99999, 1e-4 * 3, 0.001, 7/3 * 1e6)

DEPARSE <- c("I(a^2)", "I(a>2)", "I(a*b)", "I(a/b)", "I(a-b)", "I(-a)", "I(a+b)", "poly(x,2)",
             "log(x+1)", "I(a==b)", "I(a!=b)", "I(a>=2.50)", "I(x*1e5)", "I(x*1e-10)", "I((a+b)*c)",
             "I(a^-1)", "I(-a^2)", "I(2^a^b)", "I((a^b)^c)", "I(a-(b-c))", "I(a-b-c)", "I(a/(b*c))",
             "I(-(a+b))", "I(+a)", "I(a- -b)", "I(x==TRUE)", "I(x==\"a\")", "I(`my var`+1)",
             "poly(x, degree=2)", "log(x, 2)", "I(x<=3)", "I(x < -1)", "I(x**2)", "log10( x )",
             "I(.5*x)", "I(x*100000)", "I(a:b)", "I(a %in% b)")

term_info <- function(txt) {
  f <- as.formula(txt)
  tt <- terms(f)
  off <- attr(tt, "offset")
  vars <- vapply(as.list(attr(tt, "variables"))[-1], deparse1, "")
  list(formula = txt, response = if (attr(tt, "response") == 1) deparse1(f[[2]]) else NULL,
       intercept = attr(tt, "intercept"), labels = arr(c(character(0), attr(tt, "term.labels"))),
       offsets = arr(c(character(0), if (is.null(off)) NULL else vars[off])))
}

bar_info <- function(txt) {
  f <- as.formula(txt)
  bars <- lme4::findbars(lme4:::expandDoubleVerts(f[[3]]))
  list(formula = txt, bars = lapply(bars, function(b) {
    tt <- terms(eval(substitute(~foo, list(foo = b[[2]]))))
    list(group = deparse1(b[[3]]), intercept = attr(tt, "intercept"),
         labels = arr(c(character(0), attr(tt, "term.labels"))))
  }))
}

DEPARSE <- DEPARSE[!grepl("%in%", DEPARSE)]
write_fixture(list(
  generatedBy = generated_by()[c("R", "lme4")],
  terms = lapply(TERMS, term_info),
  bars = lapply(BARS, bar_info),
  numbers = lapply(NUMBERS, function(x) list(value = sprintf("%.17g", x), text = as.character(x))),
  deparse = lapply(DEPARSE, function(t) list(text = t, deparsed = deparse1(parse(text = t)[[1]])))
), "test/reference/fixtures/formula/syntax.json")
