# The cross-check problems, defined identically in problems.ts.
rosen <- function(x) { s <- 0; for (i in 1:(length(x) - 1)) s <- s + 100 * (x[i + 1] - x[i]^2)^2 + (1 - x[i])^2; s }
beale <- function(x) (1.5 - x[1] + x[1] * x[2])^2 + (2.25 - x[1] + x[1] * x[2]^2)^2 + (2.625 - x[1] + x[1] * x[2]^3)^2
wood <- function(x) 100 * (x[1]^2 - x[2])^2 + (x[1] - 1)^2 + (x[3] - 1)^2 + 90 * (x[3]^2 - x[4])^2 +
  10.1 * ((x[2] - 1)^2 + (x[4] - 1)^2) + 19.8 * (x[2] - 1) * (x[4] - 1)
quad3 <- function(x) (x[1] - 1)^2 + 2 * (x[2] + 2)^2 + 3 * (x[3] - 0.5)^2 + 0.5 * x[1] * x[2]
bound2 <- function(x) (x[1] + 1)^2 + (x[2] - 2)^2
mixed3 <- function(x) (x[1] + 1)^2 + (x[2] - 1)^2 + 10 * (x[3] - 3)^2 + 0.5 * (x[1] - x[2])^2
illscaled4 <- function(x) {
  c <- cos(pi / 6); s <- sin(pi / 6); w <- c(1e-2, 1, 1e2, 1e4)
  y <- c(c * (x[1] - 1) - s * (x[2] - 2), s * (x[1] - 1) + c * (x[2] - 2),
         c * (x[3] + 1) - s * (x[4] - 0.5), s * (x[3] + 1) + c * (x[4] - 0.5))
  sum(w * y^2)
}
box10 <- function(x) { i <- seq_along(x); sum(i * (x - (-1)^i)^2) + 0.5 * sum(diff(x)^2) }

problems <- list(
  rosen2 = list(f = rosen, x0 = c(-1.2, 1), lower = c(-Inf, -Inf), upper = c(Inf, Inf), rhobeg = 0.5),
  rosen5 = list(f = rosen, x0 = c(-1.2, 1, -1.2, 1, -1.2), lower = rep(-Inf, 5), upper = rep(Inf, 5), rhobeg = 0.5),
  beale2 = list(f = beale, x0 = c(1, 1), lower = c(-Inf, -Inf), upper = c(Inf, Inf), rhobeg = 0.5),
  wood4 = list(f = wood, x0 = c(-3, -1, -3, -1), lower = rep(-Inf, 4), upper = rep(Inf, 4), rhobeg = 0.5),
  quad3 = list(f = quad3, x0 = c(0, 0, 0), lower = rep(-Inf, 3), upper = rep(Inf, 3), rhobeg = 0.5),
  bound2 = list(f = bound2, x0 = c(1, 1), lower = c(0, -Inf), upper = c(Inf, Inf), rhobeg = 0.5),
  mixed3 = list(f = mixed3, x0 = c(1, 0, 1.5), lower = c(0, -Inf, 1), upper = c(Inf, Inf, 2), rhobeg = 0.2),
  illscaled4 = list(f = illscaled4, x0 = c(0, 0, 0, 0), lower = rep(-Inf, 4), upper = rep(Inf, 4), rhobeg = 0.5),
  box10 = list(f = box10, x0 = rep(0, 10), lower = rep(-0.5, 10), upper = rep(0.5, 10), rhobeg = 0.2)
)
