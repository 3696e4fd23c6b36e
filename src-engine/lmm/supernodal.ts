/**
 * A supernodal elimination for nested random effects. Factorizer (updateL.ts) keeps only block 0
 * block-diagonal and treats every other random-effects block as dense; for `(1 | site/plot/plant)` the
 * middle level then becomes a large dense block although nesting means it never fills in. Here blocks
 * 0..K−1 are eliminated level by level — each level a supernode with an S×S diagonal block and a sparse
 * column pattern — and only blocks K.. with X and y stay dense. The patterns come from a symbolic pass
 * (elimination tree over supernodes), so any fill is represented; chooseEliminated() only takes a block
 * when that fill stays small, which holds exactly when its levels are nested in the later factors.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { backSolveLowerTranspose, choleskyLowerInPlace } from '../linalg/denseCholesky';
import { CholeskyWorkspace } from '../linalg/choleskyWorkspace';
import { type ReBlock, templatesFromTheta } from './reBlocks';
import { conditionalBlocks, setLevelBlock } from './condVar';
import { type FactorParts } from './updateL';
import { type SelectedInverse, SelectedInversePlan } from './selectedInverse';
import { assembleA, type GlobalLayout, ObservationEntries, type Supernode, symbolicPatterns } from './supernodalAssembly';
import { packedViews } from '../linalg/packedViews';
import { WasmSupernodal } from './wasmSupernodal';

/** Global indices: eliminated columns [0, qE), then the dense rest [qE, qE + m). */
export class SupernodalFactorizer {
  readonly K: number;
  readonly qE: number;
  /** Dense rest: blocks K.., X, y. */
  readonly m: number;
  readonly qRest: number;
  private readonly nodes: Supernode[];
  /** Owner supernode of each eliminated global index. */
  private readonly owner: Int32Array;
  private readonly eOff: Int32Array;
  private readonly restOff: Int32Array;
  /** Unscaled A: per supernode diag (S×S) and pattern values (|P|×S), plus the dense rest. */
  private readonly Add: Float64Array[];
  private readonly Aps: Float64Array[];
  private readonly Arr: Float64Array;
  /** Working values (scaled, then factored). */
  private readonly D: Float64Array[];
  private readonly O: Float64Array[];
  private readonly workspace: CholeskyWorkspace;
  /** The scaling and elimination in the kernel's memory (wasmSupernodal.ts), where D and O then live. */
  private readonly kernel: WasmSupernodal | undefined;
  private readonly pos: Int32Array;
  /** Per global index: its block (−1: X, y) and its level's first index (rowBlocks). */
  private readonly rowBlock: Int32Array;
  private readonly rowFirst: Int32Array;
  private readonly logDetW: number;
  /** Built on the first selected inversion (conditional variances, exact gradients). */
  private inversePlan?: SelectedInversePlan;
  /** solveRow's right-hand side for one supernode (S entries). */
  private readonly rowRhs: Float64Array;

  constructor(
    design: MixedDesign,
    private readonly blocks: readonly ReBlock[],
    K: number,
  ) {
    this.K = K;
    const { n, p } = design;
    this.eOff = new Int32Array(K + 1);
    for (let k = 0; k < K; k++) this.eOff[k + 1] = this.eOff[k] + blocks[k].nl * blocks[k].S;
    const qE = (this.qE = this.eOff[K]);
    this.restOff = new Int32Array(blocks.length + 1);
    let qRest = 0;
    for (let k = K; k < blocks.length; k++) {
      this.restOff[k] = qRest;
      qRest += blocks[k].nl * blocks[k].S;
    }
    this.qRest = qRest;
    const m = (this.m = qRest + p + 1);

    // supernodes, in order
    this.nodes = [];
    this.owner = new Int32Array(qE);
    for (let k = 0; k < K; k++)
      for (let l = 0; l < blocks[k].nl; l++) {
        const col0 = this.eOff[k] + l * blocks[k].S;
        for (let c = 0; c < blocks[k].S; c++) this.owner[col0 + c] = this.nodes.length;
        this.nodes.push({ block: k, col0, S: blocks[k].S, pattern: new Int32Array(0) });
      }
    this.rowRhs = new Float64Array(Math.max(1, ...blocks.slice(0, K).map((b) => b.S)));

    // the patterns (symbolic), then A's numbers into one buffer per kind of per-supernode array, so the
    // elimination walks contiguous memory
    const layout: GlobalLayout = { K, eOff: this.eOff, restOff: this.restOff, qE, qRest, m };
    const obs = new ObservationEntries(design, blocks, layout);
    symbolicPatterns(this.nodes, this.owner, obs, n, layout);
    this.Add = packedViews(this.nodes.map((s) => s.S * s.S));
    this.Aps = packedViews(this.nodes.map((s) => s.pattern.length * s.S));
    this.Arr = new Float64Array(m * m);
    this.pos = new Int32Array(qE + m);
    this.logDetW = assembleA(this.nodes, this.owner, obs, design.weights, n, layout, { Add: this.Add, Aps: this.Aps, Arr: this.Arr });
    const rb = this.rowBlocks();
    this.rowBlock = rb.block;
    this.rowFirst = rb.first;
    const inKernel = WasmSupernodal.applies(this.nodes);
    this.workspace = new CholeskyWorkspace(m, inKernel ? WasmSupernodal.bytesFor(this.nodes, blocks, qE, m) : 0, inKernel);
    const { nodes, owner, Add, Aps, rowBlock, rowFirst } = this;
    this.kernel = inKernel ? WasmSupernodal.attach(this.workspace, { nodes, blocks, owner, qE, m, rowBlock, rowFirst, Add, Aps }) : undefined;
    this.D = this.kernel?.D ?? packedViews(this.Add.map((x) => x.length));
    this.O = this.kernel?.O ?? packedViews(this.Aps.map((x) => x.length));
  }

  /** Mean number of random-effects rows in the patterns of block k's supernodes (its fill). */
  meanRandomPattern(k: number): number {
    let t = 0;
    let count = 0;
    const reEnd = this.qE + this.qRest;
    for (const s of this.nodes)
      if (s.block === k) {
        count++;
        for (const r of s.pattern) if (r < reEnd) t++;
      }
    return count ? t / count : 0;
  }

  /** Multiply–adds of one factorization: each supernode's S·R² update of its targets, then the dense rest. */
  flops(): number {
    let t = 0;
    for (const s of this.nodes) t += s.S * s.pattern.length * (s.pattern.length + s.S);
    return t + (this.m * this.m * this.m) / 3;
  }

  factor(theta: Float64Array | readonly number[]): { ok: boolean } {
    const { blocks, nodes, qE, m } = this;
    const T = templatesFromTheta(blocks, theta);
    const M = this.workspace.A;
    // dense rest: Λᵀ A Λ (+ I on its random-effects part); the stored A_rr is upper by column (row ≥ col)
    this.scaleRest(T, M);
    for (let a = 0; a < this.qRest; a++) M[a * m + a] += 1;
    if (this.kernel && this.workspace.usesWasm) return { ok: this.kernel.eliminate(T) === 0 && this.workspace.factor() === 0 };
    // supernodes: D = Tᵀ A_ss T + I, O = (Λ_Pᵀ A_Ps) T
    for (let s = 0; s < nodes.length; s++) this.scaleNode(s, T);
    // right-looking elimination over supernodes
    const pos = this.pos;
    for (let s = 0; s < nodes.length; s++) {
      const node = nodes[s];
      const S = node.S;
      const D = this.D[s];
      if (S === 1) {
        if (!(D[0] > 0)) return { ok: false };
        D[0] = Math.sqrt(D[0]);
      } else if (choleskyLowerInPlace(D, S) !== 0) return { ok: false };
      const pat = node.pattern;
      const R = pat.length;
      const B = this.O[s];
      // B ← O D⁻ᵀ, column-major R × S (stored as [col c][row r] = c·R + r)
      for (let c = 0; c < S; c++) {
        const d = D[c * S + c];
        for (let r = 0; r < R; r++) {
          let v = B[c * R + r];
          for (let k = 0; k < c; k++) v -= B[k * R + r] * D[k * S + c];
          B[c * R + r] = v / d;
        }
      }
      // subtract B Bᵀ from the targets: later supernodes (diag or pattern) and the dense rest
      let jb = 0;
      while (jb < R) {
        const colIdx = pat[jb];
        if (colIdx >= qE) break;
        const u = this.owner[colIdx];
        const tn = nodes[u];
        const tp = tn.pattern;
        const tR = tp.length;
        const tS = tn.S;
        const tEnd = tn.col0 + tS;
        const Du = this.D[u];
        const Ou = this.O[u];
        for (let t = 0; t < tR; t++) pos[tp[t]] = t;
        const runEnd = jb + tS; // nested patterns contain every column of a supernode
        for (let j = jb; j < runEnd && j < R; j++) {
          const cb = pat[j] - tn.col0;
          for (let i = j; i < R; i++) {
            let v = 0;
            for (let c = 0; c < S; c++) v += B[c * R + i] * B[c * R + j];
            if (v === 0) continue;
            const ra = pat[i];
            if (ra < tEnd) Du[cb * tS + (ra - tn.col0)] -= v;
            else Ou[cb * tR + pos[ra]] -= v;
          }
        }
        jb = runEnd;
      }
      if (S === 1) {
        // a scalar supernode's update of the dense rest: a rank-1 update of its trailing rows
        for (let j = jb; j < R; j++) {
          const cj = (pat[j] - qE) * m - qE;
          const bj = B[j];
          for (let i = j; i < R; i++) M[cj + pat[i]] -= B[i] * bj;
        }
        continue;
      }
      for (let j = jb; j < R; j++) {
        const cj = (pat[j] - qE) * m - qE;
        for (let i = j; i < R; i++) {
          let v = 0;
          for (let c = 0; c < S; c++) v += B[c * R + i] * B[c * R + j];
          M[cj + pat[i]] -= v;
        }
      }
    }
    return { ok: this.workspace.factor() === 0 };
  }

  parts(): FactorParts {
    const { nodes, m } = this;
    let ldL2 = 0;
    for (let s = 0; s < nodes.length; s++) {
      const S = nodes[s].S;
      for (let c = 0; c < S; c++) ldL2 += Math.log(this.D[s][c * S + c]);
    }
    const M = this.workspace.A;
    for (let a = 0; a < this.qRest; a++) ldL2 += Math.log(M[a * m + a]);
    let ldRX2 = 0;
    for (let a = this.qRest; a < m - 1; a++) ldRX2 += Math.log(M[a * m + a]);
    const r = M[m * m - 1];
    return { ldL2: 2 * ldL2, ldRX2: 2 * ldRX2, pwrss: r * r };
  }

  /** The dense rest's factor after factor(θ) (blocks K.., X, y; lower, column-major m×m). */
  get denseRest(): Float64Array {
    return this.workspace.A;
  }

  get logDetWeights(): number {
    return this.logDetW;
  }

  /**
   * After factor(θ): the spherical random effects u (per block, level-major) and β̂, by back
   * substitution through the dense rest and then the supernodes in reverse order. Also returns the
   * dense factor, whose X block is L_XX.
   */
  solve(p: number): { u: Float64Array[]; beta: Float64Array; L: Float64Array } {
    const { u, v } = this.solveRow(this.m - 1);
    return { u, beta: v.slice(this.qRest, this.qRest + p), L: this.workspace.A };
  }

  /**
   * After factor(θ): the modes for one row of the dense rest's [X y] part, i.e. the solution of
   * L_ZZᵀ u = L_{row,Z}ᵀ. For y (row m − 1) that is ũ with β̂ (v's X part) as in solve(); for a column
   * x_j of X (row qRest + j) it is A⁻¹ΛᵀZᵀW x_j (v's X part stays 0), which Satterthwaite's analytic
   * derivatives need (inference/varparDerivatives.ts).
   */
  solveRow(row: number): { u: Float64Array[]; v: Float64Array } {
    return this.solveRows([row])[0];
  }

  /**
   * solveRow for several rows in one pass over the supernodes (the df's derivatives want y's and every X
   * column's at each θ): each row's sums are solveRow's, in its order.
   */
  solveRows(rows: readonly number[]): { u: Float64Array[]; v: Float64Array }[] {
    const { nodes, m, qE, qRest, blocks, K } = this;
    const L = this.workspace.A;
    // x = [u_E; v]: the eliminated modes, then [u_rest; β], which solves L_rrᵀ v = the row of L_rr (for
    // an X row: its random-effects part only); one array per row, so a pattern row reads its value by index
    const xs = rows.map((row) => {
      const x = new Float64Array(qE + m - 1);
      const v = x.subarray(qE);
      const lim = row === m - 1 ? m - 1 : qRest;
      for (let j = 0; j < lim; j++) v[j] = L[j * m + row];
      backSolveLowerTranspose(L, lim, v, 0, m);
      return x;
    });
    const yRow = qE + m - 1;
    const rhs = this.rowRhs;
    for (let s = nodes.length - 1; s >= 0; s--) {
      const node = nodes[s];
      const S = node.S;
      const pat = node.pattern;
      const R = pat.length;
      const B = this.O[s];
      const D = this.D[s];
      if (S === 1) {
        // backSolveLowerTranspose of one column: a division; two rows at a time, so that their sums'
        // additions overlap (each sum in the order of the one-row loop)
        let i = 0;
        for (; i + 1 < rows.length; i += 2) {
          const x = xs[i];
          const x1 = xs[i + 1];
          const target = qE + rows[i];
          const target1 = qE + rows[i + 1];
          let t = 0;
          let t1 = 0;
          for (let r = 0; r < R; r++) {
            const g = pat[r];
            const b = B[r];
            if (g === target) t += b;
            else if (g !== yRow) t -= b * x[g];
            if (g === target1) t1 += b;
            else if (g !== yRow) t1 -= b * x1[g];
          }
          x[node.col0] = t / D[0];
          x1[node.col0] = t1 / D[0];
        }
        if (i < rows.length) {
          const x = xs[i];
          const target = qE + rows[i];
          let t = 0;
          for (let r = 0; r < R; r++) {
            const g = pat[r];
            if (g === target) t += B[r];
            else if (g !== yRow) t -= B[r] * x[g];
          }
          x[node.col0] = t / D[0];
        }
        continue;
      }
      for (let i = 0; i < rows.length; i++) {
        const x = xs[i];
        const target = qE + rows[i];
        for (let c = 0; c < S; c++) {
          let t = 0;
          for (let r = 0; r < R; r++) {
            const g = pat[r];
            if (g === target) t += B[c * R + r];
            else if (g !== yRow) t -= B[c * R + r] * x[g];
          }
          rhs[c] = t;
        }
        backSolveLowerTranspose(D, S, rhs);
        for (let c = 0; c < S; c++) x[node.col0 + c] = rhs[c];
      }
    }
    return xs.map((x) => {
      const v = x.subarray(qE);
      const u = blocks.map((b, k) => (k < K ? x.slice(this.eOff[k], this.eOff[k + 1]) : v.slice(this.restOff[k], this.restOff[k] + b.nl * b.S)));
      return { u, v: v.slice() };
    });
  }

  /**
   * Conditional covariances of b after factor(θ̂), as conditionalVariances() in condVar.ts: σ² T Z Tᵀ per
   * level, Z's diagonal blocks from selectedInverse(). Undefined when the dense rest is too large to invert.
   */
  conditionalVariances(T: readonly Float64Array[], sigma: number): Float64Array[] | undefined {
    const Z = this.selectedInverse();
    if (!Z) return undefined;
    const { nodes, blocks, K } = this;
    const { Zrr, Zss, ssAt, q } = Z;
    const out = conditionalBlocks(blocks);
    const addLevel = (k: number, l: number, V: (r: number, c: number) => number) => setLevelBlock(out[k], blocks[k].S, l, T[k], V, sigma);
    for (let s = 0; s < nodes.length; s++) {
      const node = nodes[s];
      const l = (node.col0 - this.eOff[node.block]) / node.S;
      addLevel(node.block, l, (r, c) => Zss[ssAt[s] + c * node.S + r]);
    }
    for (let k = K; k < blocks.length; k++)
      for (let l = 0; l < blocks[k].nl; l++) {
        const o = this.restOff[k] + l * blocks[k].S;
        addLevel(k, l, (r, c) => Zrr[(o + c) * q + o + r]);
      }
    return out;
  }

  /**
   * After factor(θ): per random-effects block, Σ_l [(L_θL_θᵀ)⁻¹]_ll, the sum of the inverse's diagonal
   * S×S blocks over the levels (column-major S×S), which the exact gradient of log|L_θ|² needs
   * (inference/varparDerivatives.ts; it runs twice per θ parameter for the Satterthwaite df). Undefined
   * when the dense rest is too large to invert.
   */
  inverseBlockSums(): Float64Array[] | undefined {
    const Z = this.selectedInverse();
    if (!Z) return undefined;
    const { nodes, blocks, K } = this;
    const { Zrr, Zss, ssAt, q } = Z;
    const sums = blocks.map((b) => new Float64Array(b.S * b.S));
    for (let s = 0; s < nodes.length; s++) {
      const sum = sums[nodes[s].block];
      for (let e = 0; e < sum.length; e++) sum[e] += Zss[ssAt[s] + e];
    }
    for (let k = K; k < blocks.length; k++) {
      const S = blocks[k].S;
      for (let l = 0; l < blocks[k].nl; l++) {
        const o = this.restOff[k] + l * S;
        for (let c = 0; c < S; c++) for (let r = 0; r < S; r++) sums[k][c * S + r] += Zrr[(o + c) * q + o + r];
      }
    }
    return sums;
  }

  /** Z = (L_θL_θᵀ)⁻¹ on L's pattern after factor(θ) (selectedInverse.ts); undefined when the dense rest is too large to invert. */
  private selectedInverse(): SelectedInverse | undefined {
    if (this.qRest > 2500) return undefined;
    this.inversePlan ??= new SelectedInversePlan(this.nodes, this.owner, this.qE, this.qRest);
    return this.inversePlan.run(this.D, this.O, this.workspace.A, this.m);
  }

  /**
   * For every global index: its random-effects block (−1 for X and y) and the first global index of its
   * level, so Λᵀ row transforms look them up instead of searching (this runs for every supernode at
   * every evaluation).
   */
  private rowBlocks(): { block: Int32Array; first: Int32Array } {
    const { qE, qRest, K, blocks } = this;
    const total = qE + this.m;
    const block = new Int32Array(total).fill(-1);
    const first = new Int32Array(total);
    for (let k = 0; k < blocks.length; k++) {
      const S = blocks[k].S;
      const base = k < K ? this.eOff[k] : qE + this.restOff[k];
      for (let a = 0; a < blocks[k].nl * S; a++) {
        block[base + a] = k;
        first[base + a] = base + a - (a % S);
      }
    }
    for (let g = qE + qRest; g < total; g++) first[g] = g;
    return { block, first };
  }

  /** Apply Λᵀ to rows (given by sorted global indices) of a column-major rows × ncol matrix. */
  private lambdaRows(V: Float64Array, rows: Int32Array, ncol: number, T: Float64Array[]): void {
    const R = rows.length;
    const { rowBlock, rowFirst } = this;
    let r = 0;
    while (r < R) {
      const k = rowBlock[rows[r]];
      if (k < 0) break; // X and y rows are not scaled
      const S = this.blocks[k].S;
      const Tk = T[k];
      if (S === 1) {
        const lam = Tk[0];
        for (let c = 0; c < ncol; c++) V[c * R + r] *= lam;
        r++;
        continue;
      }
      // rows r..r+S-1 are one level; new row c = Σ_{q≥c} T[q,c] old row q
      if (rows[r] !== rowFirst[rows[r]]) throw new Error('supernodal: a level is split in a pattern');
      for (let c0 = 0; c0 < ncol; c0++) {
        const base = c0 * R + r;
        for (let c = 0; c < S; c++) {
          let v = 0;
          for (let q = c; q < S; q++) v += Tk[c * S + q] * V[base + q];
          V[base + c] = v;
        }
      }
      r += S;
    }
  }

  private scaleNode(s: number, T: Float64Array[]): void {
    const node = this.nodes[s];
    const S = node.S;
    const Tk = T[node.block];
    const A = this.Add[s];
    const D = this.D[s];
    const R = node.pattern.length;
    const Aps = this.Aps[s];
    const O = this.O[s];
    if (S === 1) {
      const t = Tk[0];
      D[0] = t * A[0] * t + 1;
      for (let r = 0; r < R; r++) O[r] = Aps[r] * t;
    } else {
      // D = Tᵀ A T + I (A stored lower: A[c·S + r], r ≥ c)
      for (let c = 0; c < S; c++)
        for (let r = c; r < S; r++) {
          let v = 0;
          for (let a = r; a < S; a++)
            for (let b = c; b < S; b++) v += Tk[r * S + a] * (a >= b ? A[b * S + a] : A[a * S + b]) * Tk[c * S + b];
          D[c * S + r] = v + (r === c ? 1 : 0);
        }
      // O = Λ_Pᵀ A_Ps T
      for (let c = 0; c < S; c++)
        for (let r = 0; r < R; r++) {
          let v = 0;
          for (let k = c; k < S; k++) v += Aps[k * R + r] * Tk[c * S + k];
          O[c * R + r] = v;
        }
    }
    this.lambdaRows(O, node.pattern, S, T);
  }

  /** M (dense rest, lower) ← Λ_rᵀ A_rr Λ_r; A_rr is accumulated with row ≥ col at [col·m + row]. */
  private scaleRest(T: Float64Array[], M: Float64Array): void {
    const { m, qE, blocks, K } = this;
    if (blocks.slice(K).every((b) => b.S === 1)) {
      const sc = new Float64Array(m).fill(1);
      for (let k = K; k < blocks.length; k++) sc.fill(T[k][0], this.restOff[k], this.restOff[k] + blocks[k].nl);
      for (let j = 0; j < m; j++) for (let i = j; i < m; i++) M[j * m + i] = this.Arr[j * m + i] * sc[i] * sc[j];
      return;
    }
    // full symmetric copy, then Λ on columns and rows via lambdaRows on each column/row set
    const F = new Float64Array(m * m);
    for (let j = 0; j < m; j++)
      for (let i = j; i < m; i++) {
        const v = this.Arr[j * m + i];
        F[j * m + i] = v;
        F[i * m + j] = v;
      }
    const rows = Int32Array.from({ length: m }, (_, i) => qE + i);
    this.lambdaRows(F, rows, m, T); // Λᵀ F (rows)
    // F Λ: transpose, scale rows, transpose back (F is symmetric after both steps)
    const G = new Float64Array(m * m);
    for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) G[i * m + j] = F[j * m + i];
    this.lambdaRows(G, rows, m, T);
    for (let j = 0; j < m; j++) for (let i = j; i < m; i++) M[j * m + i] = G[i * m + j];
  }
}

/**
 * How many blocks to eliminate supernodally: block k (k ≥ 1) joins when, with it eliminated, its levels'
 * patterns stay short (nested in later factors) — otherwise it and all later blocks stay dense.
 * Returns undefined when the plain block-0 + dense-rest factorization is as good (K would be 1, or the
 * dense rest is small anyway).
 */
export function chooseSupernodal(design: MixedDesign, blocks: readonly ReBlock[]): SupernodalFactorizer | undefined {
  if (blocks.length < 2) return undefined;
  const denseRest = blocks.slice(1).reduce((s, b) => s + b.nl * b.S, 0);
  if (denseRest < 200) return undefined;
  // block k can be eliminated without fill when every earlier factor is nested in it (each level of an
  // earlier factor sits in exactly one level of factor k): an O(n) test per pair, before any symbolic work
  let K = 1;
  while (K < blocks.length && blocks.slice(0, K).every((b) => nestedIn(b.refs, blocks[K].refs, b.nl))) K++;
  if (K < 2) return undefined;
  const f = new SupernodalFactorizer(design, blocks, K);
  const later = blocks.slice(K).reduce((s, b) => s + b.S, 0);
  const qAfter = blocks.slice(K).reduce((s, b) => s + b.nl * b.S, 0);
  if (f.meanRandomPattern(K - 1) <= Math.max(4 * later, 0.02 * qAfter)) return f;
  // Nested levels with slopes over a small crossed factor ((1 + x | site) + (1 | site:plot) + (1 | year)):
  // every site's pattern holds every year, more fill than the rule above allows, yet the elimination
  // costs far less than the dense Cholesky of the rest it replaces (a 1,000×1,000 one for 500 sites).
  const denseM = denseRest + design.p + 1;
  return f.flops() < DENSE_FLOPS_SHARE * ((denseM * denseM * denseM) / 3) ? f : undefined;
}

/** Take the supernodal elimination by cost only when it needs at most this share of the dense Cholesky's flops. */
const DENSE_FLOPS_SHARE = 0.1;

/** True when each level of the inner factor occurs with a single level of the outer one. */
function nestedIn(inner: Int32Array, outer: Int32Array, innerLevels: number): boolean {
  const parent = new Int32Array(innerLevels).fill(-1);
  for (let i = 0; i < inner.length; i++) {
    const p = parent[inner[i]];
    if (p === -1) parent[inner[i]] = outer[i];
    else if (p !== outer[i]) return false;
  }
  return true;
}
