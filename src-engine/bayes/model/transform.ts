/**
 * Stan's transforms of a bounded scalar to ℝ, with the log-Jacobian Stan adds (lower: x = lb + eᵘ;
 * upper: x = ub − eᵘ; both: x = lb + (ub − lb)·logit⁻¹(u)).
 */
export interface Bounds {
  readonly lb: number | undefined;
  readonly ub: number | undefined;
}

export const UNBOUNDED: Bounds = { lb: undefined, ub: undefined };
export const POSITIVE: Bounds = { lb: 0, ub: undefined };

/** x, log|dx/du| and its derivative in u, and dx/du, written into out (no allocation). */
export interface Constrained {
  x: number;
  logJ: number;
  dLogJ: number;
  dx: number;
}

export function constrain(b: Bounds, u: number, out: Constrained): void {
  const { lb, ub } = b;
  if (lb === undefined && ub === undefined) {
    out.x = u;
    out.logJ = 0;
    out.dLogJ = 0;
    out.dx = 1;
  } else if (ub === undefined) {
    const e = Math.exp(u);
    out.x = lb! + e;
    out.logJ = u;
    out.dLogJ = 1;
    out.dx = e;
  } else if (lb === undefined) {
    const e = Math.exp(u);
    out.x = ub - e;
    out.logJ = u;
    out.dLogJ = 1;
    out.dx = -e;
  } else {
    const p = 1 / (1 + Math.exp(-u));
    const w = ub - lb;
    out.x = lb + w * p;
    // log(ub − lb) + log p + log(1 − p), written stably for large |u|
    out.logJ = Math.log(w) - Math.abs(u) - 2 * Math.log1p(Math.exp(-Math.abs(u)));
    out.dLogJ = 1 - 2 * p;
    out.dx = w * p * (1 - p);
  }
}

/** The inverse (Stan's unconstrain), for starting points and tests. */
export function unconstrain(b: Bounds, x: number): number {
  const { lb, ub } = b;
  if (lb === undefined && ub === undefined) return x;
  if (ub === undefined) return Math.log(x - lb!);
  if (lb === undefined) return Math.log(ub - x);
  const p = (x - lb) / (ub - lb);
  return Math.log(p / (1 - p));
}
