# Writes the derived test datasets into test/data (idempotent; sourced by lmm.R, or run alone with
# `Rscript test/reference/derived_data.R` from the repo root). Provenance is in test/data/README.md.

# factor levels as R sorts them in a UTF-8 locale (ICU collation): Quadrat's default order
invisible(Sys.setlocale("LC_COLLATE", "C.UTF-8"))
if (capabilities("ICU")) icuSetCollate(locale = "en")
if (!dir.exists("test/data")) stop("run this script from the repository root (test/data not found)")

write_data <- function(d, name) {
  path <- file.path("test/data", name)
  utils::write.csv(d, path, row.names = FALSE, na = "")
  cat("wrote", path, "\n")
}

# Dyestuff2 (lme4): the classic singular fit (between-batch variance estimated as 0).
dy2 <- lme4::Dyestuff2
write_data(data.frame(Batch = as.character(dy2$Batch), Yield = dy2$Yield), "Dyestuff2.csv")

sleep <- read.csv("test/data/sleepstudy.csv", stringsAsFactors = FALSE)
sleep$Subject <- as.character(sleep$Subject) # keep the quoted codes of sleepstudy.csv

# Missing values: five responses and one predictor blanked out (six rows dropped by na.omit).
na_sleep <- sleep
na_sleep$Reaction[c(3, 17, 44, 95, 150)] <- NA
na_sleep$Days[120] <- NA
write_data(na_sleep, "sleepstudy_na.csv")

# Rank deficiency: Days2 is exactly 2 * Days, so lme4 drops it from the fixed-effects design.
rd_sleep <- sleep
rd_sleep$Days2 <- 2 * rd_sleep$Days
write_data(rd_sleep, "sleepstudy_rankdef.csv")

# Prior weights: w cycles 1, 1.5, 2 with Days (lmer's weights = w).
w_sleep <- sleep
w_sleep$w <- 1 + (w_sleep$Days %% 3) / 2
write_data(w_sleep, "sleepstudy_weights.csv")

# Wheat2 (nlme): 56 wheat varieties in 4 blocks on a field grid (latitude, longitude): the 2-D spatial
# correlation example of Pinheiro & Bates, chapter 5.
w2 <- as.data.frame(nlme::Wheat2)
write_data(data.frame(Block = as.character(w2$Block), variety = as.character(w2$variety), yield = w2$yield,
                      latitude = w2$latitude, longitude = w2$longitude), "Wheat2.csv")
