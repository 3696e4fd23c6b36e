/**
 * The criterion's pieces without a dense Cholesky factor of each block's V_b. Within a block
 * V_b = Λ_b + U_b U_bᵀ, with U_b's columns the random effects' loadings u_q = L_qᵀ z_q (k columns per
 * group of each level present in the block; none in gls) and Λ_b = S C S, S = diag(1/w), whose
 * inverse square root is cheap: the weights alone (no correlation), the AR(1) whitening in time order
 * (corAR1, corCAR1), or L_C⁻¹S⁻¹ with L_C the Cholesky factor of a correlation group's C, which is
 * factored once per pattern of coordinates and shared by every group with that pattern (or a prefix
 * of it: the leading block of a Cholesky factor is the factor of the leading block). With
 * W̃ = Λ^{-1/2}[X y], Ũ = Λ^{-1/2}U and M = I + ŨᵀŨ = L_M L_Mᵀ (Woodbury and the determinant lemma):
 *   [X y]ᵀ V⁻¹ [X y] = W̃ᵀW̃ − (L_M⁻¹ŨᵀW̃)ᵀ(L_M⁻¹ŨᵀW̃),   log|V_b| = log|Λ_b| + 2 log|L_M|,
 * O(n_b (q_b + p)²) per block plus the whitening, instead of O(n_b³).
 */
import { BORDERED_MIN_ORDER, borderedMatrix, factorBordered } from '../linalg/borderedGram';
import { choleskyLowerInPlace, forwardSolveLower4 } from '../linalg/denseCholesky';
import { forwardSolveColumnsWasm } from '../linalg/wasmSolve';
import { Ar1Step } from './corStruct/ar1Step';
import { type FixedGram, fixedBlockProducts, fixedGram, hasFixedLambda } from './fixedGram';
import { type NlmeModel } from './model';

/** A correlation group's rows inside its block's row order, and the pattern whose factor whitens it. */
interface Segment {
  readonly start: number;
  readonly length: number;
  readonly pattern: number;
}

interface BlockLayout {
  /** The block's rows by correlation group (in time order for the Markov structures). */
  readonly rows: Int32Array;
  /** Markov structures: the row before each one in its correlation group, or −1. */
  readonly prev: Int32Array | undefined;
  /** Dense correlations: the block's correlation groups. */
  readonly segments: readonly Segment[];
  /** Per level, for each position: the first of the k columns of its group at that level. */
  readonly column: Int32Array[];
  /** q_b: the block's random-effect columns. */
  readonly q: number;
}

interface Layout {
  readonly blocks: BlockLayout[];
  /** Dense correlations: the rows of one group per pattern of coordinates, longest first. */
  readonly patterns: Int32Array[];
  /** Per pattern: its one group is a gls block of its own, whitened and summed by one bordered factorization (borderedGram.ts). */
  readonly bordered: boolean[];
  readonly maxNb: number;
  readonly maxQ: number;
  /** Scratch reused by every evaluation (the criterion is never re-entered). */
  readonly scratch: { W: Float64Array; U: Float64Array; M: Float64Array; C: Float64Array; P: Float64Array; factors: Float64Array[]; logDiag: Float64Array[] };
  /** Λ_b constant (fixedGram.ts): the Gram pieces, formed at the first evaluation (null: Λ_b moves with the parameters). */
  fixed: FixedGram | null | undefined;
}

const layouts = new WeakMap<NlmeModel, Layout>();

/** Whether the criterion goes through here (else: gls without a correlation or with a Markov one, whose own loops are as cheap). */
/** Models whose fit must use the dense criterion (optimize.ts: the Woodbury one led to a singular optimum). */
const denseOnly = new WeakSet<NlmeModel>();

export function useDenseCriterion(model: NlmeModel): void {
  denseOnly.add(model);
}

export function hasLowRankBlocks(model: NlmeModel): boolean {
  if (denseOnly.has(model)) return false;
  return model.reLevels.length > 0 || (model.corStruct !== undefined && model.corStruct.markov === undefined);
}

function layoutOf(model: NlmeModel): Layout {
  let out = layouts.get(model);
  if (out) return out;
  const cor = model.corStruct;
  const t = cor?.markov?.t;
  const dense = cor && !t ? cor : undefined;
  const groupOf = cor?.groupOf;
  // patterns: each correlation group matches the first (longest) one whose coordinates it begins
  const patterns: Int32Array[] = [];
  const patternOf = new Int32Array(cor ? cor.members.length : 0);
  if (dense) {
    const coords = dense.coordinates;
    const begins = (m: readonly number[], p: Int32Array) => m.length <= p.length && m.every((i, a) => coords.every((x) => x[i] === x[p[a]]));
    const byLength = dense.members.map((_, g) => g).sort((g, h) => dense.members[h].length - dense.members[g].length);
    for (const g of byLength) {
      const m = dense.members[g];
      let k = patterns.findIndex((p) => begins(m, p));
      if (k < 0) k = patterns.push(Int32Array.from(m)) - 1;
      patternOf[g] = k;
    }
  }
  let maxNb = 1;
  let maxQ = 1;
  const blocks = model.blocks.map((block): BlockLayout => {
    // by correlation group, then time (times are unique within a group: buildCorStruct checks)
    const rows = Int32Array.from(groupOf ? [...block].sort((i, j) => groupOf[i] - groupOf[j] || (t ? t[i] - t[j] : i - j)) : block);
    const prev = t ? Int32Array.from(rows, (i, a) => (a > 0 && groupOf![rows[a - 1]] === groupOf![i] ? rows[a - 1] : -1)) : undefined;
    const segments: Segment[] = [];
    if (dense) {
      for (let a = 0; a < rows.length; ) {
        let b = a + 1;
        while (b < rows.length && groupOf![rows[b]] === groupOf![rows[a]]) b++;
        segments.push({ start: a, length: b - a, pattern: patternOf[groupOf![rows[a]]] });
        a = b;
      }
    }
    let q = 0;
    const column = model.reLevels.map((lev) => {
      const k = lev.terms.length;
      const first = new Map<number, number>();
      return Int32Array.from(rows, (i) => {
        let c = first.get(lev.codes[i]);
        if (c === undefined) {
          first.set(lev.codes[i], (c = q));
          q += k;
        }
        return c;
      });
    });
    maxNb = Math.max(maxNb, rows.length);
    maxQ = Math.max(maxQ, q);
    return { rows, prev, segments, column, q };
  });
  const m = model.frame.p + 1;
  const uses = patterns.map(() => 0);
  for (const b of blocks) for (const s of b.segments) uses[s.pattern]++;
  const bordered = patterns.map((rows, k) => model.reLevels.length === 0 && uses[k] === 1 && rows.length >= BORDERED_MIN_ORDER);
  const scratch = {
    W: new Float64Array(maxNb * m),
    U: new Float64Array(maxNb * maxQ),
    M: new Float64Array(maxQ * maxQ),
    C: new Float64Array(maxQ * m),
    P: new Float64Array(maxQ * maxQ),
    factors: patterns.map((p) => new Float64Array(p.length * p.length)),
    logDiag: patterns.map((p) => new Float64Array(p.length + 1)),
  };
  layouts.set(model, (out = { blocks, patterns, bordered, maxNb, maxQ, scratch, fixed: hasFixedLambda(model) ? undefined : null }));
  return out;
}

/** Writes a group's C at the evaluation's parameters: the lower triangle and unit diagonal, leading dimension ld. */
type CorrelationFill = (rows: Int32Array, out: Float64Array, ld: number) => void;

function correlationFill(model: NlmeModel, par: ArrayLike<number>): CorrelationFill {
  const cor = model.corStruct!;
  const corPar = model.slice(par, 'corStruct');
  const fill = cor.fillCorrelation?.(corPar);
  const corr = fill ? undefined : cor.correlation(corPar);
  return (rows, out, ld) => {
    const len = rows.length;
    for (let a = 0; a < len; a++) out[a * ld + a] = 1;
    if (fill) fill(rows, out, ld);
    else for (let a = 0; a < len; a++) for (let c = a + 1; c < len; c++) out[a * ld + c] = corr!(rows[a], rows[c]);
  };
}

/** Pattern k's Cholesky factor of C and the running sums of its log diagonal; false when C is not positive definite. */
function factorPattern(fill: CorrelationFill, { patterns, scratch }: Layout, k: number): boolean {
  const rows = patterns[k];
  const len = rows.length;
  const F = scratch.factors[k];
  fill(rows, F, len);
  if (choleskyLowerInPlace(F, len) !== 0) return false;
  const cum = scratch.logDiag[k];
  for (let a = 0; a < len; a++) cum[a + 1] = cum[a] + Math.log(F[a * len + a]);
  return true;
}

/**
 * A bordered pattern's block (one gls group, W its scaled rows of [X y], nb × m): A += W̃ᵀW̃ with
 * W̃ = L_C⁻¹W, by one factorization of [[C, W], [Wᵀ, 0]] (borderedGram.ts); returns log|C|, NaN when C
 * is not positive definite, or undefined when the wasm kernel cannot take it (the caller then solves).
 */
function borderedBlock(fill: CorrelationFill, rows: Int32Array, W: Float64Array, nb: number, m: number, A: Float64Array): number | undefined {
  const view = borderedMatrix(nb, m);
  if (!view) return undefined;
  const ld = nb + m;
  fill(rows, view, ld);
  // Wᵀ below C: row nb + j, column a
  for (let j = 0; j < m; j++) for (let a = 0; a < nb; a++) view[a * ld + nb + j] = W[j * nb + a];
  if (factorBordered(nb, m) !== 0) return NaN;
  let logDet = 0;
  for (let a = 0; a < nb; a++) logDet += 2 * Math.log(view[a * ld + a]);
  // the trailing block is −W̃ᵀW̃
  for (let j = 0; j < m; j++) for (let k = j; k < m; k++) A[j * m + k] -= view[(nb + j) * ld + nb + k];
  return logDet;
}

/** v[at..at+len) ← L⁻¹ v for L the leading len × len block of F (column-major, leading dimension ld). */
function solveSegment(F: Float64Array, ld: number, v: Float64Array, at: number, len: number): void {
  for (let c = 0; c < len; c++) {
    const fc = c * ld;
    const x = (v[at + c] /= F[fc + c]);
    if (x !== 0) for (let r = c + 1; r < len; r++) v[at + r] -= F[fc + r] * x;
  }
}

/**
 * solveSegment for `count` vectors at once, the k-th at v[at + k·stride …]: four at a time, so each
 * column of F is read once per four right-hand sides (a 224-row C, Wheat2's, is 400 KB: streaming it
 * once per column of [X y] made the solves memory-bound).
 */
function solveSegments(F: Float64Array, ld: number, v: Float64Array, at: number, stride: number, count: number, len: number): void {
  let k = forwardSolveColumnsWasm(F, ld, len, v, at, stride, count);
  for (; k + 4 <= count; k += 4) {
    const a0 = at + k * stride;
    forwardSolveLower4(F, ld, len, v, a0, a0 + stride, a0 + 2 * stride, a0 + 3 * stride);
  }
  for (; k < count; k++) solveSegment(F, ld, v, at + k * stride, len);
}

/** A[j, k] += Σ_a W[a, j] W[a, k] for k ≥ j (W column-major nb × m); four columns k at a time, each sum in row order. */
function addGram(W: Float64Array, nb: number, m: number, A: Float64Array): void {
  for (let j = 0; j < m; j++) {
    const wj = j * nb;
    let k = j;
    for (; k + 4 <= m; k += 4) {
      const w0 = k * nb;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let a = 0; a < nb; a++) {
        const x = W[wj + a];
        s0 += x * W[w0 + a];
        s1 += x * W[w0 + nb + a];
        s2 += x * W[w0 + 2 * nb + a];
        s3 += x * W[w0 + 3 * nb + a];
      }
      A[j * m + k] += s0;
      A[j * m + k + 1] += s1;
      A[j * m + k + 2] += s2;
      A[j * m + k + 3] += s3;
    }
    for (; k < m; k++) {
      let s = 0;
      for (let a = 0; a < nb; a++) s += W[wj + a] * W[k * nb + a];
      A[j * m + k] += s;
    }
  }
}

/**
 * W ← Λ_b^{-1/2}[X y] and U ← Λ_b^{-1/2}·(the loadings) for one block's rows (the weights alone, or
 * with the AR(1) whitening in time order); returns logDet + log|Λ_b| (added row by row, in the order
 * the criterion always summed them), or undefined where a weight is 0 or ∞ or a correlation step is not
 * positive definite.
 */
function whitenRows(
  model: NlmeModel,
  { rows, prev, column, q }: BlockLayout,
  logW: Float64Array,
  loadings: ReturnType<NlmeModel['reLoadings']>,
  phi: number,
  W: Float64Array,
  U: Float64Array,
  logDet: number,
): number | undefined {
  const { n, p, X, y } = model.frame;
  const markov = model.corStruct?.markov;
  const nb = rows.length;
  U.fill(0, 0, nb * q);
  // e^{logW} of the row before is the last row's s; the AR(1) step's constants change only with dt
  let sLast = 0;
  const step = new Ar1Step(phi);
  for (let a = 0; a < nb; a++) {
    const i = rows[a];
    const si = Math.exp(logW[i]);
    if (!(si > 0 && Number.isFinite(si))) return undefined;
    logDet -= 2 * logW[i];
    // row a of Λ^{-1/2}: si·e_i, or (si·e_i − r·s_prev·e_prev)/√(1 − r²) after the row before it
    const h = prev ? prev[a] : -1;
    const sp = sLast;
    sLast = si;
    if (h < 0) {
      for (let j = 0; j < p; j++) W[j * nb + a] = X[j * n + i] * si;
      W[p * nb + a] = y[i] * si;
      for (let l = 0; l < loadings.length; l++) {
        const { k, u } = loadings[l];
        const ci = column[l][a];
        for (let c = 0; c < k; c++) U[(ci + c) * nb + a] += u[i * k + c] * si;
      }
      continue;
    }
    // h is rows[a − 1] (layoutOf), whose s is sp
    if (!step.at(markov!.t[i] - markov!.t[h])) return undefined;
    const { r, f } = step;
    logDet += step.logQ;
    for (let j = 0; j < p; j++) W[j * nb + a] = (X[j * n + i] * si - r * X[j * n + h] * sp) * f;
    W[p * nb + a] = (y[i] * si - r * y[h] * sp) * f;
    for (let l = 0; l < loadings.length; l++) {
      const { k, u } = loadings[l];
      const ci = column[l][a];
      const ch = column[l][a - 1];
      for (let c = 0; c < k; c++) {
        U[(ci + c) * nb + a] += u[i * k + c] * si * f;
        U[(ch + c) * nb + a] -= r * u[h * k + c] * sp * f;
      }
    }
  }
  return logDet;
}

/**
 * Adds each block's [X y]ᵀV_b⁻¹[X y] to A (lower triangle, column-major m × m, m = p + 1) and returns
 * Σ log|V_b|, or undefined when a V_b is not positive definite.
 */
export function accumulateLowRank(model: NlmeModel, par: ArrayLike<number>, logW: Float64Array, A: Float64Array): number | undefined {
  const { p } = model.frame;
  const m = p + 1;
  const layout = layoutOf(model);
  if (layout.fixed === undefined) layout.fixed = fixedGram(model, layout.blocks, par);
  if (layout.fixed) return accumulateFixed(model, layout.fixed, par, layout, A);
  const { patterns, bordered } = layout;
  const fill = patterns.length ? correlationFill(model, par) : undefined;
  for (let k = 0; k < patterns.length; k++) if (!bordered[k] && !factorPattern(fill!, layout, k)) return undefined;
  const { W, U, M, C, factors, logDiag } = layout.scratch;
  const loadings = model.reLoadings(par);
  const markov = model.corStruct?.markov;
  const phi = markov ? markov.phi(model.slice(par, 'corStruct')) : 0;
  let logDetV = 0;
  for (const block of layout.blocks) {
    const { rows, segments, q } = block;
    const nb = rows.length;
    const withLambda = whitenRows(model, block, logW, loadings, phi, W, U, logDetV);
    if (withLambda === undefined) return undefined;
    logDetV = withLambda;
    if (segments.length === 1 && bordered[segments[0].pattern]) {
      const logDetC = borderedBlock(fill!, patterns[segments[0].pattern], W, nb, m, A);
      if (Number.isNaN(logDetC)) return undefined;
      if (logDetC !== undefined) {
        logDetV += logDetC;
        continue;
      }
      if (!factorPattern(fill!, layout, segments[0].pattern)) return undefined;
    }
    // dense correlations: each group's rows through its pattern's factor
    for (const { start, length, pattern } of segments) {
      const F = factors[pattern];
      const ld = patterns[pattern].length;
      logDetV += 2 * logDiag[pattern][length];
      solveSegments(F, ld, W, start, nb, m, length);
      solveSegments(F, ld, U, start, nb, q, length);
    }
    addGram(W, nb, m, A);
    if (q === 0) continue;
    // M = I + ŨᵀŨ (lower triangle), C = ŨᵀW̃
    for (let c = 0; c < q; c++) {
      for (let d = c; d < q; d++) {
        let s = c === d ? 1 : 0;
        for (let a = 0; a < nb; a++) s += U[c * nb + a] * U[d * nb + a];
        M[c * q + d] = s;
      }
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let a = 0; a < nb; a++) s += U[c * nb + a] * W[j * nb + a];
        C[j * q + c] = s;
      }
    }
    if (!subtractWoodbury(M, C, q, m, A)) return undefined;
    for (let c = 0; c < q; c++) logDetV += 2 * Math.log(M[c * q + c]);
  }
  return logDetV;
}

/**
 * Given M = I + ŨᵀŨ (lower triangle) and C = ŨᵀW̃ of one block: M ← L_M (log|M| = 2 Σ log of its
 * diagonal, for the caller to add in its own order) and A −= (L_M⁻¹C)ᵀ(L_M⁻¹C); false when M is not
 * positive definite. C is overwritten.
 */
function subtractWoodbury(M: Float64Array, C: Float64Array, q: number, m: number, A: Float64Array): boolean {
  if (choleskyLowerInPlace(M, q) !== 0) return false;
  // C ← L_M⁻¹C column by column, then A −= CᵀC
  for (let j = 0; j < m; j++) solveSegment(M, q, C, j * q, q);
  for (let j = 0; j < m; j++) {
    for (let k = j; k < m; k++) {
      let s = 0;
      for (let c = 0; c < q; c++) s += C[j * q + c] * C[k * q + c];
      A[j * m + k] -= s;
    }
  }
  return true;
}

/** accumulateLowRank for a constant Λ_b (fixedGram.ts): the blocks' Gram pieces formed once. */
function accumulateFixed(model: NlmeModel, fixed: FixedGram, par: ArrayLike<number>, layout: Layout, A: Float64Array): number | undefined {
  const m = model.frame.p + 1;
  const { M, C, P } = layout.scratch;
  const L = model.levelFactors(par);
  const { WtW } = fixed;
  for (let j = 0; j < m * m; j++) A[j] += WtW[j];
  // Σ_b log|M_b| as the log of a running product of L_M's diagonals (a logarithm per block was a fifth
  // of a small model's evaluation)
  let logDetV = fixed.logDetLambda;
  let product = 1;
  for (const b of fixed.blocks) {
    fixedBlockProducts(model, b, L, m, M, C, P);
    if (!subtractWoodbury(M, C, b.q, m, A)) return undefined;
    // L_M's diagonal is ≥ 1 (M ≥ I): the product only grows; folded before it could overflow
    for (let c = 0; c < b.q; c++) {
      const d = M[c * b.q + c];
      if (product > 1e150 || d > 1e150) {
        logDetV += 2 * Math.log(product);
        product = 1;
      }
      product *= d;
    }
  }
  return logDetV + 2 * Math.log(product);
}
