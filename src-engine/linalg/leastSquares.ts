/**
 * Weighted least squares by the normal equations: β = (XᵀWX)⁻¹XᵀW(y − o) through a Cholesky factor
 * of XᵀWX (p is the small number of fixed effects). For the linear model of ranova/step, the exact-fit
 * check of a response, and each IRLS step of a GLM start.
 */
import { choleskyLowerInPlace } from './denseCholesky';
import { addXBeta } from './xBeta';

export interface LeastSquares {
  beta: Float64Array;
  /** Σ wᵢ (yᵢ − oᵢ − xᵢβ)² */
  rss: number;
  /** The lower Cholesky factor of XᵀWX, p×p column-major. */
  L: Float64Array;
}

/** undefined when XᵀWX is not positive definite (X rank-deficient under these weights). */
export function weightedLeastSquares(X: Float64Array, n: number, p: number, y: ArrayLike<number>, w?: ArrayLike<number>, offset?: ArrayLike<number>): LeastSquares | undefined {
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * X[j * n + i] * X[k * n + i];
      A[k * p + j] = A[j * p + k] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * X[j * n + i] * (y[i] - (offset ? offset[i] : 0));
    b[j] = s;
  }
  return leastSquaresFromNormalEquations(A, b, X, n, p, y, w, offset);
}

/**
 * The same fit from normal equations already formed: A = XᵀWX (lower triangle read; factored in
 * place) and b = XᵀW(y − o) (overwritten by β). A model's crossproducts hold them, which spares a
 * pass of p(p + 1)/2 products over X.
 */
export function leastSquaresFromNormalEquations(A: Float64Array, b: Float64Array, X: Float64Array, n: number, p: number, y: ArrayLike<number>, w?: ArrayLike<number>, offset?: ArrayLike<number>): LeastSquares | undefined {
  if (p > 0 && choleskyLowerInPlace(A, p) !== 0) return undefined;
  // solve L Lᵀ β = b
  const beta = b;
  for (let j = 0; j < p; j++) {
    beta[j] /= A[j * p + j];
    for (let i = j + 1; i < p; i++) beta[i] -= A[j * p + i] * beta[j];
  }
  for (let j = p - 1; j >= 0; j--) {
    for (let i = j + 1; i < p; i++) beta[j] -= A[j * p + i] * beta[i];
    beta[j] /= A[j * p + j];
  }
  const mu = new Float64Array(n);
  if (offset) for (let i = 0; i < n; i++) mu[i] = offset[i];
  addXBeta(X, n, p, beta, mu);
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (w ? w[i] : 1) * (y[i] - mu[i]) ** 2;
  return { beta, rss, L: A };
}
