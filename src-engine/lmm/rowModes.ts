/**
 * The modes for one row of [X y] through the block-0 factorization: the solution u of L_ZZᵀ u =
 * L_{row,Z}ᵀ, per block (spherical, level-major). For y (rest index m − 1) it is ũ with β̂ in v's X part,
 * as plsModes computes; for a column x_j of X (rest index qRest + j) it is A⁻¹ΛᵀZᵀW x_j (v's X part
 * stays 0), which the analytic Satterthwaite derivatives need (inference/varparDerivatives.ts).
 * The factorizer must hold factor(θ, true); the supernodal factorization has its own solveRow.
 */
import { backSolveLowerTranspose } from '../linalg/denseCholesky';
import { type Crossproducts } from './crossproducts';
import { type ReBlock } from './reBlocks';
import { type Factorizer } from './updateL';

type RowModes = { u: Float64Array[]; v: Float64Array };

export function factorizerRowModes(cp: Crossproducts, blocks: readonly ReBlock[], fz: Factorizer, row: number): RowModes {
  const { m, qRest } = cp;
  const L = fz.Lrr;
  const v = new Float64Array(m - 1);
  const lim = row === m - 1 ? m - 1 : qRest;
  for (let j = 0; j < lim; j++) v[j] = L[j * m + row];
  fz.backSolveRestTranspose(v, lim);
  return blockZeroModes(cp, blocks, fz, row, lim, v);
}

/**
 * factorizerRowModes for two rows of X (x_j, x_k: the df's derivatives want every column's), the
 * dense rest's solves side by side (backSolveRestTranspose with two right-hand sides): each row's numbers are the one-row bits.
 */
export function factorizerRowModesPair(cp: Crossproducts, blocks: readonly ReBlock[], fz: Factorizer, row: number, row1: number): [RowModes, RowModes] {
  const { m, qRest } = cp;
  if (row === m - 1 || row1 === m - 1) throw new Error('factorizerRowModesPair: rows of X only');
  const L = fz.Lrr;
  const v = new Float64Array(m - 1);
  const v1 = new Float64Array(m - 1);
  for (let j = 0; j < qRest; j++) {
    v[j] = L[j * m + row];
    v1[j] = L[j * m + row1];
  }
  fz.backSolveRestTranspose(v, qRest, v1);
  return [blockZeroModes(cp, blocks, fz, row, qRest, v), blockZeroModes(cp, blocks, fz, row1, qRest, v1)];
}

/** The block-0 modes of a row whose rest part `v` is solved (its first `lim` entries), and the rest's per block. */
function blockZeroModes(cp: Crossproducts, blocks: readonly ReBlock[], fz: Factorizer, row: number, lim: number, v: Float64Array): RowModes {
  const { m, patStart, patRows } = cp;

  // block 0: L₁₁[l]ᵀ u[l] = (the row's entry of B_l) − B_lᵀ v; every pattern ends with the rows qRest..m−1
  const b0 = blocks[0];
  const S0 = b0.S;
  const allB = fz.levelRows(0, b0.nl);
  const u0 = new Float64Array(b0.nl * S0);
  const rhs = new Float64Array(S0);
  for (let l = 0; l < b0.nl; l++) {
    const start = patStart[l];
    const R = patStart[l + 1] - start;
    const at = R - (m - row);
    const o = start * S0;
    for (let c = 0; c < S0; c++) {
      let s = allB[o + c * R + at];
      for (let r = 0; r < R; r++) {
        const g = patRows[start + r];
        if (g < lim) s -= allB[o + c * R + r] * v[g];
      }
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
  return { u, v };
}
