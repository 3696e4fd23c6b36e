/**
 * The conditional SDs of the random effects as glmmTMB's ranef(m, condVar = TRUE) reports them:
 * sdreport's Std. Error of the random effects, the square root of the diagonal of
 *   Cov(b̂) = H⁻¹ + J V Jᵀ,
 * H the Hessian of −log p(y, b) in b at b̂ (the inner problem's), V = vcov(m, full = TRUE) of the outer
 * parameters ψ and J = ∂b̂/∂ψ: the spread of b given the data at ψ̂ plus what the uncertainty of ψ̂
 * adds (Kass & Steffey 1989; TMB's sdreport computes the same two terms). J by central differences of
 * the inner loop's modes (each a Newton loop converged to far below the step's error).
 */
import { type TmbModel } from './tmbModel';

/** Step of the central differences of b̂(ψ): truncation error O(h²) ~ 1e-8 against b̂'s ~1e-12. */
const STEP = 1e-4;

/** SD per random effect (in b's order), or undefined where the modes cannot be found or a variance is not positive. */
export function ranefCondSd(model: TmbModel, par: Float64Array, vcov: Float64Array): Float64Array | undefined {
  const m = par.length;
  const J: Float64Array[] = [];
  for (let a = 0; a < m; a++) {
    const x = Float64Array.from(par);
    x[a] = par[a] + STEP;
    const up = model.modesAt(x);
    x[a] = par[a] - STEP;
    const down = model.modesAt(x);
    if (!up || !down) return undefined;
    J.push(up.b.map((v, j) => (v - down.b[j]) / (2 * STEP)));
  }
  const hInv = model.inverseHessianDiagAt(par);
  if (!hInv) return undefined;
  const sd = hInv.map((h, j) => {
    let s = h;
    for (let a = 0; a < m; a++) {
      const ja = J[a][j];
      if (ja === 0) continue;
      for (let c = 0; c < m; c++) s += ja * vcov[a * m + c] * J[c][j];
    }
    return Math.sqrt(s);
  });
  // a V that is not positive definite (solve()'s inverse of an indefinite Hessian) can leave a negative diagonal
  return sd.every(Number.isFinite) ? sd : undefined;
}
