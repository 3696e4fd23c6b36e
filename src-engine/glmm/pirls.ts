/**
 * PIRLS (lme4's pwrssUpdate): the conditional modes ũ of the spherical random effects at (θ, β) — or
 * (β̂, ũ) together at θ for nAGQ = 0 — by penalized iteratively reweighted least squares with lme4's
 * step-halving when the penalized deviance Σ devres + ‖u‖² fails to fall.
 *
 * It iterates until the step vanishes, not to lme4's tolPwrss = 1e-7 on the deviance: the Laplace
 * objective is then a deterministic smooth function of (θ, β), which the finite-difference Hessian
 * behind the standard errors and lme4's convergence checks needs.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { lambdaTimes, type ReBlock, templatesFromTheta } from '../lmm/reBlocks';
import { type Family, type GlmResponse } from './family';
import { familyKernel, type FamilyKernel } from './familyKernel';
import { type WeightedPls, type WeightedPlsSolution } from './weightedPls';

export interface PirlsResult {
  readonly beta: Float64Array;
  readonly u: Float64Array[];
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  /** Σ devres(y, μ) at the modes. */
  readonly devSum: number;
  /** ‖ũ‖² */
  readonly ussq: number;
  /** The factorization at the last iteration's weights (log-determinants, R_X). */
  readonly pls: WeightedPlsSolution;
  readonly iterations: number;
  readonly converged: boolean;
}

const MAX_ITER = 100;
const MAX_HALVINGS = 20;
const STEP_TOL = 1e-13;
/** A relative step of (β, u) that cannot leave the penalized deviance unchanged near a finite mode. */
const RUNAWAY_STEP = 1e-3;
/**
 * With stopAtNoise, a step below this that no longer halves the previous one ends the iteration: in the
 * joint (β, u) system the Newton step's own rounding noise can sit above STEP_TOL, and the iteration
 * would wander there until MAX_ITER (grouseticks' stage 1: 20 iterations a call, some at the cap).
 */
const NOISE_TOL = 1e-10;

/** Largest change of a coordinate of (β, u), relative to its size (at least 1). */
function maxChange(b0: Float64Array, b1: Float64Array, u0: readonly Float64Array[], u1: readonly Float64Array[]): number {
  let m = 0;
  for (let j = 0; j < b0.length; j++) m = Math.max(m, Math.abs(b1[j] - b0[j]) / Math.max(1, Math.abs(b0[j])));
  for (let k = 0; k < u0.length; k++) for (let i = 0; i < u0[k].length; i++) m = Math.max(m, Math.abs(u1[k][i] - u0[k][i]) / Math.max(1, Math.abs(u0[k][i])));
  return m;
}

/** η = o + Xβ + Σ_k Z_k Λ_k u_k. `scratch` (from blockScratch) saves an allocation per vector-valued block. */
export function linearPredictor(
  design: MixedDesign,
  blocks: readonly ReBlock[],
  T: readonly Float64Array[],
  beta: Float64Array,
  u: readonly Float64Array[],
  out: Float64Array,
  scratch?: Float64Array[],
): Float64Array {
  const { n, p, X, offset } = design;
  for (let i = 0; i < n; i++) out[i] = offset ? offset[i] : 0;
  for (let j = 0; j < p; j++) {
    const bj = beta[j];
    if (bj === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] += X[o + i] * bj;
  }
  return addRandomPart(blocks, T, u, out, scratch);
}

/** Per block, room for b = Λu (empty for scalar blocks). */
export function blockScratch(blocks: readonly ReBlock[]): Float64Array[] {
  return blocks.map((b) => new Float64Array(b.S === 1 ? 0 : b.nl * b.S));
}

/** out += Σ_k Z_k Λ_k u_k, block by block (the random part of linearPredictor). */
function addRandomPart(blocks: readonly ReBlock[], T: readonly Float64Array[], u: readonly Float64Array[], out: Float64Array, scratch?: Float64Array[]): Float64Array {
  const n = out.length;
  for (let k = 0; k < blocks.length; k++) {
    const { S, refs, z } = blocks[k];
    const Tk = T[k];
    const uk = u[k];
    if (S === 1) {
      const t = Tk[0];
      for (let i = 0; i < n; i++) out[i] += z[i] * t * uk[refs[i]];
      continue;
    }
    // b = Λu per level, then η += z·b
    const b = lambdaTimes(blocks[k], Tk, uk, scratch ? scratch[k] : undefined);
    for (let i = 0; i < n; i++) {
      const base = refs[i] * S;
      let s = 0;
      for (let c = 0; c < S; c++) s += z[i * S + c] * b[base + c];
      out[i] += s;
    }
  }
  return out;
}

export function sumSquares(u: readonly Float64Array[]): number {
  let s = 0;
  for (const uk of u) for (let i = 0; i < uk.length; i++) s += uk[i] * uk[i];
  return s;
}

export interface PirlsProblem {
  readonly design: MixedDesign;
  readonly blocks: readonly ReBlock[];
  readonly family: Family;
  readonly resp: GlmResponse;
  /** u only (β fixed) or β and u together. */
  readonly solver: WeightedPls;
  /**
   * Also stop once a step below NOISE_TOL fails to halve the previous one (the joint iteration of
   * stage 1, where the Newton step's rounding noise stays above STEP_TOL). Default: only STEP_TOL.
   */
  readonly stopAtNoise?: boolean;
  /** Stop once a step moves (β, u) by at most this, relatively (default STEP_TOL = 1e-13). */
  readonly stepTol?: number;
}

/**
 * Working arrays of one PIRLS call, kept between calls (PIRLS runs hundreds of times per fit) under
 * the solver's set-up: per solver, or per design pattern for a batch's units (plsSetups.ts), whose
 * blocks are then the same. Every array is written before it is read in a call; the family kernel
 * follows the unit's response.
 */
interface Workspace {
  n: number;
  fixed: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  dmu: Float64Array;
  candEta: Float64Array;
  candMu: Float64Array;
  candDmu: Float64Array;
  z: Float64Array;
  W: Float64Array;
  work: Float64Array;
  /** (β, u) and the candidate (β, u); b = Λu per vector-valued block. */
  beta: Float64Array;
  candBeta: Float64Array;
  u: Float64Array[];
  candU: Float64Array[];
  scratch: Float64Array[];
  kernel: FamilyKernel;
  family: Family;
  resp: GlmResponse;
  blocks: readonly ReBlock[];
}
const workspaces = new WeakMap<object, Workspace>();

function workspaceFor(prob: PirlsProblem): Workspace {
  const { solver, family, resp, blocks } = prob;
  const { n, p } = prob.design;
  const ws = workspaces.get(solver.setupKey);
  if (ws && ws.n === n && ws.beta.length === p && ws.blocks === blocks) {
    if (ws.family !== family || ws.resp !== resp) {
      ws.kernel = familyKernel(family, resp);
      ws.family = family;
      ws.resp = resp;
    }
    return ws;
  }
  const a = () => new Float64Array(n);
  const us = () => blocks.map((b) => new Float64Array(b.nl * b.S));
  const fresh: Workspace = {
    n, fixed: a(), eta: a(), mu: a(), dmu: a(), candEta: a(), candMu: a(), candDmu: a(), z: a(), W: a(), work: a(),
    beta: new Float64Array(p), candBeta: new Float64Array(p), u: us(), candU: us(), scratch: blockScratch(blocks),
    kernel: familyKernel(family, resp), family, resp, blocks,
  };
  workspaces.set(solver.setupKey, fresh);
  return fresh;
}

/**
 * Iterate from (β, u₀). With a joint solver β is updated too; otherwise it stays as given.
 * Returns undefined when no step reduces the penalized deviance from the start (a failed evaluation).
 *
 * Allocation-free per iteration, with the same arithmetic as the plain loop: with β fixed, o + Xβ is
 * formed once per call and each candidate η adds only ZΛu to it (linearPredictor's sums, in its
 * order); μ, the deviance and dμ/dη come from one pass (familyKernel.ts); candidates live in a second
 * set of arrays that swaps in when a step is taken.
 */
export function pirls(prob: PirlsProblem, theta: Float64Array | readonly number[], beta0: Float64Array, u0: readonly Float64Array[]): PirlsResult | undefined {
  const { design, blocks, solver } = prob;
  const n = design.n;
  const T = templatesFromTheta(blocks, theta);
  const joint = solver.withX;
  const noiseStop = prob.stopAtNoise === true;
  const stepTol = prob.stepTol ?? STEP_TOL;
  const ws = workspaceFor(prob);
  const { kernel, z, W, work, scratch } = ws;
  // o + Xβ: fixed for the whole call unless β is solved for too
  const fixed = joint ? undefined : linearPredictor(design, [], [], beta0, [], ws.fixed);
  /** η = o + Xβ + Σ_k Z_k Λ_k u_k into out (linearPredictor's sums). */
  const predict = (b: Float64Array, uu: readonly Float64Array[], out: Float64Array) => {
    if (!fixed) return linearPredictor(design, blocks, T, b, uu, out, scratch);
    out.set(fixed);
    return addRandomPart(blocks, T, uu, out, scratch);
  };
  let { beta, u, candBeta, candU, eta, mu, dmu, candEta, candMu, candDmu } = ws;
  beta.set(beta0);
  for (let k = 0; k < u.length; k++) u[k].set(u0[k]);
  predict(beta, u, eta);
  let dev = kernel.deviance(eta, mu, dmu);
  if (!Number.isFinite(dev)) {
    // start from the modes at zero when the warm start is outside the family's range
    for (const uk of u) uk.fill(0);
    predict(beta, u, eta);
    dev = kernel.deviance(eta, mu, dmu);
    if (!Number.isFinite(dev)) return undefined;
  }
  let pdev = dev + sumSquares(u);
  const offset = design.offset;
  let last: WeightedPlsSolution | undefined;
  let converged = false;
  let prevMoved = Infinity;
  let it = 0;
  for (; it < MAX_ITER; it++) {
    // working weights and response at the current (β, u)
    kernel.working(eta, mu, dmu, W, work);
    if (fixed) for (let i = 0; i < n; i++) z[i] = eta[i] - fixed[i] + work[i];
    else for (let i = 0; i < n; i++) z[i] = eta[i] - (offset ? offset[i] : 0) + work[i];
    const sol = solver.solve(theta, z, W);
    if (!sol) return undefined;
    last = sol;
    // Already at the modes: the full Newton step moves (β, u) by at most the tolerance. Stop here, at
    // the point whose weights this factorization used (log|L| exact there), without evaluating the
    // deviance at a candidate that the test below would accept and then stop at anyway.
    if (maxChange(beta, joint ? sol.beta : beta, u, sol.u) <= stepTol) {
      converged = true;
      break;
    }
    // step-halving along the Newton direction
    let step = 1;
    let accepted = false;
    let newPdev = pdev;
    for (let h = 0; h <= MAX_HALVINGS; h++, step /= 2) {
      if (joint) for (let j = 0; j < beta.length; j++) candBeta[j] = beta[j] + step * (sol.beta[j] - beta[j]);
      for (let k = 0; k < u.length; k++) {
        const uk = u[k];
        const ck = candU[k];
        const sk = sol.u[k];
        for (let i = 0; i < uk.length; i++) ck[i] = uk[i] + step * (sk[i] - uk[i]);
      }
      predict(joint ? candBeta : beta, candU, candEta);
      const d = kernel.deviance(candEta, candMu, candDmu);
      const pd = d + sumSquares(candU);
      // a rise within the rounding of a sum over every observation is no rise: near the mode the
      // Newton step must still be taken, or the modes stop short of it by the step it would make
      if (Number.isFinite(pd) && pd <= pdev + 1e-10 * Math.abs(pdev)) {
        accepted = true;
        newPdev = pd;
        dev = d;
        break;
      }
    }
    if (!accepted) {
      // no step lowers the penalized deviance: at the mode to rounding, or a failure far from it
      converged = it > 0;
      break;
    }
    const moved = maxChange(beta, joint ? candBeta : beta, u, candU);
    if (joint) [beta, candBeta] = [candBeta, beta];
    [u, candU] = [candU, u];
    [eta, candEta] = [candEta, eta];
    [mu, candMu] = [candMu, mu];
    [dmu, candDmu] = [candDmu, dmu];
    const fall = pdev - newPdev;
    pdev = newPdev;
    // A mode at infinity (separation: a cell of the design all 0 % or all 100 %): β runs off by
    // whole units per step while the penalized deviance no longer falls at all. Stop there, as glmer's
    // test on the fall does (its ±30 estimates with huge SEs), instead of walking on until the weights
    // underflow and the factorization fails. A step this large at a finite mode lowers pdev far more.
    if (moved > RUNAWAY_STEP && fall <= 1e-12 * Math.abs(pdev)) break;
    // Converged when the step no longer moves (β, u): the weights of the last factorization were then
    // taken at the modes, so log|L| is exact. (A test on the fall in pdev alone stops one step early,
    // with log|L| at stale weights: that biases the objective to first order in the step — lme4's own
    // devfun carries this error, about 6e-4 on cbpp — and spoils its finite-difference Hessian.)
    if (moved <= stepTol || (noiseStop && moved <= NOISE_TOL && moved > prevMoved / 2)) {
      converged = true;
      break;
    }
    prevMoved = moved;
  }
  // the workspace keeps its arrays (swapped or not, still distinct); the result gets copies
  if (!last) return undefined;
  return { beta: beta.slice(), u: u.map((x) => x.slice()), eta: eta.slice(), mu: mu.slice(), devSum: dev, ussq: sumSquares(u), pls: last, iterations: it + 1, converged };
}
