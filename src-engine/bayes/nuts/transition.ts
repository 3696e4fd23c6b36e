/**
 * One NUTS transition as Stan's base_nuts::transition: the trajectory doubles in a random direction
 * until the generalized no-U-turn criterion fails (on the merged tree and, since Stan 2.2x, on the
 * two spans that straddle the subtrees' junction), a subtree is invalid (a divergence or a U-turn
 * inside it; its states are never sampled) or the depth reaches maxDepth. The draw is multinomial:
 * uniform progressive sampling inside subtrees, biased progressive sampling (towards the new subtree)
 * at the top. Every vector lives in a workspace made once per chain, so a transition allocates nothing.
 */
import { type LogDensity } from '../logDensity';
import { type PhasePoint, copyPhasePoint, newPhasePoint } from './phasePoint';
import { hamiltonian, pSharp, sampleMomentum } from './diagMetric';
import { leapfrog } from './leapfrog';
import { logSumExp } from './logSumExp';

/** Stan's sampler parameters for one iteration (accept_stat__, treedepth__, …). */
export interface TransitionStats {
  acceptStat: number;
  treedepth: number;
  nLeapfrog: number;
  divergent: boolean;
  /** H at the returned state (energy__). */
  energy: number;
}

/** The scratch vectors one recursion level of build_tree needs. */
interface Level {
  pInitEnd: Float64Array;
  pSharpInitEnd: Float64Array;
  rhoInit: Float64Array;
  zProposeFinal: PhasePoint;
  pFinalBeg: Float64Array;
  pSharpFinalBeg: Float64Array;
  rhoFinal: Float64Array;
  rhoSubtree: Float64Array;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** ρ·p♯ at both ends positive: the (sub)trajectory has not turned back on itself. */
function criterion(pSharpMinus: Float64Array, pSharpPlus: Float64Array, rho: Float64Array): boolean {
  return dot(pSharpPlus, rho) > 0 && dot(pSharpMinus, rho) > 0;
}

/** The same test on ρ + p, summed elementwise as Stan forms rho_extended, without a scratch vector. */
function criterionExtended(pSharpMinus: Float64Array, pSharpPlus: Float64Array, rho: Float64Array, p: Float64Array): boolean {
  let plus = 0;
  let minus = 0;
  for (let i = 0; i < p.length; i++) {
    const r = rho[i] + p[i];
    plus += pSharpPlus[i] * r;
    minus += pSharpMinus[i] * r;
  }
  return plus > 0 && minus > 0;
}

export class NutsTransition {
  /** The current state; after transition(), the sampled one. */
  readonly z: PhasePoint;
  epsilon = 1;
  maxDepth: number;
  maxDeltaH: number;
  readonly invMetric: Float64Array;

  private readonly zFwd: PhasePoint;
  private readonly zBck: PhasePoint;
  private readonly zSample: PhasePoint;
  private readonly zPropose: PhasePoint;
  private readonly pFwdFwd: Float64Array;
  private readonly pSharpFwdFwd: Float64Array;
  private readonly pFwdBck: Float64Array;
  private readonly pSharpFwdBck: Float64Array;
  private readonly pBckFwd: Float64Array;
  private readonly pSharpBckFwd: Float64Array;
  private readonly pBckBck: Float64Array;
  private readonly pSharpBckBck: Float64Array;
  private readonly rho: Float64Array;
  private readonly rhoFwd: Float64Array;
  private readonly rhoBck: Float64Array;
  private readonly levels: Level[];

  // per-transition accumulators shared by the recursion (Stan passes them by reference)
  private nLeapfrog = 0;
  private sumMetroProb = 0;
  private divergent = false;
  private H0 = 0;
  /** log Σ weights of the subtree the last build_tree call made. */
  private subtreeLogWeight = -Infinity;

  constructor(
    private readonly model: LogDensity,
    private readonly uniform: () => number,
    private readonly normal: () => number,
    options: { maxDepth: number; maxDeltaH: number },
  ) {
    const d = model.dim;
    const v = () => new Float64Array(d);
    this.z = newPhasePoint(d);
    this.zFwd = newPhasePoint(d);
    this.zBck = newPhasePoint(d);
    this.zSample = newPhasePoint(d);
    this.zPropose = newPhasePoint(d);
    this.pFwdFwd = v();
    this.pSharpFwdFwd = v();
    this.pFwdBck = v();
    this.pSharpFwdBck = v();
    this.pBckFwd = v();
    this.pSharpBckFwd = v();
    this.pBckBck = v();
    this.pSharpBckBck = v();
    this.rho = v();
    this.rhoFwd = v();
    this.rhoBck = v();
    this.invMetric = v().fill(1);
    this.maxDepth = options.maxDepth;
    this.maxDeltaH = options.maxDeltaH;
    this.levels = Array.from({ length: Math.max(1, options.maxDepth) }, () => ({
      pInitEnd: v(),
      pSharpInitEnd: v(),
      rhoInit: v(),
      zProposeFinal: newPhasePoint(d),
      pFinalBeg: v(),
      pSharpFinalBeg: v(),
      rhoFinal: v(),
      rhoSubtree: v(),
    }));
  }

  /** The sampler parameters of the last transition (one object, overwritten each time). */
  readonly stats: TransitionStats = { acceptStat: NaN, treedepth: 0, nLeapfrog: 0, divergent: false, energy: NaN };

  /** One transition from this.z (whose lp and grad must be current); leaves the draw in this.z. */
  transition(): TransitionStats {
    const z = this.z;
    const invMetric = this.invMetric;
    sampleMomentum(z.p, invMetric, this.normal);
    copyPhasePoint(this.zFwd, z);
    copyPhasePoint(this.zBck, z);
    copyPhasePoint(this.zSample, z);
    copyPhasePoint(this.zPropose, z);

    this.pFwdFwd.set(z.p);
    pSharp(z.p, invMetric, this.pSharpFwdFwd);
    this.pFwdBck.set(z.p);
    this.pSharpFwdBck.set(this.pSharpFwdFwd);
    this.pBckFwd.set(z.p);
    this.pSharpBckFwd.set(this.pSharpFwdFwd);
    this.pBckBck.set(z.p);
    this.pSharpBckBck.set(this.pSharpFwdFwd);
    const rho = this.rho;
    rho.set(z.p);

    let logSumWeight = 0; // log(exp(H0 − H0))
    this.H0 = hamiltonian(z, invMetric);
    this.nLeapfrog = 0;
    this.sumMetroProb = 0;
    this.divergent = false;
    let depth = 0;

    while (depth < this.maxDepth) {
      const rhoFwd = this.rhoFwd.fill(0);
      const rhoBck = this.rhoBck.fill(0);
      let valid: boolean;
      if (this.uniform() > 0.5) {
        // extend forward from the forward end
        copyPhasePoint(z, this.zFwd);
        rhoBck.set(rho);
        // the old trajectory becomes the backward subtree; its forward end is the old forward end
        this.pBckFwd.set(this.pFwdFwd);
        this.pSharpBckFwd.set(this.pSharpFwdFwd);
        valid = this.buildTree(depth, this.zPropose, this.pSharpFwdBck, this.pSharpFwdFwd, rhoFwd, this.pFwdBck, this.pFwdFwd, 1);
        copyPhasePoint(this.zFwd, z);
      } else {
        copyPhasePoint(z, this.zBck);
        rhoFwd.set(rho);
        // the old trajectory becomes the forward subtree; its backward end is the old backward end
        this.pFwdBck.set(this.pBckBck);
        this.pSharpFwdBck.set(this.pSharpBckBck);
        valid = this.buildTree(depth, this.zPropose, this.pSharpBckFwd, this.pSharpBckBck, rhoBck, this.pBckFwd, this.pBckBck, -1);
        copyPhasePoint(this.zBck, z);
      }
      if (!valid) break;
      depth++;

      // biased progressive sampling: move to the new subtree with probability min(1, w_new / w_old)
      const logWeightSubtree = this.subtreeLogWeight;
      if (logWeightSubtree > logSumWeight) {
        copyPhasePoint(this.zSample, this.zPropose);
      } else if (this.uniform() < Math.exp(logWeightSubtree - logSumWeight)) {
        copyPhasePoint(this.zSample, this.zPropose);
      }
      logSumWeight = logSumExp(logSumWeight, logWeightSubtree);

      for (let i = 0; i < rho.length; i++) rho[i] = rhoBck[i] + rhoFwd[i];
      // the merged trajectory, then the two spans across the junction of the old and new parts
      let persist = criterion(this.pSharpBckBck, this.pSharpFwdFwd, rho);
      persist = persist && criterionExtended(this.pSharpBckBck, this.pSharpFwdBck, rhoBck, this.pFwdBck);
      persist = persist && criterionExtended(this.pSharpBckFwd, this.pSharpFwdFwd, rhoFwd, this.pBckFwd);
      if (!persist) break;
    }

    // averaged over every leapfrog state built, including those of a rejected last subtree
    const stats = this.stats;
    stats.acceptStat = this.sumMetroProb / this.nLeapfrog;
    copyPhasePoint(z, this.zSample);
    stats.treedepth = depth;
    stats.nLeapfrog = this.nLeapfrog;
    stats.divergent = this.divergent;
    stats.energy = hamiltonian(z, invMetric);
    return stats;
  }

  /**
   * Stan's build_tree: 2^depth leapfrog steps from this.z in direction `sign`; adds the subtree's
   * momentum sum to rho, writes its end momenta (and p♯), its multinomial proposal, and its log
   * weight (this.subtreeLogWeight). Returns false on a divergence or a U-turn inside the subtree.
   */
  private buildTree(
    depth: number,
    zPropose: PhasePoint,
    pSharpBeg: Float64Array,
    pSharpEnd: Float64Array,
    rho: Float64Array,
    pBeg: Float64Array,
    pEnd: Float64Array,
    sign: number,
  ): boolean {
    const z = this.z;
    if (depth === 0) {
      leapfrog(this.model, z, this.invMetric, sign * this.epsilon);
      this.nLeapfrog++;
      const h = hamiltonian(z, this.invMetric);
      if (h - this.H0 > this.maxDeltaH) this.divergent = true;
      this.subtreeLogWeight = this.H0 - h;
      this.sumMetroProb += this.H0 - h > 0 ? 1 : Math.exp(this.H0 - h);
      copyPhasePoint(zPropose, z);
      pSharp(z.p, this.invMetric, pSharpBeg);
      pSharpEnd.set(pSharpBeg);
      for (let i = 0; i < rho.length; i++) rho[i] += z.p[i];
      pBeg.set(z.p);
      pEnd.set(z.p);
      return !this.divergent;
    }

    const L = this.levels[depth - 1];
    L.rhoInit.fill(0);
    if (!this.buildTree(depth - 1, zPropose, pSharpBeg, L.pSharpInitEnd, L.rhoInit, pBeg, L.pInitEnd, sign)) return false;
    const logWeightInit = this.subtreeLogWeight;

    copyPhasePoint(L.zProposeFinal, z);
    L.rhoFinal.fill(0);
    if (!this.buildTree(depth - 1, L.zProposeFinal, L.pSharpFinalBeg, pSharpEnd, L.rhoFinal, L.pFinalBeg, pEnd, sign)) return false;
    const logWeightFinal = this.subtreeLogWeight;

    // uniform progressive sampling: the final half's proposal with probability w_final / w_subtree
    const logWeightSubtree = logSumExp(logWeightInit, logWeightFinal);
    this.subtreeLogWeight = logWeightSubtree;
    if (logWeightFinal > logWeightSubtree) {
      copyPhasePoint(zPropose, L.zProposeFinal);
    } else if (this.uniform() < Math.exp(logWeightFinal - logWeightSubtree)) {
      copyPhasePoint(zPropose, L.zProposeFinal);
    }

    const rhoSub = L.rhoSubtree;
    for (let i = 0; i < rho.length; i++) {
      rhoSub[i] = L.rhoInit[i] + L.rhoFinal[i];
      rho[i] += rhoSub[i];
    }
    let persist = criterion(pSharpBeg, pSharpEnd, rhoSub);
    persist = persist && criterionExtended(pSharpBeg, L.pSharpFinalBeg, L.rhoInit, L.pFinalBeg);
    persist = persist && criterionExtended(L.pSharpInitEnd, pSharpEnd, L.rhoFinal, L.pInitEnd);
    return persist;
  }
}

