/**
 * A GLMM ready to be optimised: the design, its family and response, the random-effects blocks, and
 * lme4's three objectives — all on lme4's scale, so each equals what lme4's devfun returns:
 *   nAGQ = 0:  f(θ)    = log|L|² + ‖ũ‖² + aic(μ̃)      with (β̂, ũ) from PIRLS at θ
 *   nAGQ = 1:  f(θ, β) = log|L|² + ‖ũ‖² + aic(μ̃)      (the Laplace approximation)
 *   nAGQ > 1:  f(θ, β) = Σ_j d_j(ũ_j) + log|L|² − 2 Σ_j log Σ_k w_k exp(z_k²/2 − ½[d_j(ũ_j + z_k s_j) − d_j(ũ_j)])
 * where aic is −2 log p(y | μ) with its constants and d_j sums level j's deviance residuals plus u_j²
 * (lme4 issues 161/567: AGQ's scale omits the saturated log-likelihood; docs/glmm.md).
 */
import { type MixedDesign } from '../design/mixedDesign';
import { buildReBlocks, type ReBlock, type ThetaLayout } from '../lmm/reBlocks';
import { aicMinusDeviance } from './aicTerms';
import { type Family, type GlmResponse } from './family';
import { ghRule } from './ghRule';
import { ModePredictor } from './modePredictor';
import { hasLaplaceGradient, LaplaceGradient, MAX_REST } from './laplaceGradient';
import { separationCheck } from './separation';
import { linearPredictor, pirls, type PirlsResult } from './pirls';
import { type PlsSetups } from './plsSetups';
import { WeightedPls } from './weightedPls';

const PREDICTED_LINKS = new Set(['logit', 'probit', 'cloglog', 'cauchit', 'log', 'identity']);

export class GlmmModel {
  readonly blocks: ReBlock[];
  readonly thetaLayout: ThetaLayout;
  private readonly uOnly: WeightedPls;
  private readonly joint: WeightedPls;
  /** The last modes found: the next PIRLS starts there (the result does not depend on it: see pirls.ts). */
  private warmU: Float64Array[];
  /** β of the last nAGQ = 0 evaluation (the joint PIRLS starts there). */
  private warmBeta: Float64Array;
  /** Warm starts predicted from earlier modes (modePredictor.ts): ũ from (θ, β), and (β̂, ũ) from θ. */
  private readonly predictU: ModePredictor;
  private readonly predictJoint: ModePredictor;
  /** aic(μ) − Σ devres(μ), constant for binomial and Poisson (aicTerms.ts); undefined otherwise. */
  private readonly aicShift: number | undefined;
  /** Predict only where the modes are unique (below); otherwise start at the last modes. */
  private readonly predicting: boolean;
  /** Length of ũ (all blocks), and room for a flattened (β, ũ). */
  private readonly nu: number;
  private readonly flat: Float64Array;
  evaluations = 0;
  /** Whether the Laplace objective has its exact gradient (laplaceGradient.ts): canonical link, no separation, a small rest. */
  readonly hasGradient: boolean;
  private gradientOf: LaplaceGradient | undefined;
  /** The last Laplace evaluation: the gradient there reuses its modes and factorization. */
  private lastLaplace: { par: Float64Array; r: PirlsResult } | undefined;

  constructor(
    readonly design: MixedDesign,
    readonly family: Family,
    readonly resp: GlmResponse,
    beta0: Float64Array,
    setups?: PlsSetups,
  ) {
    const kept = setups?.for(design);
    // the blocks depend on the design's pattern only (X and the terms): a batch's units share them
    const { blocks, theta } = kept ? (kept.reBlocks ??= buildReBlocks(design)) : buildReBlocks(design);
    this.blocks = blocks;
    this.thetaLayout = theta;
    this.uOnly = new WeightedPls(design, blocks, false, kept?.uOnly);
    this.joint = new WeightedPls(design, blocks, true, kept?.joint);
    this.warmU = blocks.map((b) => new Float64Array(b.nl * b.S));
    this.warmBeta = beta0.slice();
    this.nu = blocks.reduce((a, b) => a + b.nl * b.S, 0);
    const p = design.p;
    this.predictU = new ModePredictor(theta.size + p, this.nu);
    this.predictJoint = new ModePredictor(theta.size, p + this.nu);
    this.flat = new Float64Array(p + this.nu);
    this.aicShift = aicMinusDeviance(family.name, resp);
    // links defined for every η: the penalized deviance has one mode in u. Under sqrt, inverse and
    // 1/mu^2 an η past the link's range folds back and PIRLS can reach another mode from another start
    // (salamanders_sqrt), so there the starts stay as they were. Under separation the modes run off
    // towards ±∞ and an affine prediction would extrapolate the run (where the fit stops moves).
    this.predicting = PREDICTED_LINKS.has(family.link.name) && separationCheck(design, resp.y, resp.weights, family.name) === null;
    const qRest = blocks.slice(1).reduce((a, b) => a + b.nl * b.S, 0);
    this.hasGradient = this.predicting && hasLaplaceGradient(family) && qRest <= MAX_REST;
  }

  /** (β, ũ) → flat[0 … p), flat[p …) (β may be empty). */
  private flatten(beta: Float64Array, u: readonly Float64Array[]): Float64Array {
    const out = this.flat.subarray(0, beta.length + this.nu);
    out.set(beta);
    let o = beta.length;
    for (const uk of u) {
      out.set(uk, o);
      o += uk.length;
    }
    return out;
  }

  /** flat → fresh (β, ũ) arrays. */
  private unflatten(flat: Float64Array, p: number): { beta: Float64Array; u: Float64Array[] } {
    let o = p;
    const u = this.blocks.map((b) => {
      const len = b.nl * b.S;
      const uk = flat.slice(o, o + len);
      o += len;
      return uk;
    });
    return { beta: flat.slice(0, p), u };
  }

  get nTheta(): number {
    return this.thetaLayout.size;
  }

  /** True when AGQ applies: a single random-effects term with one coefficient (lme4's rule). */
  get agqAllowed(): boolean {
    return this.design.reterms.length === 1 && this.blocks.length === 1 && this.blocks[0].S === 1;
  }

  /** PIRLS for (β̂, ũ) at θ (nAGQ = 0). */
  modesJoint(theta: Float64Array | readonly number[], stepTol?: number): PirlsResult | undefined {
    // stage 1 only steers stage 2's start: stop at the joint system's rounding noise (pirls.ts)
    const prob = { ...this.problem(this.joint), stopAtNoise: true, stepTol };
    const p = this.design.p;
    const buf = this.flat.subarray(0, p + this.nu);
    let r: PirlsResult | undefined;
    if (this.predicting && this.predictJoint.predict(theta, buf)) {
      const start = this.unflatten(buf, p);
      r = pirls(prob, theta, start.beta, start.u);
    }
    r ??= pirls(prob, theta, this.warmBeta, this.warmU);
    if (r) {
      this.warmU = r.u;
      this.warmBeta = r.beta;
      if (this.predicting) this.predictJoint.record(theta, this.flatten(r.beta, r.u));
    }
    return r;
  }

  /** PIRLS for ũ at (θ, β). */
  modes(theta: Float64Array | readonly number[], beta: Float64Array): PirlsResult | undefined {
    this.lastLaplace = undefined; // the factorization moves on
    const prob = this.problem(this.uOnly);
    const k = this.nTheta;
    const x = new Float64Array(k + beta.length);
    for (let i = 0; i < k; i++) x[i] = theta[i];
    x.set(beta, k);
    const buf = this.flat.subarray(0, this.nu);
    let r: PirlsResult | undefined;
    if (this.predicting && this.predictU.predict(x, buf)) r = pirls(prob, theta, beta, this.unflatten(buf, 0).u);
    r ??= pirls(prob, theta, beta, this.warmU);
    if (r) {
      this.warmU = r.u;
      if (this.predicting) this.predictU.record(x, this.flatten(new Float64Array(0), r.u));
    }
    return r;
  }

  /** lme4's Laplace value log|L|² + ‖ũ‖² + aic at a PIRLS result. */
  laplace(r: PirlsResult): number {
    // binomial and Poisson: the aic from the deviance PIRLS summed (no logarithm per observation)
    const aic = this.aicShift === undefined ? this.family.aic(this.resp, r.mu, r.devSum) : r.devSum + this.aicShift;
    return r.pls.ldL2 + r.ussq + aic;
  }

  /** nAGQ = 0 objective of θ; stepTol loosens PIRLS's stop where stage 2 follows (fitGlmm.ts). */
  objective0(theta: Float64Array | readonly number[], stepTol?: number): number {
    this.evaluations++;
    const r = this.modesJoint(theta, stepTol);
    const v = r ? this.laplace(r) : NaN;
    return Number.isFinite(v) ? v : Infinity;
  }

  /** Laplace (nAGQ = 1) or AGQ objective of par = (θ, β). */
  objective(par: Float64Array | readonly number[], nAGQ: number): number {
    this.evaluations++;
    const k = this.nTheta;
    const theta = par.slice(0, k);
    const beta = Float64Array.from(par.slice(k));
    const r = this.modes(theta, beta);
    this.lastLaplace = r && nAGQ <= 1 ? { par: Float64Array.from(par), r } : undefined;
    if (!r) return Infinity;
    const v = nAGQ <= 1 ? this.laplace(r) : this.agq(theta, beta, r, nAGQ);
    return Number.isFinite(v) ? v : Infinity;
  }

  /**
   * The exact gradient of the Laplace objective at par = (θ, β) (laplaceGradient.ts); undefined where
   * it does not apply (hasGradient) or PIRLS fails. Right after objective(par, 1) it reuses that
   * evaluation's modes; otherwise it finds them (one evaluation more).
   */
  laplaceGradient(par: Float64Array | readonly number[]): Float64Array | undefined {
    if (!this.hasGradient) return undefined;
    const k = this.nTheta;
    const last = this.lastLaplace;
    const same = last !== undefined && last.par.length === par.length && last.par.every((v, i) => v === par[i]);
    if (!same && !Number.isFinite(this.objective(par, 1))) return undefined;
    const { r } = this.lastLaplace!;
    const fz = this.uOnly.factorizer!;
    this.gradientOf ??= new LaplaceGradient(this.design, this.blocks, fz.cp, this.family, this.resp);
    return this.gradientOf.gradient(par.slice(0, k), k, r, fz);
  }

  /** lme4's glmerAGQ at the modes of a single scalar random-effects term. */
  agq(theta: Float64Array | readonly number[], beta: Float64Array, r: PirlsResult, nAGQ: number): number {
    const { design, family, resp } = this;
    const b = this.blocks[0];
    const fz = this.uOnly.factorizer!;
    const { z: zk, w: wk } = ghRule(nAGQ);
    const n = design.n;
    const t = theta[0];
    const u = r.u[0];
    const nl = b.nl;
    // d_j(ũ_j): deviance residuals of level j plus ũ_j²
    const devc0 = new Float64Array(nl);
    for (let i = 0; i < n; i++) devc0[b.refs[i]] += family.devResid(resp.y[i], r.mu[i], resp.weights[i]);
    for (let l = 0; l < nl; l++) devc0[l] += u[l] * u[l];
    const fixed = linearPredictor(design, [], [], beta, [], new Float64Array(n));
    const sd = Float64Array.from(fz.L11.subarray(0, nl), (L) => 1 / L);
    const mult = new Float64Array(nl);
    const dk = new Float64Array(nl);
    for (let q = 0; q < zk.length; q++) {
      dk.fill(0);
      for (let l = 0; l < nl; l++) {
        const uq = u[l] + zk[q] * sd[l];
        dk[l] = uq * uq;
      }
      for (let i = 0; i < n; i++) {
        const l = b.refs[i];
        const eta = fixed[i] + b.z[i] * t * (u[l] + zk[q] * sd[l]);
        const mu = family.link.linkinv(eta);
        if (!family.validMu(mu)) return NaN;
        dk[l] += family.devResid(resp.y[i], mu, resp.weights[i]);
      }
      for (let l = 0; l < nl; l++) mult[l] += wk[q] * Math.exp((zk[q] * zk[q]) / 2 - (dk[l] - devc0[l]) / 2);
    }
    let s = r.pls.ldL2;
    for (let l = 0; l < nl; l++) s += devc0[l] - 2 * Math.log(mult[l]);
    return s;
  }

  /**
   * σ²(R_XᵀR_X)⁻¹ (σ = 1), row-major: the joint system [ZΛ X] solved once at the modes' weights —
   * glmer's covariance of β̂ where the Hessian's is not used.
   */
  rxVcov(theta: Float64Array | readonly number[], r: PirlsResult): Float64Array {
    const { design, family, resp } = this;
    const { n, p } = design;
    const W = new Float64Array(n);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = family.link.muEta(r.eta[i]);
      W[i] = (resp.weights[i] * d * d) / family.variance(r.mu[i]);
      z[i] = r.eta[i] - (design.offset ? design.offset[i] : 0) + (resp.y[i] - r.mu[i]) / d;
    }
    const sol = this.joint.solve(theta, z, W);
    const out = new Float64Array(p * p);
    if (sol) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = sol.unscaledVcov[j * p + i];
    return out;
  }

  /** lme4's condVar of b at the PIRLS result just computed by modes() (the factorization is still there). */
  conditionalVariances(theta: Float64Array | readonly number[], r: PirlsResult): Float64Array[] | undefined {
    return this.uOnly.conditionalVariances(theta, r.pls);
  }

  private problem(solver: WeightedPls) {
    return { design: this.design, blocks: this.blocks, family: this.family, resp: this.resp, solver };
  }
}
