/**
 * lmerTest's ingredients for Satterthwaite's method (R/lmer.R, as_lmerModLT): the deviance as a function
 * of the variance parameters τ = (θ, σ) with σ not profiled out,
 *   devfun_vp(τ) = log|L_θ|² + r²(θ)/σ² + n log(2πσ²)   [+ log|R_X|² − p log(2πσ²) for REML],
 * its Hessian H, Cov(τ̂) = 2 H⁺ (pseudo-inverse over eigenvalues > 1e-8), and the Jacobian of
 * vcov(β) = σ² (R_XᵀR_X)⁻¹(θ) with respect to τ. lmerTest takes H and the Jacobian by Richardson
 * extrapolation (~100 factorizations for three θ); here the Jacobian and H's σ entries are exact and
 * H's θ block comes from exact gradients where they are cheap (varparDerivatives.ts, varparHessian.ts),
 * which agree with lmerTest's numbers to ~2e-7 in the df. `varparCovariance(fit, false)` is lmerTest's
 * procedure, kept for the tests that compare the two.
 */
import { type LmmFit } from '../lmm/fitDesign';
import { type LmmModel } from '../lmm/lmmModel';
import { dgemm, dsyevDecreasing } from '../linalg/lapack';
import { hessian, jacobian } from './richardson';
import { varparDerivatives, type VarparDerivatives } from './varparDerivatives';
import { beginScalarThetaHessian } from './scalarThetaHessian';
import { gradientsAreCheap, varparHessian } from './varparHessian';

/** The matrices are column-major Float64Array. */
export interface VarparCovariance {
  readonly beta: Float64Array;
  readonly sigma: number;
  /** vcov(β̂) = σ² (R_XᵀR_X)⁻¹, p×p. */
  readonly vcovBeta: Float64Array;
  /** Asymptotic covariance of τ̂ = (θ̂, σ̂): 2 H⁺, (nθ + 1)². */
  readonly vcovVarpar: Float64Array;
  /** ∂vcov(β)/∂τ_k, one p×p matrix per variance parameter. */
  readonly jac: Float64Array[];
  /** lmerTest's convergence warnings from the eigenvalues of H. */
  readonly warnings: string[];
}

const EIGEN_TOL = 1e-8;

/** (R_XᵀR_X)⁻¹ at θ, column-major p×p; undefined if the factorization fails. */
export function unscaledVcovAt(model: LmmModel, theta: ArrayLike<number>): Float64Array | undefined {
  const f = model.factorAt(theta, false);
  if (!f) return undefined;
  const { m, qRest, L } = f.rest();
  const p = model.design.p;
  const off = qRest * m + qRest;
  // R_X⁻¹ = L_XX⁻ᵀ where L_XX is the X block of L (lower); (R_XᵀR_X)⁻¹ = L_XX⁻ᵀ L_XX⁻¹
  const Linv = new Float64Array(p * p); // L_XX⁻¹, lower, column-major
  for (let j = 0; j < p; j++) {
    Linv[j * p + j] = 1 / L[off + j * m + j];
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[off + k * m + i] * Linv[j * p + k];
      Linv[j * p + i] = s / L[off + i * m + i];
    }
  }
  const V = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let k = a; k < p; k++) s += Linv[a * p + k] * Linv[b * p + k];
      V[b * p + a] = V[a * p + b] = s;
    }
  return V;
}

/** A function of θ memoised on the exact θ values (finite differences revisit the same θ with other σ). */
function memoTheta<T>(nTheta: number, f: (theta: Float64Array) => T): (tau: Float64Array) => T {
  const cache = new Map<string, T>();
  return (tau) => {
    const theta = tau.subarray(0, nTheta);
    const key = Array.prototype.join.call(theta, ',');
    let v = cache.get(key);
    if (v === undefined) {
      v = f(theta.slice());
      cache.set(key, v);
    }
    return v;
  };
}

/** devfun_vp as a function of τ = (θ, σ); one factorization per distinct θ. */
export function varparDeviance(model: LmmModel, reml: boolean): (tau: Float64Array) => number {
  const nTheta = model.thetaLayout.size;
  const { n, p } = model.design;
  const partsAt = memoTheta(nTheta, (theta) => model.factorAt(theta, false)?.parts ?? null);
  return (tau) => {
    const parts = partsAt(tau);
    if (!parts) return NaN;
    const sigma2 = tau[nTheta] * tau[nTheta];
    const l2ps = Math.log(2 * Math.PI * sigma2);
    const dev = parts.ldL2 + parts.pwrss / sigma2 + n * l2ps;
    return reml ? dev + parts.ldRX2 - p * l2ps : dev;
  };
}

function formatEigen(x: number): string {
  const [m, e] = x.toExponential(1).split('e');
  const exp = Number(e);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** ∂vcov(β)/∂τ from the exact ∂(R_XᵀR_X)/∂θ: −σ² C (∂R_XᵀR_X/∂θ_k) C, and 2σ C for σ (C = (R_XᵀR_X)⁻¹). */
function exactJacobian(d: VarparDerivatives, sigma: number, p: number): Float64Array[] {
  const C = d.unscaledVcov;
  const mult = (A: Float64Array, B: Float64Array) => dgemm('N', 'N', p, p, p, A, B);
  const s2 = sigma * sigma;
  const jac = d.dRX.map((D) => mult(mult(C, D), C).map((v) => -s2 * v));
  jac.push(C.map((v) => 2 * sigma * v));
  return jac;
}

/** `analytic` false: lmerTest's finite differences throughout (the tests compare the two). */
export function varparCovariance(fit: LmmFit, analytic = true): VarparCovariance {
  const { model, theta, sigma, pls } = fit;
  const p = model.design.p;
  const nTheta = theta.length;
  const tau = new Float64Array(nTheta + 1);
  tau.set(theta);
  tau[nTheta] = sigma;

  // exact derivatives at θ̂ (Jacobian of vcov(β), σ rows of H); H's θ block from exact gradients where
  // every template is invertible, else lmerTest's Richardson extrapolation of the deviance
  const deviance = varparDeviance(model, fit.reml);
  const f = analytic ? model.factorAt(theta) : null;
  // a large all-scalar model's exact θ block: its inverse begins on the helper threads while the
  // derivatives are taken here
  const begun = f && !gradientsAreCheap(model) ? beginScalarThetaHessian(f) : undefined;
  const at = f && varparDerivatives(f, gradientsAreCheap(model), true);
  const H = at ? varparHessian(model, theta, sigma, fit.reml, at, deviance, begun) : hessian(deviance, tau);
  const warnings: string[] = [];
  if (H.some((v) => !Number.isFinite(v))) {
    // the deviance could not be evaluated around the estimates: no Satterthwaite df
    warnings.push("Satterthwaite's degrees of freedom could not be computed: the likelihood cannot be evaluated around the estimates.");
    const k = nTheta + 1;
    const vcovBeta = pls.unscaledVcov.map((v) => v * sigma * sigma);
    return { beta: pls.beta, sigma, vcovBeta, vcovVarpar: new Float64Array(k * k).fill(NaN), jac: Array.from({ length: k }, () => new Float64Array(p * p).fill(NaN)), warnings };
  }
  const k = nTheta + 1;
  const { w, Z } = dsyevDecreasing(H, k);
  const values = Array.from(w);
  const neg = values.filter((v) => v < -EIGEN_TOL);
  const zero = values.filter((v) => v > -EIGEN_TOL && v < EIGEN_TOL);
  if (neg.length) warnings.push(`Model failed to converge with ${neg.length} negative eigenvalue${neg.length > 1 ? 's' : ''}: ${neg.map(formatEigen).join(' ')}`);
  if (zero.length) warnings.push(`Model may not have converged with ${zero.length} eigenvalue${zero.length > 1 ? 's' : ''} close to zero: ${zero.map(formatEigen).join(' ')}`);
  const vcovVarpar = new Float64Array(k * k);
  values.forEach((v, c) => {
    if (v <= EIGEN_TOL) return;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) vcovVarpar[j * k + i] += (2 * Z[c * k + i] * Z[c * k + j]) / v;
  });

  let jac: Float64Array[];
  if (at) jac = exactJacobian(at, sigma, p);
  else {
    const vAt = memoTheta(nTheta, (t) => unscaledVcovAt(model, t) ?? null);
    const covbeta = (t: Float64Array): Float64Array => {
      const V = vAt(t);
      const s2 = t[nTheta] * t[nTheta];
      return V ? V.map((v) => v * s2) : new Float64Array(p * p).fill(NaN);
    };
    jac = jacobian(covbeta, tau);
  }
  const vcovBeta = pls.unscaledVcov.map((v) => v * sigma * sigma);
  return { beta: pls.beta, sigma, vcovBeta, vcovVarpar, jac, warnings };
}
