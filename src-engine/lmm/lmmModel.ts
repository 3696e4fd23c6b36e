/**
 * A linear mixed model ready to be optimised: the design, its random-effects blocks, the fixed
 * crossproducts and a reusable factorizer. `objective(θ)` is lme4's profiled deviance or REML criterion.
 * Nested designs get a supernodal factorization, others the block-0 + dense-rest one; factorAt(θ)
 * gives the factorization at θ as a value (lmmFactor.ts), which the objective, the fit and inference
 * all read, so every number at θ comes from one factorization.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { computeCrossproducts, type Crossproducts } from './crossproducts';
import { profiledCriterion } from './objective';
import { buildReBlocks, type ReBlock, type ThetaLayout } from './reBlocks';
import { chooseSupernodal, type SupernodalFactorizer } from './supernodal';
import { BlockFactor, FactorStamp, type LmmFactor, SupernodalFactor } from './lmmFactor';
import { Factorizer } from './updateL';

export class LmmModel {
  readonly blocks: ReBlock[];
  readonly thetaLayout: ThetaLayout;
  private cpCache: Crossproducts | undefined;
  private factorizerCache: Factorizer | undefined;
  /** Counts factorizations, so a factor knows whether the factorizer still holds it. */
  private readonly stamp = new FactorStamp();
  private last: LmmFactor | undefined;
  /** For nested designs: a faster factorization used by objective() (see supernodal.ts). */
  private readonly supernodal: SupernodalFactorizer | undefined;
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

  /**
   * Whether θ is factored supernode by supernode (nested designs): then the block-0 crossproducts
   * (`cp`) and the normal equations built from them are not formed at all.
   */
  get supernodalPath(): boolean {
    return this.supernodal !== undefined;
  }

  get cp(): Crossproducts {
    return (this.cpCache ??= computeCrossproducts(this.design, this.blocks));
  }

  /** The block-0 + dense-rest factorizer (built on first use; never for a supernodal model). */
  private get factorizer(): Factorizer {
    return (this.factorizerCache ??= new Factorizer(this.cp, this.blocks));
  }

  /** log|W| of the prior weights (0 without them), from whichever factorization built its crossproducts. */
  get logDetW(): number {
    return this.supernodal ? this.supernodal.logDetWeights : this.cp.logDetW;
  }

  /** The order of the dense rest's random-effects part (what an inverse of the rest costs). */
  get qRest(): number {
    return this.supernodal ? this.supernodal.qRest : this.cp.qRest;
  }

  /**
   * The factorization at θ (lmmFactor.ts) by the objective's path; null where it fails (θ outside the
   * feasible region or X rank-deficient). `complete` false: only what the criterion and the dense
   * rest need (the block-0 path then skips forming block 0's level rows where it can). The last
   * factorization is reused when it was at the same θ and is what is asked for, as after objective(θ)
   * on the supernodal path (whose factorizations are always complete).
   */
  factorAt(theta: ArrayLike<number>, complete = true): LmmFactor | null {
    const last = this.last;
    if (last?.current && (last.complete === complete || this.supernodal) && sameTheta(last.theta, theta)) return last;
    this.stamp.count++;
    this.last = undefined;
    const sn = this.supernodal;
    const th = theta as Float64Array | readonly number[];
    if (sn) {
      if (!sn.factor(th).ok) return null;
      return (this.last = new SupernodalFactor(this.design, this.blocks, sn, theta, this.stamp));
    }
    const fz = this.factorizer;
    if (!fz.factor(th, complete).ok) return null;
    return (this.last = new BlockFactor(this.design, this.blocks, this.cp, fz, theta, complete, this.stamp));
  }

  /** The criterion at θ; +Infinity where the factorization fails. */
  objective(theta: Float64Array | readonly number[], reml = this.reml): number {
    this.evaluations++;
    const f = this.factorAt(theta, false);
    if (!f) return Infinity;
    const v = profiledCriterion(f, this.design.n, this.design.p, reml, this.logDetW);
    return Number.isFinite(v) ? v : Infinity;
  }
}

function sameTheta(a: Float64Array, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
