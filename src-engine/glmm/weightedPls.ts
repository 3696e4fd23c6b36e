/**
 * One PIRLS step is a weighted penalized least-squares problem: minimise
 *   Σᵢ Wᵢ (zᵢ − Xᵢβ − (ZΛu)ᵢ)² + ‖u‖²
 * for a working response z and working weights W. It is exactly the LMM's PLS system, so it is solved
 * by the LMM's blocked factorization: the sparsity pattern is fixed by the grouping factors, and each
 * iteration only rewrites the crossproducts' values (in place: reweightedCrossproducts.ts). With
 * `withX` false, β is held fixed (the Laplace stage: u only); with it, β is solved jointly (lme4's
 * nAGQ = 0).
 *
 * A solve computes only what every PIRLS iteration needs (ũ, β̂, log|L|²). (R_XᵀR_X)⁻¹ is worked out
 * when first read, from a copy of the small L_XX block taken at the solve; the level rows (for
 * conditional variances) are read from the factorizer, so only for the latest solve.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { conditionalVariances } from '../lmm/condVar';
import { type ReBlock, templatesFromTheta } from '../lmm/reBlocks';
import { plsModes, plsModesLength, unscaledVcovFromFactor } from '../lmm/solve';
import { Factorizer } from '../lmm/updateL';
import { type PlsSetup } from './plsSetups';
import { ReweightedCrossproducts } from './reweightedCrossproducts';

export interface WeightedPlsSolution {
  /** u per block, level-major. */
  readonly u: Float64Array[];
  /** β (empty without X). */
  readonly beta: Float64Array;
  /** log|ΛᵀZᵀWZΛ + I| (twice the log-determinant of L_θ). */
  readonly ldL2: number;
  /** log|R_X|² (0 without X). */
  readonly ldRX2: number;
  /** (R_XᵀR_X)⁻¹, p×p (empty without X). */
  readonly unscaledVcov: Float64Array;
  /** The rows of L below block 0 (conditional variances need them); readable for the latest solve only. */
  readonly levelRows: readonly Float64Array[];
}

/** A solve's results; the covariance of β̂ and the level rows are formed on first reading. */
class Solution implements WeightedPlsSolution {
  private vcov: Float64Array | undefined;
  private rows: Float64Array[] | undefined;

  constructor(
    readonly u: Float64Array[],
    readonly beta: Float64Array,
    readonly ldL2: number,
    readonly ldRX2: number,
    /** L_XX (p×p, column-major lower) at the solve. */
    private readonly lxx: Float64Array,
    private readonly owner: WeightedPls,
    private readonly generation: number,
  ) {}

  get unscaledVcov(): Float64Array {
    const p = this.beta.length;
    return (this.vcov ??= unscaledVcovFromFactor(this.lxx, 0, p, p));
  }

  get levelRows(): readonly Float64Array[] {
    if (this.rows) return this.rows;
    if (this.generation !== this.owner.generation) throw new Error('WeightedPls: the level rows of a superseded solve are gone (read them before the next solve).');
    this.rows = this.owner.copyLevelRows();
    return this.rows;
  }
}

/**
 * Fresh arrays for solve results, cut from large blocks: allocating a typed array costs more than a
 * small solve (its memory lives outside V8's heap), a view on a block far less. A block is never
 * reused; it is freed when no view on it is left.
 */
class Slab {
  private block = new Float64Array(0);
  private used = 0;

  take(n: number): Float64Array {
    if (this.used + n > this.block.length) {
      // room for 64 solves, at most 512 KiB: a small model's fit would spend more on zeroing a big block than on its solves
      this.block = new Float64Array(Math.max(n, Math.min(64 * n, 1 << 16)));
      this.used = 0;
    }
    const out = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return out;
  }
}

export class WeightedPls {
  private readonly base: MixedDesign;
  private readonly slab = new Slab();
  /** The crossproduct plan and the factorizer, built at the first solve (or kept from a batch's earlier unit: plsSetups.ts). */
  private readonly setup: PlsSetup;
  private get rcp(): ReweightedCrossproducts | undefined {
    return this.setup.rcp;
  }
  private get fz(): Factorizer | undefined {
    return this.setup.fz;
  }
  /** Its set-up: one per solver, or shared by a batch's units with one design pattern (PIRLS keeps its working arrays under it). */
  get setupKey(): object {
    return this.setup;
  }
  /** Counts solves: a solution's level rows are the factorizer's only while this has not moved on. */
  generation = 0;
  /** The factorizer of the last solve: block 0's diagonal factors L₁₁ (AGQ reads them). */
  get factorizer(): Factorizer | undefined {
    return this.fz;
  }

  constructor(
    design: MixedDesign,
    readonly blocks: readonly ReBlock[],
    readonly withX: boolean,
    setup: PlsSetup = {},
  ) {
    this.setup = setup;
    this.base = withX ? { ...design, offset: undefined } : { ...design, X: new Float64Array(0), p: 0, fixedNames: [], offset: undefined };
  }

  /** lme4's condVar of b (σ = 1) from the last solve at θ; undefined when too costly. */
  conditionalVariances(theta: Float64Array | readonly number[], last: WeightedPlsSolution): Float64Array[] | undefined {
    if (!this.rcp || !this.fz) return undefined;
    return conditionalVariances(this.rcp.cp, this.blocks, this.fz, last.levelRows, templatesFromTheta(this.blocks, theta), 1);
  }

  /** Solve at θ for working response z and weights W; undefined if the factorization fails. */
  solve(theta: Float64Array | readonly number[], z: Float64Array, W: Float64Array): WeightedPlsSolution | undefined {
    if (!this.rcp || !this.fz) {
      // the factorizer reads structural zeros once (from unit weights); the values are rewritten below
      const rcp = new ReweightedCrossproducts(this.base, this.blocks);
      this.setup.rcp = rcp;
      this.setup.fz = new Factorizer(rcp.cp, this.blocks, true);
    }
    this.generation++;
    const rcp = this.rcp!;
    const fz = this.fz!;
    rcp.update(W, z);
    const f = fz.factor(theta, true);
    if (!f.ok) return undefined;
    // one array per solve for everything it returns: u, β (views) and a copy of L_XX
    const { m, qRest, p } = rcp.cp;
    const len = plsModesLength(rcp.cp, this.blocks);
    const buf = this.slab.take(len + p * p);
    const { beta, u } = plsModes(rcp.cp, this.blocks, fz, f.Lrr, buf);
    const parts = fz.parts();
    const lxx = buf.subarray(len);
    for (let c = 0; c < p; c++) for (let r = c; r < p; r++) lxx[c * p + r] = f.Lrr[(qRest + c) * m + qRest + r];
    return new Solution(u, beta, parts.ldL2, parts.ldRX2, lxx, this, this.generation);
  }

  /** A copy of the factorizer's level rows B_l, viewed per level of block 0. */
  copyLevelRows(): Float64Array[] {
    const fz = this.fz!;
    const { patStart } = this.rcp!.cp;
    const S0 = this.blocks[0].S;
    const nl = this.blocks[0].nl;
    const all = fz.levelRows(0, nl).slice();
    return Array.from({ length: nl }, (_, l) => all.subarray(patStart[l] * S0, patStart[l + 1] * S0));
  }
}
