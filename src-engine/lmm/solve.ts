/**
 * At a given θ: the PLS solution (β̂, ũ), the conditional modes b̃ = Λ ũ, fitted values, and the
 * unscaled covariance of β̂, (R_XᵀR_X)⁻¹. Factors at θ (leaving the factorizer there) and keeps the rows
 * B_l of L below block 0, which the conditional variances reuse.
 */
import { backSolveLowerTranspose } from '../linalg/denseCholesky';
import { type MixedDesign } from '../design/mixedDesign';
import { type Crossproducts } from './crossproducts';
import { type ReBlock } from './reBlocks';
import { type Factorizer } from './updateL';

export interface PlsSolution {
  beta: Float64Array;
  /** Spherical random effects u, per block: ℓ_k × S_k, level-major. */
  u: Float64Array[];
  /** b = Λu, per block, level-major. */
  b: Float64Array[];
  fitted: Float64Array;
  /** (R_XᵀR_X)⁻¹, p×p column-major. */
  unscaledVcov: Float64Array;
  /** The rows B_l of L below block 0, per level of block 0 (column-major |R_l| × S₀). */
  levelRows: Float64Array[];
}

export function solvePls(design: MixedDesign, cp: Crossproducts, blocks: readonly ReBlock[], fz: Factorizer, theta: Float64Array): PlsSolution {
  const { m, qRest, p } = cp;
  const S0 = blocks[0].S;
  const f = fz.factor(theta, true);
  if (!f.ok) throw new Error('solvePls: factorization failed at the optimum');
  // one copy of every B_l (the factorizer's buffer is overwritten by its next factor()), viewed per level
  const allB = fz.levelRows(0, blocks[0].nl).slice();
  const keepB = Array.from({ length: blocks[0].nl }, (_, l) => allB.subarray(cp.patStart[l] * S0, cp.patStart[l + 1] * S0));
  const L = f.Lrr;

  // [u_rest; β] solves L_rrᵀ v = c, c = the y row of L_rr without its last element
  const v = new Float64Array(m - 1);
  for (let j = 0; j < m - 1; j++) v[j] = L[j * m + (m - 1)];
  backSolveLowerTranspose(L, m - 1, v, 0, m);
  const beta = v.slice(qRest, qRest + p);

  // block 0: L₁₁[l]ᵀ u₁[l] = c₁[l] − B_lᵀ v over the pattern rows (the y row of B_l is c₁[l])
  const b0 = blocks[0];
  const u0 = new Float64Array(b0.nl * S0);
  const rhs = new Float64Array(S0);
  for (let l = 0; l < b0.nl; l++) {
    const start = cp.patStart[l];
    const R = cp.patStart[l + 1] - start;
    const B = keepB[l];
    for (let c = 0; c < S0; c++) {
      let s = B[c * R + (R - 1)]; // the last pattern row is y
      for (let r = 0; r < R - 1; r++) s -= B[c * R + r] * v[cp.patRows[start + r]];
      rhs[c] = s;
    }
    backSolveLowerTranspose(fz.L11, S0, rhs, l * S0 * S0, S0);
    u0.set(rhs, l * S0);
  }
  const u: Float64Array[] = [u0];
  for (let k = 1; k < blocks.length; k++) {
    const o = cp.restOffset[k];
    u.push(v.slice(o, o + blocks[k].nl * blocks[k].S));
  }
  return { ...finishSolution(design, blocks, f.T, u, beta, L, m, qRest), levelRows: keepB };
}


/**
 * Given the spherical random effects u (per block, level-major), β̂ and the dense factor whose X block
 * is L_XX (rows/columns qRest.. of an m×m column-major L): b = Λu, fitted values and (R_XᵀR_X)⁻¹.
 * Shared by the block-0 (solvePls) and the supernodal solve.
 */
export function finishSolution(
  design: MixedDesign,
  blocks: readonly ReBlock[],
  T: readonly Float64Array[],
  u: Float64Array[],
  beta: Float64Array,
  L: Float64Array,
  m: number,
  qRest: number,
): Omit<PlsSolution, 'levelRows'> {
  const { n, p } = design;
  const b = u.map((uk, k) => {
    const S = blocks[k].S;
    const Tk = T[k];
    const out = new Float64Array(uk.length);
    for (let l = 0; l < blocks[k].nl; l++)
      for (let r = 0; r < S; r++) {
        let s = 0;
        for (let c = 0; c <= r; c++) s += Tk[c * S + r] * uk[l * S + c];
        out[l * S + r] = s;
      }
    return out;
  });

  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = design.offset ? design.offset[i] : 0;
    for (let j = 0; j < p; j++) s += design.X[j * n + i] * beta[j];
    for (let k = 0; k < blocks.length; k++) {
      const S = blocks[k].S;
      const base = blocks[k].refs[i] * S;
      for (let c = 0; c < S; c++) s += blocks[k].z[i * S + c] * b[k][base + c];
    }
    fitted[i] = s;
  }

  // (R_XᵀR_X)⁻¹ = L_XX⁻ᵀ L_XX⁻¹ with L_XX the X block of L_rr
  const unscaledVcov = new Float64Array(p * p);
  const e = new Float64Array(p);
  const off = qRest * m + qRest;
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    // solve L_XX x = e_j, then L_XXᵀ y = x
    for (let c = 0; c < p; c++) {
      const xc = (e[c] /= L[off + c * m + c]);
      if (xc !== 0) for (let r = c + 1; r < p; r++) e[r] -= L[off + c * m + r] * xc;
    }
    backSolveLowerTranspose(L, p, e, off, m);
    for (let i = 0; i < p; i++) unscaledVcov[j * p + i] = e[i];
  }
  return { beta, u, b, fitted, unscaledVcov };
}
