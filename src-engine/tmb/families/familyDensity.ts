/**
 * The log density of one observation for glmmTMB's families beyond the counts (beta_family,
 * betabinomial, tweedie, genpois, Gamma), and its partials in the layout of densityPartials.ts: η (the
 * linear predictor, each family with its own link), κ = log φ and ψ (tweedie's power parameter).
 * Made once per Laplace evaluation (with that evaluation's ψ), so a family can keep per-observation
 * terms that do not move with η (tweedie's series, betabinomial's log binomial coefficient).
 */

/** What a family needs beyond (y, η, φ): binomial trials and the family parameter ψ. */
export interface FamilyContext {
  /** betabinomial: the number of trials per observation */
  readonly size?: Float64Array;
  /** tweedie: ψ, the power p = 1 + invlogit(ψ) */
  readonly psi: number;
}

export interface FamilyDensity {
  /** ℓ of observation i with response y, linear predictor η and dispersion φ */
  logDensity(i: number, y: number, eta: number, phi: number): number;
  /** the partials of ℓ (D's positions, from o) at η and κ = log φ */
  partials(i: number, y: number, eta: number, kappa: number, out: Float64Array, o: number): void;
}
