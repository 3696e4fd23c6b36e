/**
 * The AR(1) whitening's constants for a time step dt between consecutive observations of a group:
 * r = φ^dt, log(1 − r²) (its term of log|C|) and 1/√(1 − r²), recomputed only when dt changes — once per
 * group for equally spaced times, where a pow, a log and a square root per row were a large part of a
 * small model's criterion. Shared by the gls Markov path (likelihood.ts) and lme's whitening
 * (lowRankBlocks.ts).
 */
export class Ar1Step {
  r = 0;
  logQ = 0;
  f = 1;
  private dt = NaN;

  constructor(private readonly phi: number) {}

  /** Sets r, logQ and f for step dt; false when 1 − r² ≤ 0 (the correlation is not positive definite). */
  at(dt: number): boolean {
    if (dt === this.dt) return true;
    const r = Math.pow(this.phi, dt);
    const q = 1 - r * r;
    if (!(q > 0)) return false;
    this.r = r;
    this.logQ = Math.log(q);
    this.f = 1 / Math.sqrt(q);
    this.dt = dt;
    return true;
  }
}
