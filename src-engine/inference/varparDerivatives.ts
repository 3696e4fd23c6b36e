/**
 * Exact first derivatives, in θ, of the pieces of lmerTest's devfun_vp and of R_XᵀR_X, from one
 * factorization at θ (no finite differences). With V = W⁻¹ + ZΛΛᵀZᵀ and Λ_k = ∂Λ/∂θ_k (one template
 * entry (r, c) per θ_k):
 *   ∂r²/∂θ_k            = −2 (W r)ᵀ Z Λ_k ũ                 (envelope theorem on the PLS problem)
 *   ∂(R_XᵀR_X)_ij/∂θ_k   = −(W e_i)ᵀ Z Λ_k ũ_j − (W e_j)ᵀ Z Λ_k ũ_i,  ũ_j = A⁻¹ΛᵀZᵀW x_j, e_j = x_j − ZΛũ_j
 *   ∂log|R_X|²/∂θ_k      = tr((R_XᵀR_X)⁻¹ ∂(R_XᵀR_X)/∂θ_k)
 *   ∂log|L_θ|²/∂θ_k      = 2 tr((I − A⁻¹) Λ⁻¹ Λ_k) = 2 [(ℓ I − Σ_l C_l) T⁻¹]_{c r} per block
 * where A = ΛᵀZᵀWZΛ + I and C_l its inverse's diagonal block at level l (the conditional variances
 * before scaling). The last needs every template invertible; it is left out otherwise.
 * The level sums ZᵀW r and ZᵀW e_j are formed over the observations, or, when every template is
 * invertible and `viaModes` is set, from the PLS normal equations ΛᵀZᵀW r = ũ (ΛᵀZᵀW e_j = ũ_j): T⁻ᵀũ
 * per level, without a pass over the data (the Hessian's gradient differences take that route).
 */
import { lowerTriangularInverse } from '../linalg/triangularInverse';
import { type LmmFactor } from '../lmm/lmmFactor';
import { type ReBlock, lambdaTimes, templatesFromTheta } from '../lmm/reBlocks';
import { unscaledVcovFromFactor } from '../lmm/solve';

export interface VarparDerivatives {
  readonly ldL2: number;
  readonly ldRX2: number;
  readonly pwrss: number;
  /** ∂log|L_θ|²/∂θ_k; undefined when a template is (nearly) singular or the inverse's blocks are too costly. */
  readonly dLdL2: Float64Array | undefined;
  readonly dPwrss: Float64Array;
  /** ∂(R_XᵀR_X)/∂θ_k, p×p column-major. */
  readonly dRX: Float64Array[];
  readonly dLdRX2: Float64Array;
  /** (R_XᵀR_X)⁻¹, p×p column-major. */
  readonly unscaledVcov: Float64Array;
}

/** The smallest template diagonal for which the log-determinant's gradient is taken through T⁻¹. */
export const MIN_TEMPLATE_DIAGONAL = 1e-2;

/** Per block and level, Σ_i z_i v_i over the level's observations (S numbers per level). */
function levelSums(block: ReBlock, v: Float64Array): Float64Array {
  const S = block.S;
  const out = new Float64Array(block.nl * S);
  const { refs, z } = block;
  for (let i = 0; i < refs.length; i++) {
    const o = refs[i] * S;
    const vi = v[i];
    for (let c = 0; c < S; c++) out[o + c] += z[i * S + c] * vi;
  }
  return out;
}

/** T⁻ᵀ u_l per level (G = T⁻¹, lower): what ZᵀW times the PLS residual equals when Λ is invertible. */
function levelSumsFromModes(block: ReBlock, G: Float64Array, u: Float64Array): Float64Array {
  const S = block.S;
  const out = new Float64Array(block.nl * S);
  for (let l = 0; l < block.nl; l++)
    for (let r = 0; r < S; r++) {
      let s = 0;
      for (let a = r; a < S; a++) s += G[r * S + a] * u[l * S + a];
      out[l * S + r] = s;
    }
  return out;
}

/** (Z Λ u)_i for spherical modes u per block. */
function zLambdaTimes(blocks: readonly ReBlock[], T: readonly Float64Array[], u: readonly Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  blocks.forEach((block, k) => {
    const b = lambdaTimes(block, T[k], u[k]);
    const S = block.S;
    const { refs, z } = block;
    for (let i = 0; i < n; i++) {
      const o = refs[i] * S;
      let s = 0;
      for (let c = 0; c < S; c++) s += z[i * S + c] * b[o + c];
      out[i] += s;
    }
  });
  return out;
}

/** Σ_l a_l[r] u_l[c] for every θ entry (r, c) of every block. */
function bilinear(blocks: readonly ReBlock[], a: readonly Float64Array[], u: readonly Float64Array[], out: Float64Array, scale: number): void {
  blocks.forEach((block, k) => {
    const S = block.S;
    for (let e = 0; e < block.thetaIndex.length; e++) {
      const r = block.lambdaRows[e];
      const c = block.lambdaCols[e];
      let s = 0;
      for (let l = 0; l < block.nl; l++) s += a[k][l * S + r] * u[k][l * S + c];
      out[block.thetaIndex[e]] += scale * s;
    }
  });
}

/** ∂log|L_θ|²/∂θ_k = 2 [(ℓ I − Σ_l C_l) T⁻¹]_{c r} for θ_k at template entry (r, c). */
function logDetGradient(blocks: readonly ReBlock[], T: readonly Float64Array[], sumC: readonly Float64Array[], nTheta: number): Float64Array {
  const g = new Float64Array(nTheta);
  blocks.forEach((block, k) => {
    const S = block.S;
    const G = lowerTriangularInverse(T[k], S, S);
    for (let e = 0; e < block.thetaIndex.length; e++) {
      const r = block.lambdaRows[e];
      const c = block.lambdaCols[e];
      let s = 0;
      for (let a = r; a < S; a++) s += ((c === a ? block.nl : 0) - sumC[k][a * S + c]) * G[r * S + a];
      g[block.thetaIndex[e]] += 2 * s;
    }
  });
  return g;
}

/** Whether every template's diagonal is at least MIN_TEMPLATE_DIAGONAL in size (Λ safely invertible). */
export function templatesInvertible(blocks: readonly ReBlock[], theta: ArrayLike<number>): boolean {
  const T = templatesFromTheta(blocks, theta as Float64Array);
  return blocks.every((b, k) => {
    for (let j = 0; j < b.S; j++) if (!(Math.abs(T[k][j * b.S + j]) >= MIN_TEMPLATE_DIAGONAL)) return false;
    return true;
  });
}

/** The derivatives at the factorization's θ (see the file comment); `f` must be complete. */
export function varparDerivatives(f: LmmFactor, withLogDet: boolean, viaModes = false): VarparDerivatives {
  const { design, blocks, theta, T } = f;
  const { n, p, X, y, offset } = design;
  const w = design.weights;
  const nTheta = theta.length;
  const { L, m, qRest } = f.rest();
  // y's modes and every X column's, in one pass where the factorization allows
  f.rowModesOf([m - 1, ...Array.from({ length: p }, (_, j) => qRest + j)]);
  const rowModes = (row: number) => f.rowModes(row);

  const invertible = templatesInvertible(blocks, theta);
  const Tinv = viaModes && invertible ? blocks.map((b, k) => lowerTriangularInverse(T[k], b.S, b.S)) : undefined;

  // r² : the weighted residual W r = W (y − o − Xβ̂ − ZΛũ)
  const ym = rowModes(m - 1);
  let aY: Float64Array[];
  if (Tinv) aY = blocks.map((b, k) => levelSumsFromModes(b, Tinv[k], ym.u[k]));
  else {
    const zu = zLambdaTimes(blocks, T, ym.u, n);
    const wr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = y[i] - (offset ? offset[i] : 0) - zu[i];
      for (let j = 0; j < p; j++) s -= X[j * n + i] * ym.v[qRest + j];
      wr[i] = w ? w[i] * s : s;
    }
    aY = blocks.map((b) => levelSums(b, wr));
  }
  const dPwrss = new Float64Array(nTheta);
  bilinear(blocks, aY, ym.u, dPwrss, -2);

  // R_XᵀR_X: the modes of every column of X and their weighted residuals' level sums
  const uX: Float64Array[][] = [];
  const qX: Float64Array[][] = [];
  const e = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const { u } = rowModes(qRest + j);
    uX.push(u);
    if (Tinv) {
      qX.push(blocks.map((b, k) => levelSumsFromModes(b, Tinv[k], u[k])));
      continue;
    }
    const zuj = zLambdaTimes(blocks, T, u, n);
    for (let i = 0; i < n; i++) e[i] = (X[j * n + i] - zuj[i]) * (w ? w[i] : 1);
    qX.push(blocks.map((b) => levelSums(b, e)));
  }
  const dRX: Float64Array[] = Array.from({ length: nTheta }, () => new Float64Array(p * p));
  const tmp = new Float64Array(nTheta);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      tmp.fill(0);
      bilinear(blocks, qX[i], uX[j], tmp, -1);
      bilinear(blocks, qX[j], uX[i], tmp, -1);
      for (let k = 0; k < nTheta; k++) dRX[k][j * p + i] = dRX[k][i * p + j] = tmp[k];
    }
  const unscaledVcov = unscaledVcovFromFactor(L, qRest * m + qRest, m, p);
  const dLdRX2 = dRX.map((D) => {
    let s = 0;
    for (let a = 0; a < p * p; a++) s += unscaledVcov[a] * D[a];
    return s;
  });
  let dLdL2: Float64Array | undefined;
  if (withLogDet && invertible) {
    const sumC = f.inverseBlockSums();
    if (sumC) dLdL2 = logDetGradient(blocks, T, sumC, nTheta);
  }
  return { ldL2: f.ldL2, ldRX2: f.ldRX2, pwrss: f.pwrss, dLdL2, dPwrss, dRX, dLdRX2: Float64Array.from(dLdRX2), unscaledVcov };
}
