# Checks glmmTMB_predict.R's manual_means (emmeans' construction written out, for the cases whose fixtures are
# made without emmeans) against the emmeans fixtures of sal_zinb, sal_hurdle_nb2 and grouse_nbinom2: it
# printed relative differences below 1e-14 for cond (estimate, SE, limits), zi and the response SE.
# Run from the repo root: Rscript test/reference/glmmTMB_predict_check.R
src <- readLines("test/reference/glmmTMB_predict.R")
src <- src[1:(grep("^only <- commandArgs", src) - 1)]
eval(parse(text = src))
for (case in c("sal_zinb", "sal_hurdle_nb2", "grouse_nbinom2")) {
  fx <- jsonlite::fromJSON(file.path(SRC_DIR, paste0(case, ".json")), simplifyVector = TRUE)
  old <- jsonlite::fromJSON(file.path(OUT_DIR, paste0(case, ".json")), simplifyVector = TRUE)
  d <- load_case_data(list(data = fx$data, factors = fx$factors, subset = fx$subset))
  famf <- get(fx$family, envir = asNamespace("glmmTMB"), inherits = TRUE)
  m <- glmmTMB::glmmTMB(as.formula(fx$formula), ziformula = as.formula(fx$ziformula), dispformula = as.formula(fx$dispformula), data = d, family = famf())
  mm <- manual_means(m, fx, d, old$emmeans$specs)
  f <- function(a, b) max(abs(unlist(a) - unlist(b)) / abs(unlist(b)))
  cat(case, "cond est", f(lapply(mm$cond, `[[`, "estimate"), old$emmeans$cond$estimate),
      "SE", f(lapply(mm$cond, `[[`, "SE"), old$emmeans$cond$SE),
      "lower", f(lapply(mm$cond, `[[`, "lowerCL"), old$emmeans$cond$lowerCL),
      "zi", if (length(mm$zi)) f(lapply(mm$zi, `[[`, "SE"), old$emmeans$zi$SE) else NA,
      "resp", f(lapply(mm$response, `[[`, "SE"), old$emmeans$response$SE), "\n")
}
