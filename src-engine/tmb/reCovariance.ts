/**
 * The covariance Σ of one random-effect term's k effects per level, from its θ as glmmTMB 1.1.5
 * parameterises it (glmmTMB.cpp, allterms_nll):
 * - "us" (unstructured, `(x | g)`): θ = (log σ₁ … log σ_k, then k(k−1)/2 correlation parameters),
 *   which TMB's UNSTRUCTURED_CORR fills into the strictly lower triangle of a unit lower-triangular L
 *   row by row ((2,1), (3,1), (3,2), …); the correlation matrix is L Lᵀ scaled to unit diagonal, so
 *   Σ = B Bᵀ with B = diag(σᵢ / ‖Lᵢ‖) L. For k = 2, ρ = θ₃ / √(1 + θ₃²).
 * - "diag" (`(x || g)`, glmmTMB's single diagonal term): θ = log σ₁ … log σ_k, Σ = diag(σ²).
 * What the Laplace objective needs: the precision P = Σ⁻¹, ½ log det Σ, and for the exact gradient
 * ∂Σ/∂θ_m for every parameter (k×k, row-major).
 */
export type CovStructure = 'us' | 'diag';

export interface TermCovariance {
  readonly k: number;
  /** Σ and P = Σ⁻¹, row-major k×k */
  readonly sigma: Float64Array;
  readonly prec: Float64Array;
  readonly halfLogDet: number;
  /** B, lower triangular with a positive diagonal, row-major: Σ = B Bᵀ (Σ's Cholesky factor) */
  readonly factor: Float64Array;
  /** ∂Σ/∂θ_m, one k×k row-major matrix per parameter of θ */
  readonly dSigma: Float64Array[];
}

export function thetaCount(k: number, structure: CovStructure): number {
  return structure === 'us' ? k + (k * (k - 1)) / 2 : k;
}

/** Σ from the term's θ (a slice of the outer parameters). */
export function termCovariance(k: number, structure: CovStructure, theta: ArrayLike<number>): TermCovariance {
  const sd = Float64Array.from({ length: k }, (_, i) => Math.exp(theta[i]));
  // L unit lower triangular, filled row by row as UNSTRUCTURED_CORR (all zero for diag)
  const L = new Float64Array(k * k);
  let next = k;
  for (let r = 0; r < k; r++) {
    L[r * k + r] = 1;
    if (structure === 'us') for (let c = 0; c < r; c++) L[r * k + c] = theta[next++];
  }
  const rowNorm2 = Float64Array.from({ length: k }, (_, r) => {
    let s = 0;
    for (let c = 0; c <= r; c++) s += L[r * k + c] ** 2;
    return s;
  });
  // B = T L, T = diag(σ / ‖Lᵣ‖): Σ = B Bᵀ, log det Σ = 2 Σ log T (L has a unit diagonal)
  const B = new Float64Array(k * k);
  let halfLogDet = 0;
  for (let r = 0; r < k; r++) {
    const t = sd[r] / Math.sqrt(rowNorm2[r]);
    halfLogDet += Math.log(t);
    for (let c = 0; c <= r; c++) B[r * k + c] = t * L[r * k + c];
  }
  const outer = (X: Float64Array, Y: Float64Array) => {
    // X Yᵀ + Y Xᵀ over lower-triangular rows
    const M = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += X[i * k + c] * Y[j * k + c] + Y[i * k + c] * X[j * k + c];
        M[i * k + j] = s;
      }
    return M;
  };
  const sigma = outer(B, B).map((v) => v / 2);
  const dSigma: Float64Array[] = [];
  // log σᵣ scales row r of B
  for (let r = 0; r < k; r++) {
    const dB = new Float64Array(k * k);
    for (let c = 0; c <= r; c++) dB[r * k + c] = B[r * k + c];
    dSigma.push(outer(dB, B));
  }
  // L[r,c] moves row r of B: ∂B_r = −(L_rc / ‖L_r‖²) B_r + T_r e_c
  if (structure === 'us')
    for (let r = 0; r < k; r++)
      for (let c = 0; c < r; c++) {
        const dB = new Float64Array(k * k);
        const a = L[r * k + c] / rowNorm2[r];
        for (let j = 0; j <= r; j++) dB[r * k + j] = -a * B[r * k + j];
        dB[r * k + c] += sd[r] / Math.sqrt(rowNorm2[r]);
        dSigma.push(outer(dB, B));
      }
  return { k, sigma, prec: symmetricInverse(sigma, k), halfLogDet, factor: B, dSigma };
}

/** The correlation matrix of Σ (row-major), as VarCorr's attr "correlation". */
export function correlationOf(c: TermCovariance): Float64Array {
  const { k, sigma } = c;
  return sigma.map((v, idx) => v / Math.sqrt(sigma[Math.floor(idx / k) * (k + 1)] * sigma[(idx % k) * (k + 1)]));
}

/** A⁻¹ of a small symmetric positive-definite matrix (row-major) by Gauss–Jordan; NaN entries when singular. */
function symmetricInverse(A: Float64Array, k: number): Float64Array {
  const M = Float64Array.from(A);
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r * k + c]) > Math.abs(M[piv * k + c])) piv = r;
    if (piv !== c)
      for (let j = 0; j < k; j++) {
        [M[c * k + j], M[piv * k + j]] = [M[piv * k + j], M[c * k + j]];
        [inv[c * k + j], inv[piv * k + j]] = [inv[piv * k + j], inv[c * k + j]];
      }
    const d = M[c * k + c];
    for (let j = 0; j < k; j++) { M[c * k + j] /= d; inv[c * k + j] /= d; }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = M[r * k + c];
      if (f === 0) continue;
      for (let j = 0; j < k; j++) { M[r * k + j] -= f * M[c * k + j]; inv[r * k + j] -= f * inv[c * k + j]; }
    }
  }
  return inv;
}
