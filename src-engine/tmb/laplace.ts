/**
 * The Laplace approximation as glmmTMB (TMB) evaluates it: the conditional modes b̂ of the random
 * effects by a Newton inner loop on the Hessian H = Zᵀ W Z + blockdiag(Σₜ⁻¹ per level of each term t)
 * (its sparsity is used as reHessian.ts describes), then −log L ≈ −log p(y, b̂) + ½ log det H − (q/2) log 2π.
 * Terms of the zero-inflation formula enter ζ instead of η, and W is then the 2×2 −∇²ℓ in (η, ζ).
 * W = −∂²ℓ/∂η² per observation, in closed form (densityPartials.ts).
 */
import { type TmbFamilyName } from './countDensity';
import { D, N_PARTIALS } from './densityPartials';
import { observationDensity } from './observationDensity';
import { type TermCovariance } from './reCovariance';
import { ReHessian } from './reHessian';

const { e: E, ee: EE, z: Z, ez: EZ, zz: ZZ } = D;
/** Below this Newton decrement gᵀH⁻¹g the full step is taken without a line search. */
const NEWTON_REGION = 1e-4;
/** The inner loop stops after a step whose decrement was below this: b̂'s error is then of order its square. */
const NEWTON_TOL = 1e-12;
/** A line search that fails below this decrement has met rounding: the mode is found. */
const LINE_SEARCH_TOL = 1e-8;
/** A first decrement above this from a warm start is compared with a start from b = 0. */
const FAR = 1e2;
const MAX_NEWTON = 100;

/** A random-effect term with k effects per level; level l's effects are offset + l·k … offset + l·k + k − 1. */
export interface TmbReTerm {
  /** global index of the first of observation i's k effects (offset + its level · k) */
  readonly index: Int32Array;
  /** the term's model matrix, row-major n × k */
  readonly z: Float64Array;
  readonly k: number;
  readonly offset: number;
  readonly nLevels: number;
  /** the linear predictor it enters: 0 the conditional η, 1 the zero-inflation ζ */
  readonly channel: 0 | 1;
}

export interface TmbProblem {
  readonly family: TmbFamilyName;
  readonly n: number;
  readonly y: Float64Array;
  /** log yᵢ!, constant in every evaluation */
  readonly logYFactorial: Float64Array;
  /** number of random effects (levels × k over all terms) */
  readonly q: number;
  readonly terms: readonly TmbReTerm[];
  /** betabinomial: trials per observation */
  readonly size?: Float64Array;
}

/** The observation-level linear predictors at the outer parameters. */
export interface Predictors {
  /** Xβ + offset */
  readonly etaFixed: Float64Array;
  /** κ = log φ (ignored by families without dispersion) */
  readonly kappa: Float64Array;
  /** ζ = logit π (its fixed part Xzi βzi), −∞ without zero inflation */
  readonly zeta: Float64Array;
  /** Σ per random-effect term (reCovariance.ts) */
  readonly cov: TermCovariance[];
  /** the family parameters (glmmTMB's psi: tweedie's power), empty for the other families */
  readonly psi: Float64Array;
}

/** What one evaluation leaves for the next (warm start) and for the exact gradient. */
export interface LaplaceState {
  b: Float64Array;
  /** H, factored at b̂ after a successful evaluation (its buffers are reused by the next one) */
  hessian?: ReHessian;
  /** whether hessian holds the factor at the last evaluation's b̂ */
  factored?: boolean;
  /** the log-density partials at b̂, N_PARTIALS per observation */
  partials?: Float64Array;
}

/**
 * Adds observation i's random-effect contributions Σ_c z_t[i, c] b[index_t(i) + c] to the fixed parts
 * of η (terms of channel 0) and ζ (channel 1, random effects in the zero-inflation formula).
 */
function linearPredictor(p: TmbProblem, at: Predictors, b: Float64Array, eta: Float64Array, zeta: Float64Array): void {
  for (let i = 0; i < p.n; i++) {
    let e = at.etaFixed[i], z = at.zeta[i];
    for (const t of p.terms) {
      let v;
      if (t.k === 1) v = t.z[i] * b[t.index[i]];
      else {
        v = 0;
        for (let c = 0; c < t.k; c++) v += t.z[i * t.k + c] * b[t.index[i] + c];
      }
      if (t.channel === 0) e += v;
      else z += v;
    }
    eta[i] = e;
    zeta[i] = z;
  }
}

/** P b (the prior's precision, block by block) added into out. */
export function addPrecisionTimes(terms: readonly TmbReTerm[], cov: readonly TermCovariance[], b: Float64Array, out: Float64Array): void {
  terms.forEach((t, u) => {
    const P = cov[u].prec, k = t.k;
    if (k === 1) {
      for (let j = t.offset; j < t.offset + t.nLevels; j++) out[j] += P[0] * b[j];
      return;
    }
    for (let l = 0; l < t.nLevels; l++) {
      const o = t.offset + l * k;
      for (let a = 0; a < k; a++) {
        let v = 0;
        for (let c = 0; c < k; c++) v += P[a * k + c] * b[o + c];
        out[o + a] += v;
      }
    }
  });
}

/**
 * −log L by Laplace at fixed outer parameters. Updates state (b̂ as the next warm start, and the
 * factor and partials at b̂ for the gradient).
 */
export function laplaceObjective(p: TmbProblem, at: Predictors, state: LaplaceState): number {
  const { q, n, terms, y, logYFactorial } = p;
  const { kappa, cov } = at;
  // a failed evaluation must not leave the last point's factor for the gradient
  state.factored = false;
  state.partials = undefined;
  const hess = (state.hessian ??= new ReHessian(terms, q, n));
  const prec = cov.map((c) => c.prec);
  const Pb = new Float64Array(q);
  const phi = kappa.map(Math.exp);
  const eta = new Float64Array(n), zeta = new Float64Array(n);
  const piOf = (z: number) => (z === -Infinity ? 0 : 1 / (1 + Math.exp(-z)));
  const { logDensity, partials: partialsAt } = observationDensity(p, at.psi);
  const joint = (b: Float64Array): number => {
    linearPredictor(p, at, b, eta, zeta);
    let s = 0;
    for (let i = 0; i < n; i++) s -= logDensity(y[i], eta[i], phi[i], piOf(zeta[i]), logYFactorial[i], i);
    Pb.fill(0);
    addPrecisionTimes(terms, cov, b, Pb);
    for (let j = 0; j < q; j++) s += 0.5 * b[j] * Pb[j];
    return s;
  };
  const g = new Float64Array(q);
  const partials = new Float64Array(n * N_PARTIALS);
  // the gradient g and Hessian H of −log p(y, b) in b
  const build = (b: Float64Array) => {
    linearPredictor(p, at, b, eta, zeta);
    hess.reset(prec);
    g.fill(0);
    addPrecisionTimes(terms, cov, b, g);
    for (let i = 0; i < n; i++) {
      const o = i * N_PARTIALS;
      partialsAt(y[i], eta[i], kappa[i], zeta[i], partials, o, i);
      const d1 = partials[o + E], dz = partials[o + Z];
      for (const t of terms) {
        const d = t.channel === 0 ? d1 : dz;
        for (let c = 0; c < t.k; c++) g[t.index[i] + c] -= t.z[i * t.k + c] * d;
      }
      hess.addObservation(i, -partials[o + EE], -partials[o + EZ], -partials[o + ZZ]);
    }
  };
  let b = state.b.length === q && state.b.every(Number.isFinite) ? state.b : new Float64Array(q);
  // f at b, evaluated only when a line search needs it
  let f = NaN;
  let converged = false;
  for (let iter = 0; iter < MAX_NEWTON; iter++) {
    build(b);
    let damping = 0;
    let ok = false;
    // damp an indefinite H (zero-inflated densities are not log-concave far from the mode); a
    // non-finite H (overflow at absurd parameters) makes the whole objective +∞
    for (let tries = 0; !ok && tries < 30; tries++) {
      ok = hess.factor(damping);
      if (!ok) damping = damping === 0 ? 1e-6 : damping * 10;
    }
    if (!ok) return Infinity;
    const step = hess.solve(g);
    let dec = 0;
    for (let j = 0; j < q; j++) dec += g[j] * step[j];
    if (iter === 0 && dec > FAR && b.some((v) => v !== 0)) {
      // the warm start is far from this point's modes (a trial point far out): Newton creeps down an
      // exponential by about one unit of η per step from there, so start from b = 0 when that is better
      f = joint(b);
      const zero = new Float64Array(q);
      const f0 = joint(zero);
      if (f0 < f) { b = zero; f = f0; continue; }
    }
    if (damping === 0 && dec < NEWTON_REGION) {
      // near the mode (a warm start usually is) the full Newton step is taken unchecked: quadratic
      // convergence, and one fewer evaluation of the joint density per step
      b = b.map((v, j) => v - step[j]);
      f = NaN;
      if (dec < NEWTON_TOL) { converged = true; break; }
      continue;
    }
    if (Number.isNaN(f)) f = joint(b);
    let t = 1;
    let improved = false;
    for (let h = 0; h < 30; h++) {
      const nb = new Float64Array(q);
      for (let j = 0; j < q; j++) nb[j] = b[j] - t * step[j];
      const nf = joint(nb);
      if (nf <= f + 1e-12 * Math.abs(f)) { b = nb; f = nf; improved = true; break; }
      t /= 2;
    }
    // a line search that cannot improve has reached the mode to rounding, unless the step was large
    converged = dec < NEWTON_TOL || (!improved && dec < LINE_SEARCH_TOL);
    if (!improved || converged) break;
  }
  // without the mode, neither the value nor the gradient's identities hold: the point is refused
  if (!converged) return Infinity;
  f = joint(b);
  build(b);
  if (!hess.factor(0)) return Infinity;
  const halfLogDet = hess.halfLogDet();
  state.b = b;
  state.factored = true;
  state.partials = partials;
  // the prior's normalising constants: Σ (½ log det Σ + (k/2) log 2π) per level, then −(q/2) log 2π from Laplace
  let norm = 0;
  terms.forEach((t, u) => { norm += t.nLevels * cov[u].halfLogDet; });
  return f + norm + halfLogDet;
}
