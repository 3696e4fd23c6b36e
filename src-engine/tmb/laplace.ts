/**
 * The Laplace approximation as glmmTMB (TMB) evaluates it: the conditional modes b̂ of the random
 * effects by a Newton inner loop on the Hessian H = Zᵀ W Z + diag(1/σ²) (scalar terms; its sparsity
 * is used as reHessian.ts describes), then −log L ≈ −log p(y, b̂) + ½ log det H − (q/2) log 2π.
 * W = −∂²ℓ/∂η² per observation, in closed form (densityPartials.ts).
 */
import { type TmbFamilyName } from './countDensity';
import { D, N_PARTIALS } from './densityPartials';
import { observationDensity } from './observationDensity';
import { ReHessian } from './reHessian';

const { e: E, ee: EE } = D;
/** Below this Newton decrement gᵀH⁻¹g the full step is taken without a line search. */
const NEWTON_REGION = 1e-4;
/** The inner loop stops after a step whose decrement was below this: b̂'s error is then of order its square. */
const NEWTON_TOL = 1e-12;
/** A line search that fails below this decrement has met rounding: the mode is found. */
const LINE_SEARCH_TOL = 1e-8;
/** A first decrement above this from a warm start is compared with a start from b = 0. */
const FAR = 1e2;
const MAX_NEWTON = 100;

export interface ScalarRe {
  /** global index of observation i's random effect */
  readonly index: Int32Array;
  readonly z: Float64Array;
  readonly offset: number;
  readonly nLevels: number;
}

export interface TmbProblem {
  readonly family: TmbFamilyName;
  readonly n: number;
  readonly y: Float64Array;
  /** log yᵢ!, constant in every evaluation */
  readonly logYFactorial: Float64Array;
  /** number of random effects (levels over all terms) */
  readonly q: number;
  readonly terms: readonly ScalarRe[];
  /** betabinomial: trials per observation */
  readonly size?: Float64Array;
}

/** The observation-level linear predictors at the outer parameters. */
export interface Predictors {
  /** Xβ + offset */
  readonly etaFixed: Float64Array;
  /** κ = log φ (ignored by families without dispersion) */
  readonly kappa: Float64Array;
  /** ζ = logit π, −∞ without zero inflation */
  readonly zeta: Float64Array;
  /** σ per random-effect term */
  readonly sd: Float64Array;
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

/** Adds observation i's random-effect contributions z_ti b[index_t(i)] to the fixed part of η. */
function linearPredictor(p: TmbProblem, etaFixed: Float64Array, b: Float64Array, eta: Float64Array): void {
  for (let i = 0; i < p.n; i++) {
    let e = etaFixed[i];
    for (const t of p.terms) e += t.z[i] * b[t.index[i]];
    eta[i] = e;
  }
}

/**
 * −log L by Laplace at fixed outer parameters. Updates state (b̂ as the next warm start, and the
 * factor and partials at b̂ for the gradient).
 */
export function laplaceObjective(p: TmbProblem, at: Predictors, state: LaplaceState): number {
  const { q, n, terms, y, logYFactorial } = p;
  const { etaFixed, kappa, zeta, sd } = at;
  // a failed evaluation must not leave the last point's factor for the gradient
  state.factored = false;
  state.partials = undefined;
  const hess = (state.hessian ??= new ReHessian(terms, q, n));
  const prec = new Float64Array(q);
  terms.forEach((t, k) => prec.fill(1 / (sd[k] * sd[k]), t.offset, t.offset + t.nLevels));
  const phi = kappa.map(Math.exp);
  const pi = zeta.map((z) => (z === -Infinity ? 0 : 1 / (1 + Math.exp(-z))));
  const eta = new Float64Array(n);
  const { logDensity, partials: partialsAt } = observationDensity(p, at.psi);
  const joint = (b: Float64Array): number => {
    linearPredictor(p, etaFixed, b, eta);
    let s = 0;
    for (let i = 0; i < n; i++) s -= logDensity(y[i], eta[i], phi[i], pi[i], logYFactorial[i], i);
    for (let j = 0; j < q; j++) s += 0.5 * b[j] * b[j] * prec[j];
    return s;
  };
  const g = new Float64Array(q);
  const partials = new Float64Array(n * N_PARTIALS);
  // the gradient g and Hessian H of −log p(y, b) in b
  const build = (b: Float64Array) => {
    linearPredictor(p, etaFixed, b, eta);
    hess.reset(prec);
    for (let j = 0; j < q; j++) g[j] = b[j] * prec[j];
    for (let i = 0; i < n; i++) {
      const o = i * N_PARTIALS;
      partialsAt(y[i], eta[i], kappa[i], zeta[i], partials, o, i);
      const d1 = partials[o + E];
      for (const t of terms) g[t.index[i]] -= t.z[i] * d1;
      hess.addObservation(i, -partials[o + EE]);
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
  // the prior's normalising constants: Σ (log σ + ½ log 2π) per level, then −(q/2) log 2π from Laplace
  let norm = 0;
  terms.forEach((t, k) => { norm += t.nLevels * Math.log(sd[k]); });
  return f + norm + halfLogDet;
}
