/**
 * The Hessian of lmerTest's devfun_vp(τ), τ = (θ, σ),
 *   devfun_vp = log|L_θ|² + r²(θ)/σ² + n′ log(2πσ²) [+ log|R_X|²],  n′ = n (ML) or n − p (REML),
 * from exact first derivatives (varparDerivatives.ts) instead of lmerTest's Richardson extrapolation of
 * the deviance (~8 factorizations per entry):
 *   ∂²/∂σ²      = 6 r²/σ⁴ − 2n′/σ²
 *   ∂²/∂θ_k∂σ   = −2 (∂r²/∂θ_k)/σ³
 *   ∂²/∂θ_k∂θ_l = central difference in θ_l of the exact ∂devfun_vp/∂θ_k at σ̂ (2 gradients per θ),
 *                 symmetrised, when the gradient is cheap (its log-determinant part needs the diagonal
 *                 blocks of A⁻¹, i.e. the dense inverse of the rest: a small rest, or a supernodal
 *                 factorization with a small dense rest); else, for all-scalar terms, exactly from one dense
 *                 inverse of the rest (scalarThetaHessian.ts: ham, InstEval); otherwise numDeriv's Richardson extrapolation of
 *                 devfun_vp(·, σ̂) in θ alone — the same numbers as lmerTest's θ block, without its σ
 *                 rows and columns (for InstEval 48 factorizations instead of 96 with the Jacobian).
 * Step h_l = 1e-4 max(|θ_l|, 0.1): the truncation error is O(h²) ≈ 1e-8 relative and the exact gradients
 * are accurate to ~1e-12, so H agrees with numDeriv's extrapolation to ~1e-7 (the df to ~2e-7 relative
 * over the reference fixtures).
 */
import { type RestInverse, warmInverseKernel } from '../linalg/wasmInverse';
import { type LmmModel } from '../lmm/lmmModel';
import { hessian } from './richardson';
import { scalarBlockShape, scalarHessianApplies, scalarThetaHessian } from './scalarThetaHessian';
import { type VarparDerivatives, varparDerivatives } from './varparDerivatives';

const REL_STEP = 1e-4;
const MIN_SCALE = 0.1;
/** The largest dense random-effects rest whose inverse each gradient forms (a JS triangular inverse): beyond it the 4nθ(nθ + 1) factorizations of the Richardson θ block cost less (ham: 98, InstEval: 1,159). */
export const MAX_GRADIENT_REST = 50;

/** Whether the θ block comes from exact gradients (cheap for this model's factorization). */
export function gradientsAreCheap(model: LmmModel): boolean {
  return model.qRest <= MAX_GRADIENT_REST;
}

function devGradient(d: VarparDerivatives, sigma: number, reml: boolean): Float64Array | undefined {
  if (!d.dLdL2) return undefined;
  const s2 = sigma * sigma;
  return d.dLdL2.map((g, k) => g + d.dPwrss[k] / s2 + (reml ? d.dLdRX2[k] : 0));
}

/**
 * The (nθ + 1)² Hessian, column-major. `deviance` is devfun_vp as a function of τ (memoised per θ), used for the θ
 * block when the gradients are not cheap or need a singular template.
 */
export function varparHessian(
  model: LmmModel,
  theta: Float64Array,
  sigma: number,
  reml: boolean,
  at: VarparDerivatives,
  deviance: (tau: Float64Array) => number,
  /** beginScalarThetaHessian at θ's factorization, if the caller began it. */
  begun?: RestInverse,
): Float64Array {
  const nTheta = theta.length;
  const { n, p } = model.design;
  const nPrime = reml ? n - p : n;
  const thetaBlock =
    (at.dLdL2 && gradientsAreCheap(model) && gradientDifferences(model, theta, sigma, reml)) || scalarBlock(model, theta, sigma, reml, begun) || richardsonBlock(theta, sigma, deviance);
  const k = nTheta + 1;
  const H = new Float64Array(k * k);
  for (let b = 0; b < nTheta; b++) H.set(thetaBlock.subarray(b * nTheta, (b + 1) * nTheta), b * k);
  const s2 = sigma * sigma;
  for (let a = 0; a < nTheta; a++) H[nTheta * k + a] = H[a * k + nTheta] = (-2 * at.dPwrss[a]) / (s2 * sigma);
  H[nTheta * k + nTheta] = (6 * at.pwrss) / (s2 * s2) - (2 * nPrime) / s2;
  return H;
}

/**
 * Start what the exact θ block of a large all-scalar model needs, the inverse kernel and its helper
 * threads, ahead of it: they then start up while the caller works (the fit, or the df's first solves).
 */
export function prepareScalarBlock(model: LmmModel): void {
  if (!gradientsAreCheap(model) && scalarBlockShape(model)) warmInverseKernel(model.qRest + model.design.p);
}

/** The exact θ block for all-scalar models (scalarThetaHessian.ts), factoring only where it applies. */
function scalarBlock(model: LmmModel, theta: Float64Array, sigma: number, reml: boolean, begun?: RestInverse): Float64Array | undefined {
  if (!scalarHessianApplies(model, theta)) return undefined;
  const f = model.factorAt(theta);
  return f ? scalarThetaHessian(f, sigma, reml, begun) : undefined;
}

/** numDeriv's Richardson Hessian of devfun_vp(θ, σ̂) in θ (lmerTest's θ block, step for step). */
function richardsonBlock(theta: Float64Array, sigma: number, deviance: (tau: Float64Array) => number): Float64Array {
  const nTheta = theta.length;
  const tau = new Float64Array(nTheta + 1);
  tau[nTheta] = sigma;
  return hessian((t) => {
    tau.set(t);
    return deviance(tau);
  }, theta);
}

/** Central differences of the exact θ-gradient, symmetrised (column-major); undefined where a gradient cannot be taken. */
function gradientDifferences(model: LmmModel, theta: Float64Array, sigma: number, reml: boolean): Float64Array | undefined {
  const nTheta = theta.length;
  const cols: Float64Array[] = [];
  const x = theta.slice();
  for (let l = 0; l < nTheta; l++) {
    const h = REL_STEP * Math.max(Math.abs(theta[l]), MIN_SCALE);
    const at = (v: number) => {
      x[l] = v;
      const f = model.factorAt(x);
      return f && varparDerivatives(f, true, true);
    };
    const dp = at(theta[l] + h);
    const dm = at(theta[l] - h);
    x[l] = theta[l];
    const gp = dp && devGradient(dp, sigma, reml);
    const gm = dm && devGradient(dm, sigma, reml);
    if (!gp || !gm) return undefined;
    cols.push(gp.map((v, i) => (v - gm[i]) / (2 * h)));
  }
  const H = new Float64Array(nTheta * nTheta);
  for (let b = 0; b < nTheta; b++) for (let a = 0; a < nTheta; a++) H[b * nTheta + a] = (cols[b][a] + cols[a][b]) / 2;
  return H;
}
