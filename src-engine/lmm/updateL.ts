/**
 * updateL: for a given θ, the blocked Cholesky factor L of
 *   [ΛᵀZᵀWZΛ + I   ΛᵀZᵀWX   ΛᵀZᵀWy]
 *   [   ·           XᵀWX      XᵀWy  ]  =  L Lᵀ
 *   [   ·            ·        yᵀWy  ]
 * Block 0 stays block-diagonal (L₁₁, one S₀×S₀ factor per level); the rest is one dense m×m factor.
 * As in MixedModels.jl, the objective needs no solve: log|L_θ|², log|R_X|² and r² = L[m,m]² are read
 * off the diagonal.
 */
import { choleskyLowerInPlace } from '../linalg/denseCholesky';
import { CholeskyWorkspace } from '../linalg/choleskyWorkspace';
import { type GramStorage, GroupedGram } from '../linalg/groupedGram';
import { WasmGramForm } from '../linalg/wasmGramForm';
import { type Crossproducts } from './crossproducts';
import { SparseRowGram, subtractRowGram } from '../linalg/rowGram';
import { HeadSchur } from './headSchur';
import { type ReBlock, templatesFromTheta } from './reBlocks';
import { WasmHeadTail } from './wasmHeadTail';
import { WasmLevelForm } from './wasmLevelForm';

export interface Factor {
  /** Per level of block 0, its S₀×S₀ lower factor (column-major). */
  readonly L11: Float64Array;
  /**
   * The rest: m×m lower factor, column-major. After factor(θ) without keepLevelRows, a diagonal head
   * eliminated by classes (headSchur.ts) leaves the head columns unformed: only rows/columns from the
   * head on (other blocks, X, y) are valid then; factor(θ, true) forms all of it.
   */
  readonly Lrr: Float64Array;
  /** Templates T_k for each block (S_k×S_k, column-major lower). */
  readonly T: Float64Array[];
  /** false when a pivot was not positive (θ outside the feasible region or X rank-deficient). */
  readonly ok: boolean;
}

export interface FactorParts {
  /** log|L_θ|² */
  ldL2: number;
  /** log|R_X|² */
  ldRX2: number;
  /** penalized weighted residual sum of squares r²(θ) */
  pwrss: number;
}

/** A level pattern's random-effects rows by rest index (Factorizer.transposedPattern). */
interface TransposedPattern {
  readonly ptr: Int32Array;
  readonly level: Int32Array;
  readonly pos: Int32Array;
}

/** Workspace reused across evaluations so an objective call allocates nothing large. */
export class Factorizer {
  readonly L11: Float64Array;
  readonly Lrr: Float64Array;
  private readonly scale: Float64Array;
  private readonly allScalar: boolean;
  /** B_l for every level of block 0, at patStart[l]·S₀ (column-major |R_l| × S₀). */
  private readonly Ball: Float64Array;
  /** The pattern's random-effects rows transposed (transposedPattern), built when a scatter first needs them. */
  private transposed: TransposedPattern | undefined;
  /** Lrr lives in the Cholesky kernel's memory (no copy per evaluation). */
  private readonly workspace: CholeskyWorkspace | undefined;
  /** Scalar block 0 with few distinct level weights: Σ_l B_l B_lᵀ pre-summed by group (see GroupedGram). */
  private readonly gram: GroupedGram | undefined;
  private readonly gramWeights: Float64Array | undefined;
  /** The same product formed by the kernel in the workspace's memory (wasmGramForm.ts). */
  private readonly gramWasm: WasmGramForm | undefined;
  /** One vector-valued term: block 0 and the rest formed by the kernel in the workspace's memory (wasmLevelForm.ts). */
  private readonly levelWasm: WasmLevelForm | undefined;
  /** cp.restPattern (lower-triangle offsets with their rows and columns) when the rest is all scalar and sparse. */
  private readonly restPattern: { off: Int32Array; row: Int32Array; col: Int32Array } | undefined;
  /** Every level of block 0 has the same coupling pattern (subtractUniformLevelProducts). */
  private readonly uniformPattern: boolean;
  /** Scratch: the X and y rows of every B_l column, (p + 1) × ℓ₀S₀. */
  private tailRows: Float64Array | undefined;
  /** The rest's leading `diagonalHead` rows/columns form a diagonal block for every θ (see findDiagonalHead). */
  private readonly diagonalHead: number;
  /** Objective-only elimination of a diagonal head by classes of equal levels (headSchur.ts). */
  private readonly headSchur: HeadSchur | undefined;
  /** The same in the kernel's memory (wasmHeadTail.ts), whose matrix is then Lrr. */
  private readonly tailWasm: WasmHeadTail | undefined;
  /** Whether the last factor() went through headSchur (the head columns of Lrr were then not formed). */
  private headEliminated = false;
  /** Scalar block 0: levels grouped by A₁₁[l] (one representative and a count per class), for parts(). */
  private readonly block0Classes: { first: Int32Array; size: Float64Array } | undefined;
  /** Scratch: the rows of L below a diagonal head, (m − head) × head row-major. */
  private headRows: Float64Array | undefined;
  /** Scratch: the nonzeros of L's columns below a diagonal head (column pointers, rows, values) and partial sums. */
  private headPtr: Int32Array | undefined;
  private headIdx: Int32Array | undefined;
  private headVal: Float64Array | undefined;
  private headGram: SparseRowGram | undefined;
  /** The largest tail (rows below a diagonal head) worked by SparseRowGram (its sums take 4·t² numbers). */
  private readonly sparseHeadMaxRows = 256;
  /** Scratch: one S₀×S₀ product in factorBlock0. */
  private block0Scratch: Float64Array | undefined;

  /**
   * `valuesChange`: the caller rewrites cp's values between factorizations (GLMM PIRLS reweights every
   * iteration), so no shortcut that depends on the values themselves (grouped Gram, level classes) is built.
   */
  constructor(
    readonly cp: Crossproducts,
    readonly blocks: readonly ReBlock[],
    valuesChange = false,
  ) {
    const S0 = blocks[0].S;
    this.diagonalHead = this.findDiagonalHead();
    this.allScalar = blocks.slice(1).every((b) => b.S === 1);
    const plan = valuesChange ? undefined : this.gramPlan();
    const levels = !valuesChange && WasmLevelForm.applies(cp, blocks);
    // with a diagonal head only the small trailing block is factored densely (factorRest); without one the
    // grouped Gram (or one term's levels) is put in the kernel's memory, which reserves room for it, and
    // the rest is formed there
    const extra = plan ? WasmGramForm.bytesFor(cp.m, plan.products, plan.groups) : levels ? WasmLevelForm.bytesFor(cp.m, blocks[0]) : 0;
    this.workspace = this.diagonalHead === 0 ? new CholeskyWorkspace(cp.m, extra, levels) : undefined;
    const storage = plan && this.workspace ? WasmGramForm.storage(this.workspace, cp.m, plan.products, plan.groups) : undefined;
    this.gram = plan ? this.groupedGram(plan.products, storage) : undefined;
    this.gramWasm = this.gram && storage ? WasmGramForm.attach(this.workspace!, this.gram, storage, cp.Arr) : undefined;
    this.levelWasm = levels && this.workspace ? WasmLevelForm.attach(this.workspace, cp, blocks[0]) : undefined;
    this.L11 = this.levelWasm?.L11 ?? new Float64Array(blocks[0].nl * S0 * S0);
    this.scale = new Float64Array(cp.m);
    this.Ball = this.levelWasm?.B ?? new Float64Array(cp.patRows.length * S0);
    const nl = blocks[0].nl;
    const pat = cp.restPattern;
    if (pat && this.allScalar && pat.length < (0.25 * cp.m * (cp.m + 1)) / 2) {
      this.restPattern = { off: pat, row: pat.map((o) => o % cp.m), col: pat.map((o) => Math.floor(o / cp.m)) };
    }
    this.uniformPattern = nl > 1 && cp.patStart.every((v, l) => v === l * cp.patStart[1]) && cp.patRows.every((r, t) => r === cp.patRows[t % cp.patStart[1]]);
    this.headSchur = this.gram && this.diagonalHead > 0 ? HeadSchur.build(cp, this.gram, this.diagonalHead) : undefined;
    this.tailWasm = this.headSchur ? WasmHeadTail.attach(cp, this.gram!, this.headSchur, this.diagonalHead) : undefined;
    this.Lrr = this.workspace?.A ?? this.tailWasm?.M ?? new Float64Array(cp.m * cp.m);
    this.block0Classes = valuesChange ? undefined : this.findBlock0Classes();
    this.gramWeights = this.gram ? new Float64Array(this.gram.groupKey.length) : undefined;
  }

  /**
   * When block 0 is scalar and the rest all scalar, a level's weight t₀²/(t₀²a_l + 1) depends on θ only
   * through a_l = A₁₁[l] (an observation count without prior weights), so levels with equal a_l can be
   * pre-summed. Building the sums costs about one evaluation's products; every later evaluation then
   * touches `entries` numbers instead of `products`, so it pays whenever it stores clearly fewer
   * (ham: 324 levels of 2 observations, one group: 55k products → 4.9k entries, 3× faster evaluations).
   */
  private gramPlan(): { products: number; groups: number } | undefined {
    const { cp, blocks } = this;
    if (blocks[0].S !== 1 || !this.allScalar) return undefined;
    let products = 0;
    for (let l = 0; l < blocks[0].nl; l++) {
      const R = cp.patStart[l + 1] - cp.patStart[l];
      products += (R * (R + 1)) / 2;
    }
    const groups = new Set(cp.A11).size;
    return groups > blocks[0].nl / 4 ? undefined : { products, groups };
  }

  /** The grouped Gram (see gramPlan), in `storage` if given; undefined when it would not store clearly fewer entries. */
  private groupedGram(products: number, storage: GramStorage | undefined): GroupedGram | undefined {
    const { cp } = this;
    const gram = new GroupedGram(cp.m, cp.patStart, cp.patRows, cp.A1rValues, cp.A11, storage);
    return gram.entries < 0.75 * products ? gram : undefined;
  }

  /**
   * When block 0 is nested in block 1 (ham: Product:Consumer in Consumer; Pastes: cask:batch in batch) and
   * block 1 is scalar, no level of block 0 couples two levels of block 1, so block 1's part of the rest
   * stays diagonal for every θ: its Cholesky is a square root per level plus a rank update of the trailing
   * X/y part, instead of a dense factorization of the whole rest (ham: 98³/3 → ~14k flops).
   */
  private findDiagonalHead(): number {
    const { cp, blocks } = this;
    if (blocks.length < 2 || blocks[1].S !== 1) return 0;
    const d = blocks[1].nl; // block 1 occupies rest indices [0, d)
    for (let l = 0; l < blocks[0].nl; l++) {
      const t = cp.patStart[l];
      if (t + 1 < cp.patStart[l + 1] && cp.patRows[t + 1] < d) return 0; // two head indices in one pattern
    }
    const m = cp.m;
    for (let j = 0; j < d; j++) for (let i = j + 1; i < d; i++) if (cp.Arr[j * m + i] !== 0) return 0;
    return d;
  }

  /** Cholesky of the rest in place (LAPACK info), using a diagonal head when there is one. */
  private factorRest(): number {
    const d = this.diagonalHead;
    if (this.workspace) return this.workspace.factor();
    const M = this.Lrr;
    const m = this.cp.m;
    const t = m - d;
    // L's columns below the head: their nonzeros by column (a nested head reaches few rows of the tail)
    const ptr = (this.headPtr ??= new Int32Array(d + 1));
    const rows = (this.headIdx ??= new Int32Array(t * d));
    const vals = (this.headVal ??= new Float64Array(t * d));
    let nnz = 0;
    for (let j = 0; j < d; j++) {
      ptr[j] = nnz;
      const cj = j * m;
      const pivot = M[cj + j];
      if (!(pivot > 0)) return j + 1;
      const ljj = Math.sqrt(pivot);
      M[cj + j] = ljj;
      for (let a = 0; a < t; a++) {
        if (M[cj + d + a] === 0) continue;
        rows[nnz] = a;
        vals[nnz++] = M[cj + d + a] /= ljj;
      }
    }
    ptr[d] = nnz;
    if (nnz < 0.25 * t * d && t <= this.sparseHeadMaxRows) {
      (this.headGram ??= new SparseRowGram(t)).subtract(ptr, rows, vals, d, M, m, d);
    } else {
      // gathered row-major (t × d) so the trailing update is contiguous dot products
      const G = (this.headRows ??= new Float64Array(t * d));
      G.fill(0);
      for (let j = 0; j < d; j++) for (let k = ptr[j]; k < ptr[j + 1]; k++) G[rows[k] * d + j] = vals[k];
      subtractRowGram(G, t, d, M, m, d);
    }
    const info = choleskyLowerInPlace(M, t, d * m + d, m);
    return info === 0 ? 0 : info + d;
  }

  /**
   * Solve L_rr[0:n, 0:n]ᵀ x = b in place (n ≤ m), as backSolveLowerTranspose(Lrr, n, b, 0, m) does and
   * with the same sums, after a factor(θ, true). A diagonal head's columns are zero within the head and
   * mostly zero below it, so only their nonzeros (kept by factorRest) are visited: the zeros left out
   * would only subtract ±0. With `b1`, a second right-hand side is solved side by side, each sum in the
   * order it has alone: one chain of dependent additions bounds the loop, not the loads, so the second
   * costs little (the df's X rows, rowModes.ts). Without it b1 is b, and both sums are the same numbers.
   */
  backSolveRestTranspose(b: Float64Array, n: number, b1: Float64Array = b): void {
    const d = this.headEliminated ? 0 : this.diagonalHead;
    const L = this.Lrr;
    const m = this.cp.m;
    const tailStart = Math.min(d, n);
    for (let j = n - 1; j >= tailStart; j--) {
      const cj = j * m;
      let s = b[j];
      let s1 = b1[j];
      for (let i = j + 1; i < n; i++) {
        const l = L[cj + i];
        s -= l * b[i];
        s1 -= l * b1[i];
      }
      b[j] = s / L[cj + j];
      b1[j] = s1 / L[cj + j];
    }
    if (tailStart === 0) return;
    const ptr = this.headPtr!;
    const rows = this.headIdx!;
    for (let j = tailStart - 1; j >= 0; j--) {
      let s = b[j];
      let s1 = b1[j];
      for (let k = ptr[j]; k < ptr[j + 1]; k++) {
        const i = d + rows[k];
        if (i < n) {
          const l = L[j * m + i];
          s -= l * b[i];
          s1 -= l * b1[i];
        }
      }
      b[j] = s / L[j * m + j];
      b1[j] = s1 / L[j * m + j];
    }
  }

  /** Number of level classes when the objective eliminates a diagonal head by classes (0: it does not). */
  get headClasses(): number {
    return this.headSchur?.classes ?? 0;
  }

  /** B_l of the last factorization, or of levels l..end−1 back to back (a view: copy it before the next factor()). */
  levelRows(l: number, end = l + 1): Float64Array {
    const S0 = this.blocks[0].S;
    return this.Ball.subarray(this.cp.patStart[l] * S0, this.cp.patStart[end] * S0);
  }

  /**
   * Factor at θ. With `keepLevelRows` the rows B_l below block 0 are formed explicitly and kept
   * (levelRows), as the solve and the conditional variances need; the objective alone does not.
   */
  factor(theta: Float64Array | readonly number[], keepLevelRows = false): Factor {
    const { blocks } = this;
    const T = templatesFromTheta(blocks, theta);
    this.headEliminated = !keepLevelRows && this.headSchur !== undefined;
    if (this.headEliminated) {
      const ok = this.factorBlock0(T[0]) && this.formTailByClasses(T);
      return { L11: this.L11, Lrr: this.Lrr, T, ok };
    }
    if (this.levelWasm && this.workspace!.usesWasm) {
      const ok = this.levelWasm.form(T[0]) && this.factorRest() === 0;
      return { L11: this.L11, Lrr: this.Lrr, T, ok };
    }
    const ok = this.factorBlock0(T[0]) && this.formRest(T, keepLevelRows) && this.factorRest() === 0;
    return { L11: this.L11, Lrr: this.Lrr, T, ok };
  }

  /** L₁₁[l] = chol(T₀ᵀ A₁₁[l] T₀ + I). */
  private factorBlock0(T0: Float64Array): boolean {
    const S0 = this.blocks[0].S;
    const nl = this.blocks[0].nl;
    const A = this.cp.A11;
    const L = this.L11;
    if (S0 === 1) {
      const t = T0[0];
      for (let l = 0; l < nl; l++) L[l] = Math.sqrt(t * t * A[l] + 1);
      return true;
    }
    const S2 = S0 * S0;
    const tmp = (this.block0Scratch ??= new Float64Array(S2));
    for (let l = 0; l < nl; l++) {
      const o = l * S2;
      // tmp = A[l] T₀
      for (let c = 0; c < S0; c++)
        for (let r = 0; r < S0; r++) {
          let s = 0;
          for (let k = c; k < S0; k++) s += A[o + k * S0 + r] * T0[c * S0 + k];
          tmp[c * S0 + r] = s;
        }
      // L[l] = T₀ᵀ tmp + I (lower triangle)
      for (let c = 0; c < S0; c++)
        for (let r = c; r < S0; r++) {
          let s = 0;
          for (let k = r; k < S0; k++) s += T0[r * S0 + k] * tmp[c * S0 + k];
          L[o + c * S0 + r] = s + (r === c ? 1 : 0);
        }
      if (choleskyLowerInPlace(L, S0, o) !== 0) return false;
    }
    return true;
  }

  /** The grouped Gram's weights c_g = t₀² / (t₀² a_g + 1) at θ (one per distinct level count a_g). */
  private gramWeightsAt(t0: number): Float64Array {
    const c = this.gramWeights!;
    const key = this.gram!.groupKey;
    for (let g = 0; g < key.length; g++) c[g] = (t0 * t0) / (t0 * t0 * key[g] + 1);
    return c;
  }

  /** The tail of the rest with the head eliminated by classes (headSchur.ts), factored in place. */
  private formTailByClasses(T: Float64Array[]): boolean {
    const { cp } = this;
    const { m, qRest } = cp;
    const d = this.diagonalHead;
    const M = this.Lrr;
    const c = this.gramWeightsAt(T[0][0]);
    const s = this.rowScale(T);
    if (this.tailWasm?.usable) return this.tailWasm.factor(c, s, T[1][0], this.headSchur!);
    this.gram!.form(cp.Arr, c, M, s, m, 0, d);
    for (let a = d; a < qRest; a++) M[a * m + a] += 1;
    if (!this.headSchur!.update(M, m, d, c, T[1][0], s)) return false;
    return choleskyLowerInPlace(M, m - d, d * m + d, m) === 0;
  }

  /**
   * Lrr ← Λᵀ A_rr Λ + I (random-effects part) − Σ_l B_l B_lᵀ, with B_l = Λᵀ A_r1[l] T₀ L₁₁[l]⁻ᵀ the
   * rows of L below block 0 for level l (all kept in Ball).
   */
  private formRest(T: Float64Array[], keepLevelRows: boolean): boolean {
    const { cp } = this;
    const { m, qRest } = cp;
    const M = this.Lrr;
    const A = cp.Arr;
    if (this.gram && !keepLevelRows) {
      const c = this.gramWeightsAt(T[0][0]);
      if (this.gramWasm && this.workspace!.usesWasm) this.gramWasm.form(c, this.rowScale(T));
      else this.gram.form(A, c, M, this.rowScale(T), m, this.diagonalHead);
      for (let a = 0; a < qRest; a++) M[a * m + a] += 1;
      return true;
    }
    if (this.allScalar && this.restPattern) {
      // a sparse rest: the same products at its possible nonzeros, zeros elsewhere
      const s = this.rowScale(T);
      const { off, row, col } = this.restPattern;
      M.fill(0);
      for (let k = 0; k < off.length; k++) M[off[k]] = A[off[k]] * s[row[k]] * s[col[k]];
    } else if (this.allScalar) {
      const s = this.rowScale(T);
      // a diagonal head's off-diagonal entries are zero in A (findDiagonalHead) and stay zero: filled, not multiplied
      const d = this.diagonalHead;
      for (let j = 0; j < m; j++) {
        const sj = s[j];
        const cj = j * m;
        let i = j;
        if (j < d) {
          M[cj + j] = A[cj + j] * s[j] * sj;
          M.fill(0, cj + j + 1, cj + d);
          i = d;
        }
        for (; i < m; i++) M[cj + i] = A[cj + i] * s[i] * sj;
      }
    } else {
      M.set(A);
      this.applyLambdaColumns(M, T);
      this.applyLambdaRowsDense(M, T);
    }
    for (let a = 0; a < qRest; a++) M[a * m + a] += 1;

    this.formLevelRows(T);
    this.subtractLevelProducts(M);
    return true;
  }

  /** B_l = Λ_rᵀ A_r1[l] T₀ L₁₁[l]⁻ᵀ for every level of block 0, into Ball (needs L₁₁ at θ). */
  private formLevelRows(T: Float64Array[]): void {
    const { cp, blocks } = this;
    const b0 = blocks[0];
    const S0 = b0.S;
    const T0 = T[0];
    if (S0 === 1 && this.allScalar) {
      // scalar everything: B_l[r] = s_row · A_r1[l][r] · t₀ / L₁₁[l], one pass with no temporaries
      const sc = this.rowScale(T);
      const { patStart, patRows, A1rValues } = cp;
      const B = this.Ball;
      for (let l = 0; l < b0.nl; l++) {
        const f = T0[0] / this.L11[l];
        for (let t = patStart[l]; t < patStart[l + 1]; t++) B[t] = A1rValues[t] * sc[patRows[t]] * f;
      }
      return;
    }
    const { patStart, A1rValues } = cp;
    const B = this.Ball;
    const L11 = this.L11;
    const restScaled = cp.qRest > 0;
    for (let l = 0; l < b0.nl; l++) {
      const start = patStart[l];
      const R = patStart[l + 1] - start;
      const base = start * S0; // V and B are column-major R × S₀ at base
      // B = V T₀ (T₀ lower triangular)
      for (let c = 0; c < S0; c++) {
        const bc = base + c * R;
        for (let r = 0; r < R; r++) {
          let s = 0;
          for (let k = c; k < S0; k++) s += A1rValues[base + k * R + r] * T0[c * S0 + k];
          B[bc + r] = s;
        }
      }
      if (restScaled) this.applyLambdaRowsPattern(B, base, R, S0, cp.patRows, start, T);
      // B ← B L₁₁[l]⁻ᵀ: forward-solve each row against L₁₁[l]
      const o = l * S0 * S0;
      for (let c = 0; c < S0; c++) {
        const d = L11[o + c * S0 + c];
        const bc = base + c * R;
        for (let r = 0; r < R; r++) {
          let s = B[bc + r];
          for (let k = 0; k < c; k++) s -= B[base + k * R + r] * L11[o + k * S0 + c];
          B[bc + r] = s / d;
        }
      }
    }
  }

  /** Λ_r as a diagonal scaling when every rest block is scalar (1 on the X and y rows). */
  private rowScale(T: Float64Array[]): Float64Array {
    const { cp, blocks } = this;
    const s = this.scale;
    for (let k = 1; k < blocks.length; k++) {
      const lam = T[k][0];
      const o = cp.restOffset[k];
      for (let a = 0; a < blocks[k].nl; a++) s[o + a] = lam;
    }
    for (let a = cp.qRest; a < cp.m; a++) s[a] = 1;
    return s;
  }

  /**
   * M −= Σ_l B_l B_lᵀ (lower triangle), column by column of M through the transposed pattern, so every
   * write for a column lands in that column: InstEval's 2·10⁶ scattered updates stay cache-resident.
   */
  private subtractLevelProducts(M: Float64Array): void {
    const { cp, Ball } = this;
    const m = cp.m;
    const S0 = this.blocks[0].S;
    const patStart = cp.patStart;
    // Every level's pattern ends with all p + 1 rows of X and y, so those columns are a dense syrk over
    // the columns of all B_l (contiguous dot products) instead of scattered updates.
    const denseTail = m - cp.qRest;
    if (this.uniformPattern) this.subtractUniformLevelProducts(M, denseTail);
    else this.subtractScatteredLevelProducts(M, denseTail);
    const nl = this.blocks[0].nl;
    const nc = nl * S0; // columns of all B_l
    const BX = this.tailRows ?? (this.tailRows = new Float64Array(denseTail * nc));
    for (let l = 0; l < nl; l++) {
      const start = patStart[l];
      const R = patStart[l + 1] - start;
      for (let c = 0; c < S0; c++) {
        const col = start * S0 + c * R + R - denseTail;
        const dst = l * S0 + c;
        for (let a = 0; a < denseTail; a++) BX[a * nc + dst] = Ball[col + a];
      }
    }
    const q = cp.qRest;
    subtractRowGram(BX, denseTail, nc, M, m, q);
  }

  /**
   * The pattern transposed over its random-effects rows (the scatter's columns; the X and y rows that end
   * every pattern are the dense tail's): for rest index j < qRest, entries ptr[j]..ptr[j + 1] name a level
   * (ascending) and a position in its pattern. Built on first use: a first fit scatters once, at θ̂, and
   * only models without a kernel or a shortcut for their complete factorization scatter at all.
   */
  private transposedPattern(): TransposedPattern {
    if (this.transposed) return this.transposed;
    const { cp } = this;
    const { patStart, patRows, qRest } = cp;
    const nl = this.blocks[0].nl;
    const denseTail = cp.m - qRest;
    const ptr = new Int32Array(qRest + 1);
    for (let l = 0; l < nl; l++) for (let t = patStart[l]; t < patStart[l + 1] - denseTail; t++) ptr[patRows[t] + 1]++;
    for (let j = 0; j < qRest; j++) ptr[j + 1] += ptr[j];
    const level = new Int32Array(ptr[qRest]);
    const pos = new Int32Array(ptr[qRest]);
    const next = ptr.slice(0, qRest);
    for (let l = 0; l < nl; l++)
      for (let t = patStart[l]; t < patStart[l + 1] - denseTail; t++) {
        const k = next[patRows[t]]++;
        level[k] = l;
        pos[k] = t - patStart[l];
      }
    return (this.transposed = { ptr, level, pos });
  }

  /** The random-effects columns of subtractLevelProducts: each level's B_l B_lᵀ scattered, column by column. */
  private subtractScatteredLevelProducts(M: Float64Array, denseTail: number): void {
    const { cp } = this;
    const m = cp.m;
    const S0 = this.blocks[0].S;
    const { ptr: rowPtr, level: rowLevel, pos: rowPos } = this.transposedPattern();
    const Ball = this.Ball;
    const patRows = cp.patRows;
    const patStart = cp.patStart;
    for (let j = 0; j < m - denseTail; j++) {
      const cj = j * m;
      for (let t = rowPtr[j]; t < rowPtr[j + 1]; t++) {
        const l = rowLevel[t];
        const pos = rowPos[t];
        const start = patStart[l];
        const R = patStart[l + 1] - start;
        const base = start * S0;
        for (let c = 0; c < S0; c++) {
          const col = base + c * R;
          const bj = Ball[col + pos];
          if (bj === 0) continue;
          for (let ib = pos; ib < R; ib++) M[cj + patRows[start + ib]] -= Ball[col + ib] * bj;
        }
      }
    }
  }

  /**
   * subtractLevelProducts' scatter when every level of block 0 has the same pattern (a complete crossed
   * design: every subject meets every item): the same subtractions, in the same order (levels
   * ascending, and within a level S₀'s columns ascending), with the loops turned round, so each entry of
   * M is read once and four of them are worked on at a time.
   */
  private subtractUniformLevelProducts(M: Float64Array, denseTail: number): void {
    const { cp, Ball } = this;
    const m = cp.m;
    const S0 = this.blocks[0].S;
    const nl = this.blocks[0].nl;
    const R = cp.patStart[1];
    const rows = cp.patRows; // level 0's pattern is everyone's
    const stride = R * S0;
    for (let pos = 0; pos < R - denseTail; pos++) {
      const cj = rows[pos] * m;
      let ib = pos;
      for (; ib + 3 < R; ib += 4) {
        const i0 = cj + rows[ib];
        const i1 = cj + rows[ib + 1];
        const i2 = cj + rows[ib + 2];
        const i3 = cj + rows[ib + 3];
        let a0 = M[i0];
        let a1 = M[i1];
        let a2 = M[i2];
        let a3 = M[i3];
        for (let l = 0; l < nl; l++) {
          for (let c = 0; c < S0; c++) {
            const col = l * stride + c * R;
            const bj = Ball[col + pos];
            if (bj === 0) continue;
            a0 -= Ball[col + ib] * bj;
            a1 -= Ball[col + ib + 1] * bj;
            a2 -= Ball[col + ib + 2] * bj;
            a3 -= Ball[col + ib + 3] * bj;
          }
        }
        M[i0] = a0;
        M[i1] = a1;
        M[i2] = a2;
        M[i3] = a3;
      }
      for (; ib < R; ib++) {
        const i0 = cj + rows[ib];
        let a0 = M[i0];
        for (let l = 0; l < nl; l++) {
          for (let c = 0; c < S0; c++) {
            const col = l * stride + c * R;
            const bj = Ball[col + pos];
            if (bj !== 0) a0 -= Ball[col + ib] * bj;
          }
        }
        M[i0] = a0;
      }
    }
  }

  /** M ← M Λ_r for vector-valued rest blocks (M full symmetric, column-major). */
  private applyLambdaColumns(M: Float64Array, T: Float64Array[]): void {
    const { cp, blocks } = this;
    const m = cp.m;
    for (let k = 1; k < blocks.length; k++) {
      const S = blocks[k].S;
      const Tk = T[k];
      const tmp = new Float64Array(S * m);
      for (let lev = 0; lev < blocks[k].nl; lev++) {
        const o = cp.restOffset[k] + lev * S;
        for (let c = 0; c < S; c++)
          for (let i = 0; i < m; i++) {
            let s = 0;
            for (let r = c; r < S; r++) s += M[(o + r) * m + i] * Tk[c * S + r];
            tmp[c * m + i] = s;
          }
        M.set(tmp, o * m);
      }
    }
  }

  /** M ← Λ_rᵀ M (rows), M column-major m×m. */
  private applyLambdaRowsDense(M: Float64Array, T: Float64Array[]): void {
    const { cp, blocks } = this;
    const m = cp.m;
    const col = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < m; i++) col[i] = M[j * m + i];
      for (let k = 1; k < blocks.length; k++) {
        const S = blocks[k].S;
        const Tk = T[k];
        for (let lev = 0; lev < blocks[k].nl; lev++) {
          const o = cp.restOffset[k] + lev * S;
          for (let c = 0; c < S; c++) {
            let s = 0;
            for (let r = c; r < S; r++) s += Tk[c * S + r] * col[o + r];
            M[j * m + o + c] = s;
          }
        }
      }
    }
  }

  /**
   * B ← Λ_rᵀ B for the pattern rows (B column-major R × S₀ at `base`; the level's rest indices are
   * rows[start..start+R)). Rows of a level come as a contiguous run.
   */
  private applyLambdaRowsPattern(B: Float64Array, base: number, R: number, S0: number, rows: Int32Array, start: number, T: Float64Array[]): void {
    const { cp, blocks } = this;
    let r = 0;
    let k = 1;
    while (r < R && rows[start + r] < cp.qRest) {
      const idx = rows[start + r];
      while (k + 1 < blocks.length && idx >= cp.restOffset[k + 1]) k++;
      const S = blocks[k].S;
      const Tk = T[k];
      if (S === 1) {
        const lam = Tk[0];
        for (let c = 0; c < S0; c++) B[base + c * R + r] *= lam;
        r++;
        continue;
      }
      // rows r..r+S-1 are one level of block k: new row c = Σ_{q≥c} T[q,c] old row q
      for (let c0 = 0; c0 < S0; c0++) {
        const b = base + c0 * R + r;
        for (let c = 0; c < S; c++) {
          let s = 0;
          for (let q = c; q < S; q++) s += Tk[c * S + q] * B[b + q];
          B[b + c] = s;
        }
      }
      r += S;
    }
  }

  /** log|L_θ|², log|R_X|² and r² from the diagonals. */
  parts(): FactorParts {
    const { cp, blocks } = this;
    const S0 = blocks[0].S;
    let ldL2 = 0;
    const L11 = this.L11;
    const classes = this.block0Classes;
    if (classes) for (let g = 0; g < classes.first.length; g++) ldL2 += classes.size[g] * Math.log(L11[classes.first[g]]);
    else for (let l = 0; l < blocks[0].nl; l++) for (let c = 0; c < S0; c++) ldL2 += Math.log(L11[l * S0 * S0 + c * S0 + c]);
    const m = cp.m;
    const M = this.Lrr;
    let a0 = 0;
    if (this.headEliminated) {
      ldL2 += 0.5 * this.headSchur!.headLogDet; // Σ_j log L_jj = ½ Σ_j log D_j
      a0 = this.diagonalHead;
    }
    for (let a = a0; a < cp.qRest; a++) ldL2 += Math.log(M[a * m + a]);
    let ldRX2 = 0;
    for (let a = cp.qRest; a < m - 1; a++) ldRX2 += Math.log(M[a * m + a]);
    const r = M[m * m - 1];
    return { ldL2: 2 * ldL2, ldRX2: 2 * ldRX2, pwrss: r * r };
  }

  /**
   * Scalar block 0: L₁₁[l] = √(t₀²a_l + 1) is equal for levels with equal a_l = A₁₁[l] (observation counts
   * without weights), so log|L₁₁|² needs one logarithm per distinct count (ham: 1 instead of 324).
   */
  private findBlock0Classes(): { first: Int32Array; size: Float64Array } | undefined {
    const b0 = this.blocks[0];
    if (b0.S !== 1) return undefined;
    const index = new Map<number, number>();
    const first: number[] = [];
    const size: number[] = [];
    const A = this.cp.A11;
    for (let l = 0; l < b0.nl; l++) {
      const g = index.get(A[l]);
      if (g === undefined) {
        if (first.length >= b0.nl / 4) return undefined;
        index.set(A[l], first.length);
        first.push(l);
        size.push(1);
      } else size[g]++;
    }
    return { first: Int32Array.from(first), size: Float64Array.from(size) };
  }
}
