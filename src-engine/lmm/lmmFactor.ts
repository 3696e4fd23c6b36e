/**
 * The factorization at one θ as a value (Bates et al. 2015, sec. 3): the Cholesky factor L_θ of
 * ΛᵀZᵀWZΛ + I with R_ZX and R_X, and what the profiled criterion reads off its diagonal, log|L_θ|²,
 * log|R_X|² and r²(θ). LmmModel.factorAt(θ) makes it by the factorization the objective uses (the
 * supernodal one for nested designs, else block 0 + a dense rest), and the fit and inference take it
 * instead of reaching into a factorizer, so the criterion, the solution and the derivatives at θ come
 * from one factorization.
 *
 * The matrices stay in the factorizer's workspace (a copy of L per evaluation would cost more than the
 * small factorizations themselves), so the value holds only while the model has not factored again:
 * reading a matrix after that throws instead of answering with another θ's numbers. The scalars
 * (θ, ldL2, ldRX2, pwrss) are copies and stay valid.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { conditionalVariances, inverseBlockSums } from './condVar';
import { type Crossproducts } from './crossproducts';
import { type ReBlock, templatesFromTheta } from './reBlocks';
import { factorizerRowModes, factorizerRowModesPair } from './rowModes';
import { finishSolution, solveFactored, type PlsSolution } from './solve';
import { type SupernodalFactorizer } from './supernodal';
import { type FactorParts, type Factorizer } from './updateL';

/**
 * The trailing dense factor: lower, column-major m×m over the random effects not eliminated level by
 * level (qRest of them), then X, then y. Its X block, rows and columns [qRest, qRest + p), is
 * L_XX = R_Xᵀ, the rows below the random effects hold R_ZXᵀ, and the y row holds c_X and r.
 */
export interface DenseRest {
  readonly L: Float64Array;
  readonly m: number;
  readonly qRest: number;
}

/** The modes for one row of the dense rest's [X y] part (LmmFactor.rowModes). */
export interface RowModes {
  readonly u: Float64Array[];
  readonly v: Float64Array;
}

/** Counts a model's factorizations: a factor is current while the count is the one it was made at. */
export class FactorStamp {
  count = 0;
}

export abstract class LmmFactor implements FactorParts {
  readonly theta: Float64Array;
  /** log|L_θ|² */
  readonly ldL2: number;
  /** log|R_X|² */
  readonly ldRX2: number;
  /** r²(θ), the penalized weighted residual sum of squares. */
  readonly pwrss: number;
  private readonly count: number;
  private templates: Float64Array[] | undefined;
  private readonly modes = new Map<number, RowModes>();

  protected constructor(
    readonly design: MixedDesign,
    readonly blocks: readonly ReBlock[],
    theta: ArrayLike<number>,
    parts: FactorParts,
    /**
     * Whether everything is formed: false for a factorization made for the criterion alone, where
     * the block-0 path may leave block 0's level rows and a diagonal head unformed (headSchur.ts); the
     * dense rest's X and y rows are valid either way.
     */
    readonly complete: boolean,
    private readonly stamp: FactorStamp,
  ) {
    this.theta = Float64Array.from(theta);
    this.ldL2 = parts.ldL2;
    this.ldRX2 = parts.ldRX2;
    this.pwrss = parts.pwrss;
    this.count = stamp.count;
  }

  get parts(): FactorParts {
    return { ldL2: this.ldL2, ldRX2: this.ldRX2, pwrss: this.pwrss };
  }

  /** The templates T_k at θ. */
  get T(): readonly Float64Array[] {
    return (this.templates ??= templatesFromTheta(this.blocks, this.theta));
  }

  /** Whether the model's factorizer still holds this factorization. */
  get current(): boolean {
    return this.stamp.count === this.count;
  }

  /** Throws unless the factorizer still holds this factorization (and, with `complete`, all of it). */
  protected check(complete = false): void {
    if (!this.current) throw new Error('LmmFactor: the model has been factored at another θ since this factorization was made.');
    if (complete && !this.complete) throw new Error('LmmFactor: this factorization was made for the criterion alone; factor with complete = true.');
  }

  /** The trailing dense factor (see DenseRest). */
  abstract rest(): DenseRest;

  /**
   * The modes for one row of the dense rest's [X y] part: the solution u of L_ZZᵀ u = L_{row,Z}ᵀ per
   * block (spherical, level-major), and v over the dense rest. For y (row m − 1) it is ũ with β̂ in v's
   * X part; for a column x_j of X (row qRest + j) it is A⁻¹ΛᵀZᵀW x_j.
   */
  rowModes(row: number): RowModes {
    // the df's derivatives, the exact θ Hessian and its ML correction each ask for the same rows at θ̂
    this.check(true);
    let r = this.modes.get(row);
    if (!r) this.modes.set(row, (r = this.solveRowModes(row)));
    return r;
  }

  /** rowModes for several rows (one pass where the factorization has one: the supernodal solve). */
  rowModesOf(rows: readonly number[]): RowModes[] {
    this.check(true);
    const missing = rows.filter((r, i) => !this.modes.has(r) && rows.indexOf(r) === i);
    if (missing.length > 1) this.solveRowModesOf(missing).forEach((r, i) => this.modes.set(missing[i], r));
    return rows.map((r) => this.rowModes(r));
  }

  /** solveRowModes for several rows; one at a time unless a factorization does better. */
  protected solveRowModesOf(rows: readonly number[]): RowModes[] {
    return rows.map((r) => this.solveRowModes(r));
  }

  /** Keep modes another solve at this factorization found (the fit's own solve finds y's: ũ and β̂). */
  protected keepRowModes(row: number, r: RowModes): void {
    this.modes.set(row, r);
  }

  /** rowModes' solve; its result is shared by every caller (read-only). */
  protected abstract solveRowModes(row: number): RowModes;

  /** Per block, Σ_l [(L_θL_θᵀ)⁻¹]_ll (column-major S×S); undefined when the dense rest is too large to invert. */
  abstract inverseBlockSums(): Float64Array[] | undefined;

  /** β̂, ũ, b̃ = Λũ, fitted values and (R_XᵀR_X)⁻¹ at θ. */
  abstract solve(): PlsSolution;

  /** lme4's conditional covariances of b at θ for residual SD σ (`pls` from solve()); undefined when too costly. */
  abstract conditionalVariances(sigma: number, pls: PlsSolution): Float64Array[] | undefined;
}

/** Block 0 block-diagonal (L₁₁, one S₀×S₀ factor per level, and its level rows B_l), the rest dense (updateL.ts). */
export class BlockFactor extends LmmFactor {
  constructor(
    design: MixedDesign,
    blocks: readonly ReBlock[],
    readonly cp: Crossproducts,
    private readonly fz: Factorizer,
    theta: ArrayLike<number>,
    complete: boolean,
    stamp: FactorStamp,
  ) {
    super(design, blocks, theta, fz.parts(), complete, stamp);
  }

  rest(): DenseRest {
    this.check();
    return { L: this.fz.Lrr, m: this.cp.m, qRest: this.cp.qRest };
  }

  /** Block 0's diagonal factors L₁₁ (per level, S₀×S₀ column-major). */
  get L11(): Float64Array {
    this.check();
    return this.fz.L11;
  }

  /** The rows B_l of L below block 0 for level l, or levels l … end − 1 back to back (column-major |R_l| × S₀, rows cp.patRows from cp.patStart[l]). */
  levelRows(l: number, end = l + 1): Float64Array {
    this.check(true);
    return this.fz.levelRows(l, end);
  }

  protected solveRowModes(row: number): RowModes {
    return factorizerRowModes(this.cp, this.blocks, this.fz, row);
  }

  /** Rows of X two at a time (factorizerRowModesPair); y's (kept from the solve, or alone) one at a time. */
  protected override solveRowModesOf(rows: readonly number[]): RowModes[] {
    const y = this.cp.m - 1;
    const x = rows.filter((r) => r !== y);
    const solved = new Map<number, RowModes>();
    for (let i = 0; i + 1 < x.length; i += 2) {
      const [a, b] = factorizerRowModesPair(this.cp, this.blocks, this.fz, x[i], x[i + 1]);
      solved.set(x[i], a).set(x[i + 1], b);
    }
    return rows.map((r) => solved.get(r) ?? this.solveRowModes(r));
  }

  inverseBlockSums(): Float64Array[] | undefined {
    this.check(true);
    return inverseBlockSums(this.cp, this.blocks, this.fz, this.T);
  }

  solve(): PlsSolution {
    this.check(true);
    // the solve's y modes are rowModes(m − 1)'s, the same sums in the same order: the df's derivatives reuse them
    return solveFactored(this.design, this.cp, this.blocks, this.fz, this.T, (modes) => this.keepRowModes(this.cp.m - 1, modes));
  }

  conditionalVariances(sigma: number, pls: PlsSolution): Float64Array[] | undefined {
    this.check(true);
    return conditionalVariances(this.cp, this.blocks, this.fz, pls.levelRows, this.T, sigma);
  }
}

/** Nested blocks eliminated supernode by supernode, the rest dense (supernodal.ts). Always complete. */
export class SupernodalFactor extends LmmFactor {
  constructor(
    design: MixedDesign,
    blocks: readonly ReBlock[],
    private readonly sn: SupernodalFactorizer,
    theta: ArrayLike<number>,
    stamp: FactorStamp,
  ) {
    super(design, blocks, theta, sn.parts(), true, stamp);
  }

  rest(): DenseRest {
    this.check();
    return { L: this.sn.denseRest, m: this.sn.m, qRest: this.sn.qRest };
  }

  protected solveRowModes(row: number): RowModes {
    return this.sn.solveRow(row);
  }

  protected override solveRowModesOf(rows: readonly number[]): RowModes[] {
    return this.sn.solveRows(rows);
  }

  inverseBlockSums(): Float64Array[] | undefined {
    this.check();
    return this.sn.inverseBlockSums();
  }

  solve(): PlsSolution {
    this.check();
    const { u, beta, L } = this.sn.solve(this.design.p);
    // no level rows: the supernodal conditional variances come from its own selected inversion
    return { ...finishSolution(this.design, this.blocks, this.T, u, beta, L, this.sn.m, this.sn.qRest), levelRows: [] };
  }

  conditionalVariances(sigma: number): Float64Array[] | undefined {
    this.check();
    return this.sn.conditionalVariances(this.T, sigma);
  }
}
