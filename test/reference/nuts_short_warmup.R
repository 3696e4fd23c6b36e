# What Stan does with a warm-up too short for its adaptation windows (init_buffer 75 + window 25 +
# term_buffer 50 = 150): it logs that the stages shrink to 15% / 75% / 10%, but the metric is not
# adapted at all below 150 (set_window_params returns before restart()). Run from the repo root:
#   Rscript test/reference/nuts_short_warmup.R
# Writes test/reference/fixtures/nuts/short_warmup.json:
# { generatedBy, model, runs: [{ warmup, stepsize, inv_metric }] } from rstan's get_adaptation_info.

suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
if (!file.exists(rstan_options("boost_lib")) && dir.exists("/usr/include/boost")) rstan_options(boost_lib = "/usr/include")
OUT_DIR <- "test/reference/fixtures/nuts"
dir.create(OUT_DIR, recursive = TRUE, showWarnings = FALSE)

code <- "parameters { vector[2] x; } model { x[1] ~ normal(0, 10); x[2] ~ normal(0, 0.1); }"
model <- stan_model(model_code = code)
runs <- lapply(c(100, 149, 150), function(w) {
  f <- sampling(model, chains = 1, iter = w + 100, warmup = w, seed = 3, refresh = 0)
  lines <- strsplit(get_adaptation_info(f)[[1]], "\n")[[1]]
  list(warmup = w,
       stepsize = as.numeric(sub(".*= ", "", grep("Step size", lines, value = TRUE))),
       inv_metric = I(as.numeric(strsplit(sub("^# ", "", lines[grep("inverse mass matrix", lines) + 1]), ", ")[[1]])))
})
doc <- list(generatedBy = list(R = paste(R.version$major, R.version$minor, sep = "."),
                               rstan = as.character(packageVersion("rstan")),
                               StanHeaders = as.character(packageVersion("StanHeaders"))),
            model = code, runs = runs)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(OUT_DIR, "short_warmup.json"))
cat("wrote", file.path(OUT_DIR, "short_warmup.json"), "\n")
