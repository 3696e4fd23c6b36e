/**
 * One PIRLS step is a weighted penalized least-squares problem: minimise
 *   Σᵢ Wᵢ (zᵢ − Xᵢβ − (ZΛu)ᵢ)² + ‖u‖²
 * for a working response z and working weights W. It is exactly the LMM's PLS system, so it is solved
 * by the LMM's blocked factorization: the sparsity pattern is fixed by the grouping factors, and each
 * iteration only rewrites the crossproducts' values. With `withX` false, β is held fixed (the Laplace
 * stage: u only); with it, β is solved jointly (lme4's nAGQ = 0).
 */
import { type MixedDesign } from '../design/mixedDesign';
import { computeCrossproducts, type Crossproducts } from '../lmm/crossproducts';
import { conditionalSds } from '../lmm/condVar';
import { type ReBlock, templatesFromTheta } from '../lmm/reBlocks';
import { solvePls } from '../lmm/solve';
import { Factorizer } from '../lmm/updateL';

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
  /** The rows of L below block 0 (conditional variances need them). */
  readonly levelRows: readonly Float64Array[];
}

export class WeightedPls {
  private readonly base: MixedDesign;
  private cp: Crossproducts | undefined;
  private fz: Factorizer | undefined;
  /** The factorizer of the last solve: block 0's diagonal factors L₁₁ (AGQ reads them). */
  get factorizer(): Factorizer | undefined {
    return this.fz;
  }

  constructor(
    design: MixedDesign,
    readonly blocks: readonly ReBlock[],
    readonly withX: boolean,
  ) {
    this.base = withX ? { ...design, offset: undefined } : { ...design, X: new Float64Array(0), p: 0, fixedNames: [], offset: undefined };
  }

  /** Conditional SDs of b (lme4's condVar, σ = 1) from the last solve at θ; undefined when too costly. */
  conditionalSds(theta: Float64Array | readonly number[], last: WeightedPlsSolution): Float64Array[] | undefined {
    if (!this.cp || !this.fz) return undefined;
    return conditionalSds(this.cp, this.blocks, this.fz, last.levelRows, templatesFromTheta(this.blocks, theta), 1);
  }

  /** Solve at θ for working response z and weights W; undefined if the factorization fails. */
  solve(theta: Float64Array | readonly number[], z: Float64Array, W: Float64Array): WeightedPlsSolution | undefined {
    const design: MixedDesign = { ...this.base, y: z, weights: W };
    const fresh = computeCrossproducts(design, this.blocks);
    if (!this.cp || !this.fz) {
      // the factorizer reads structural zeros once: build it from unit weights, then copy values in
      this.cp = computeCrossproducts({ ...design, weights: undefined }, this.blocks);
      this.fz = new Factorizer(this.cp, this.blocks, true);
    }
    this.cp.A11.set(fresh.A11);
    this.cp.A1rValues.set(fresh.A1rValues);
    this.cp.Arr.set(fresh.Arr);
    let pls;
    try {
      pls = solvePls(design, this.cp, this.blocks, this.fz, Float64Array.from(theta));
    } catch {
      return undefined;
    }
    const parts = this.fz.parts();
    return { u: pls.u, beta: pls.beta, ldL2: parts.ldL2, ldRX2: parts.ldRX2, unscaledVcov: pls.unscaledVcov, levelRows: pls.levelRows };
  }
}
