/**
 * A linear mixed model ready to be optimised: the design, its random-effects blocks, the fixed
 * crossproducts and a reusable factorizer. `objective(θ)` is lme4's profiled deviance or REML criterion.
 * Nested designs get a supernodal factorization for the objective; the block-0 + dense-rest
 * crossproducts and factorizer (which inference code reads directly) are then built only on first use.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { computeCrossproducts, type Crossproducts } from './crossproducts';
import { profiledCriterion } from './objective';
import { buildReBlocks, type ReBlock, type ThetaLayout } from './reBlocks';
import { chooseSupernodal, type SupernodalFactorizer } from './supernodal';
import { Factorizer, type FactorParts } from './updateL';

export class LmmModel {
  readonly blocks: ReBlock[];
  readonly thetaLayout: ThetaLayout;
  private cpCache: Crossproducts | undefined;
  private factorizerCache: Factorizer | undefined;
  /** For nested designs: a faster factorization used by objective() (see supernodal.ts). */
  readonly supernodal: SupernodalFactorizer | undefined;
  evaluations = 0;

  constructor(
    readonly design: MixedDesign,
    readonly reml: boolean,
  ) {
    const { blocks, theta } = buildReBlocks(design);
    this.blocks = blocks;
    this.thetaLayout = theta;
    this.supernodal = chooseSupernodal(design, blocks);
  }

  get cp(): Crossproducts {
    return (this.cpCache ??= computeCrossproducts(this.design, this.blocks));
  }

  get factorizer(): Factorizer {
    return (this.factorizerCache ??= new Factorizer(this.cp, this.blocks));
  }

  /** log|W| of the prior weights (0 without them), from whichever factorization built its crossproducts. */
  get logDetW(): number {
    return this.supernodal ? this.supernodal.logDetWeights : this.cp.logDetW;
  }

  /** The criterion at θ; +Infinity where the factorization fails. */
  objective(theta: Float64Array | readonly number[], reml = this.reml): number {
    this.evaluations++;
    const sn = this.supernodal;
    const f = sn ?? this.factorizer;
    if (!f.factor(theta).ok) return Infinity;
    const v = profiledCriterion(f.parts(), this.design.n, this.design.p, reml, this.logDetW);
    return Number.isFinite(v) ? v : Infinity;
  }

  /**
   * log|L|², log|R_X|², r² at θ by the objective's factorization (the supernodal one for nested
   * designs, so inference on a large nested model never builds the dense rest); null where it fails.
   */
  factorParts(theta: Float64Array | readonly number[]): FactorParts | null {
    const f = this.supernodal ?? this.factorizer;
    return f.factor(theta).ok ? f.parts() : null;
  }

  /**
   * Factor at θ by the objective's factorization and return its dense rest: lower, column-major m×m,
   * with the X block at rows and columns [qRest, qRest + p) (L_XX = R_Xᵀ); undefined where it fails.
   */
  denseRestAt(theta: Float64Array | readonly number[]): { L: Float64Array; m: number; qRest: number } | undefined {
    const sn = this.supernodal;
    if (sn) return sn.factor(theta).ok ? { L: sn.denseRest, m: sn.m, qRest: sn.qRest } : undefined;
    const f = this.factorizer.factor(theta);
    return f.ok ? { L: f.Lrr, m: this.cp.m, qRest: this.cp.qRest } : undefined;
  }

  /**
   * Leave the factorization at θ (after inference that factored elsewhere); a full one (level rows
   * formed), which the solve at θ̂ and the exact df have usually left already.
   */
  refactorAt(theta: Float64Array | readonly number[]): void {
    if (this.supernodal) this.supernodal.factor(theta);
    else this.factorizer.factor(theta, true);
  }

  /** log|L|², log|R_X|², r² at θ. */
  parts(theta: Float64Array | readonly number[]) {
    this.factorizer.factor(theta);
    return this.factorizer.parts();
  }
}
