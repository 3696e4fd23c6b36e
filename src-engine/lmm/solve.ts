/**
 * At a given θ: the PLS solution (β̂, ũ), the conditional modes b̃ = Λ ũ, fitted values, and the
 * unscaled covariance of β̂, (R_XᵀR_X)⁻¹. solvePls factors at θ; solveFactored reads a factorization already made. Both keep the rows
 * B_l of L below block 0, which the conditional variances reuse.
 */
import { backSolveLowerTranspose } from '../linalg/denseCholesky';
import { type MixedDesign } from '../design/mixedDesign';
import { type Crossproducts } from './crossproducts';
import { type ReBlock, lambdaTimes } from './reBlocks';
import { type Factorizer } from './updateL';
import { addXBeta } from '../linalg/xBeta';

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
  const f = fz.factor(theta, true);
  if (!f.ok) throw new Error('solvePls: factorization failed at the optimum');
  return solveFactored(design, cp, blocks, fz, f.T);
}

/**
 * The PLS solution from the factorization `fz` holds, made with the level rows formed (factor(θ, true)); T its
 * templates. `keepModes` is given the solve's v = [u_rest; β̂] and ũ per block (views on an array of their own).
 */
export function solveFactored(
  design: MixedDesign,
  cp: Crossproducts,
  blocks: readonly ReBlock[],
  fz: Factorizer,
  T: readonly Float64Array[],
  keepModes?: (modes: { v: Float64Array; u: Float64Array[] }) => void,
): PlsSolution {
  const { m, qRest } = cp;
  const S0 = blocks[0].S;
  const buf = new Float64Array(plsModesLength(cp, blocks));
  const modes = plsModes(cp, blocks, fz, fz.Lrr, buf);
  keepModes?.({ v: buf.subarray(0, m - 1), u: modes.u });
  const beta = modes.beta.slice();
  const u = modes.u.map((x) => x.slice());
  // one copy of every B_l (the factorizer's buffer is overwritten by its next factor()), viewed per level
  const allB = fz.levelRows(0, blocks[0].nl).slice();
  const keepB = Array.from({ length: blocks[0].nl }, (_, l) => allB.subarray(cp.patStart[l] * S0, cp.patStart[l + 1] * S0));
  return { ...finishSolution(design, blocks, T, u, beta, fz.Lrr, m, qRest), levelRows: keepB };
}

/** Numbers plsModes works in: v = [u_rest; β] (m − 1), then block 0's u (ℓ₀S₀). */
export function plsModesLength(cp: Crossproducts, blocks: readonly ReBlock[]): number {
  return cp.m - 1 + blocks[0].nl * blocks[0].S;
}

/**
 * β̂ and the spherical modes ũ (per block, level-major) from the factorization the factorizer holds,
 * made with the level rows formed (factor(θ, true)); L is its Lrr. The solve alone: no copies of the
 * level rows, no fitted values, no (R_XᵀR_X)⁻¹ (GLMM PIRLS solves many times and needs only these).
 * β and u are views on one array (`buf`, of at least plsModesLength numbers, when given): a handful
 * of typed-array allocations cost more than the rest of a small solve.
 */
export function plsModes(
  cp: Crossproducts,
  blocks: readonly ReBlock[],
  fz: Factorizer,
  L: Float64Array,
  buf: Float64Array = new Float64Array(plsModesLength(cp, blocks)),
): { beta: Float64Array; u: Float64Array[] } {
  const { m, qRest, p } = cp;
  const S0 = blocks[0].S;
  // [u_rest; β] solves L_rrᵀ v = c, c = the y row of L_rr without its last element
  const v = buf.subarray(0, m - 1);
  for (let j = 0; j < m - 1; j++) v[j] = L[j * m + (m - 1)];
  fz.backSolveRestTranspose(v, m - 1);
  const beta = v.subarray(qRest, qRest + p);

  // block 0: L₁₁[l]ᵀ u₁[l] = c₁[l] − B_lᵀ v over the pattern rows (the y row of B_l is c₁[l])
  const b0 = blocks[0];
  const allB = fz.levelRows(0, b0.nl);
  const u0 = buf.subarray(m - 1, m - 1 + b0.nl * S0);
  const { patStart, patRows } = cp;
  const L11 = fz.L11;
  if (S0 === 1) {
    for (let l = 0; l < b0.nl; l++) {
      const start = patStart[l];
      const end = patStart[l + 1] - 1; // the last pattern row is y
      let s = allB[end];
      for (let t = start; t < end; t++) s -= allB[t] * v[patRows[t]];
      u0[l] = s / L11[l];
    }
  } else {
    const rhs = new Float64Array(S0);
    for (let l = 0; l < b0.nl; l++) {
      const start = patStart[l];
      const R = patStart[l + 1] - start;
      const o = start * S0;
      for (let c = 0; c < S0; c++) {
        let s = allB[o + c * R + (R - 1)]; // the last pattern row is y
        for (let r = 0; r < R - 1; r++) s -= allB[o + c * R + r] * v[patRows[start + r]];
        rhs[c] = s;
      }
      backSolveLowerTranspose(L11, S0, rhs, l * S0 * S0, S0);
      for (let c = 0; c < S0; c++) u0[l * S0 + c] = rhs[c];
    }
  }
  const u: Float64Array[] = [u0];
  for (let k = 1; k < blocks.length; k++) {
    const o = cp.restOffset[k];
    u.push(v.subarray(o, o + blocks[k].nl * blocks[k].S));
  }
  return { beta, u };
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
  const b = u.map((uk, k) => lambdaTimes(blocks[k], T[k], uk));

  const fitted = design.offset ? design.offset.slice() : new Float64Array(n);
  addXBeta(design.X, n, p, beta, fitted);
  for (let i = 0; i < n; i++) {
    let s = fitted[i];
    for (let k = 0; k < blocks.length; k++) {
      const S = blocks[k].S;
      const base = blocks[k].refs[i] * S;
      for (let c = 0; c < S; c++) s += blocks[k].z[i * S + c] * b[k][base + c];
    }
    fitted[i] = s;
  }

  return { beta, u, b, fitted, unscaledVcov: unscaledVcovFromFactor(L, qRest * m + qRest, m, p) };
}

/** (R_XᵀR_X)⁻¹ = L_XX⁻ᵀ L_XX⁻¹, p×p column-major, for the p×p lower L_XX at `off` of a column-major L with leading dimension ld. */
export function unscaledVcovFromFactor(L: Float64Array, off: number, ld: number, p: number): Float64Array {
  const unscaledVcov = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    // solve L_XX x = e_j, then L_XXᵀ y = x
    for (let c = 0; c < p; c++) {
      const xc = (e[c] /= L[off + c * ld + c]);
      if (xc !== 0) for (let r = c + 1; r < p; r++) e[r] -= L[off + c * ld + r] * xc;
    }
    backSolveLowerTranspose(L, p, e, off, ld);
    for (let i = 0; i < p; i++) unscaledVcov[j * p + i] = e[i];
  }
  return unscaledVcov;
}
