/**
 * Fit a count GLMM as glmmTMB does (issue 13, first slice): conditional model with scalar random
 * intercepts, optional zero-inflation / hurdle (ziformula, fixed effects) and dispersion
 * (dispformula, fixed effects). Outer parameters as glmmTMB's: (β, βzi, βdisp = log φ, θ = log σ).
 * The outer optimiser is BOBYQA (derivative-free) and the standard errors come from a central
 * finite-difference Hessian of the Laplace objective; glmmTMB uses exact (autodiff) gradients and
 * sdreport's Hessian — see docs/count-models.md.
 */
import { inverse, Matrix } from 'ml-matrix';
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { minimizeWithFallback } from '../optim/minimize';
import { checkTmbFamily, hasDispersion, type TmbFamilyName } from './countDensity';
import { laplaceObjective, type LaplaceState, type ScalarRe, type TmbProblem } from './laplace';

export interface TmbRequest {
  formula: string;
  family: string;
  ziformula?: string;
  dispformula?: string;
}

export interface TmbFit {
  family: TmbFamilyName;
  objective: number;
  logLik: number;
  npar: number;
  nobs: number;
  par: Float64Array;
  parNames: string[];
  /** blocks of par: cond β, zi β, disp β, θ = log σ */
  blocks: { cond: string[]; zi: string[]; disp: string[]; theta: string[] };
  vcov: Float64Array | undefined;
  converged: boolean;
}

function rhsDesign(table: Table, response: string, rhs: string): MixedDesign {
  return buildDesign(table, `${response} ${rhs.trim()}`, { family: 'poisson' });
}

export function fitTmb(table: Table, req: TmbRequest): TmbFit {
  const family = checkTmbFamily(req.family);
  const cond = buildDesign(table, req.formula, { family: 'poisson' });
  const n = cond.n;
  const zi = req.ziformula && req.ziformula.replace(/\s/g, '') !== '~0' ? rhsDesign(table, cond.responseName, req.ziformula) : undefined;
  const dispRhs = req.dispformula ?? '~1';
  const disp = hasDispersion(family) ? rhsDesign(table, cond.responseName, dispRhs) : undefined;
  for (const d of [zi, disp]) if (d && d.n !== n) throw new QuadratError('data', 'The zero-inflation or dispersion formula uses rows with missing values that the conditional formula does not; remove those rows first.');
  let offset = 0;
  const terms: ScalarRe[] = cond.reterms.map((t) => {
    if (t.termNames.length !== 1) throw new QuadratError('model', `Only scalar random effects such as (1 | ${t.group}) are supported in count models so far.`);
    const index = Int32Array.from(t.refs, (r) => r + offset);
    const re = { index, z: t.z, offset, nLevels: t.levels.length };
    offset += t.levels.length;
    return re;
  });
  const problem: TmbProblem = { family, n, y: cond.y, q: offset, terms };
  const p = cond.p, pz = zi?.p ?? 0, pd = disp?.p ?? 0, nt = terms.length;
  const state: LaplaceState = { b: new Float64Array(0) };
  const etaF = new Float64Array(n), phi = new Float64Array(n).fill(1), pi = new Float64Array(n), sd = new Float64Array(nt);
  const linear = (d: MixedDesign, x: Float64Array, at: number, i: number) => {
    let s = 0;
    for (let j = 0; j < d.p; j++) s += d.X[j * n + i] * x[at + j];
    return s;
  };
  const objective = (x: Float64Array): number => {
    for (let i = 0; i < n; i++) {
      etaF[i] = linear(cond, x, 0, i) + (cond.offset ? cond.offset[i] : 0);
      if (zi) pi[i] = 1 / (1 + Math.exp(-linear(zi, x, p, i)));
      if (disp) phi[i] = Math.exp(linear(disp, x, p + pz, i));
    }
    for (let k = 0; k < nt; k++) sd[k] = Math.exp(x[p + pz + pd + k]);
    const v = laplaceObjective(problem, etaF, phi, pi, sd, state);
    return Number.isFinite(v) ? v : 1e300;
  };
  const x0 = new Float64Array(p + pz + pd + nt);
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += cond.y[i] / n;
  if (cond.fixedNames[0] === '(Intercept)') x0[0] = Math.log(Math.max(ybar, 1e-3));
  const res = minimizeWithFallback(objective, x0, { lower: new Array<number>(x0.length).fill(-Infinity), rhobeg: 0.5, rhoend: 1e-9 });
  // BOBYQA stops on a flat ridge short of the optimum; Newton steps on the difference Hessian finish it
  let par = res.x;
  let fmin = objective(par);
  const vcov = finiteDifferenceVcov(objective, par);
  for (let k = 0; k < 1 && vcov; k++) {
    const g = centralGradient(objective, par);
    const next = Float64Array.from(par);
    for (let i = 0; i < par.length; i++) for (let j = 0; j < par.length; j++) next[i] -= vcov[i * par.length + j] * g[j];
    const fn = objective(next);
    if (!(fn < fmin)) break;
    // the step is small: the Hessian before it serves for the standard errors (one fewer, costly, Hessian)
    par = next; fmin = fn;
  }
  fmin = objective(par);
  const names = (d: MixedDesign | undefined) => (d ? [...d.fixedNames] : []);
  const blocks = { cond: names(cond), zi: names(zi), disp: names(disp), theta: cond.reterms.map((t) => t.group) };
  return {
    family, objective: fmin, logLik: -fmin, npar: x0.length, nobs: n, par,
    parNames: [...blocks.cond.map((s) => `beta.${s}`), ...blocks.zi.map((s) => `betazi.${s}`), ...blocks.disp.map((s) => `betadisp.${s}`), ...blocks.theta.map((s) => `theta.${s}`)],
    blocks, vcov, converged: res.status === 'converged',
  };
}

function centralGradient(f: (x: Float64Array) => number, x: Float64Array): Float64Array {
  const h = 1e-4;
  return Float64Array.from(x, (_, i) => {
    const a = Float64Array.from(x), b = Float64Array.from(x);
    a[i] += h; b[i] -= h;
    return (f(a) - f(b)) / (2 * h);
  });
}

/** Inverse of the central-difference Hessian of f at x (row-major), or undefined if not invertible. */
function finiteDifferenceVcov(f: (x: Float64Array) => number, x: Float64Array): Float64Array | undefined {
  const m = x.length;
  const h = 1e-3;
  const H = Matrix.zeros(m, m);
  const at = (di: number, si: number, dj: number, sj: number) => {
    const y = Float64Array.from(x);
    y[di] += si * h; y[dj] += sj * h;
    return f(y);
  };
  const f0 = f(x);
  for (let i = 0; i < m; i++) {
    H.set(i, i, (at(i, 1, i, 1) - 2 * f0 + at(i, -1, i, -1)) / (4 * h * h));
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * h);
      H.set(i, j, v); H.set(j, i, v);
    }
  }
  try {
    return Float64Array.from(inverse(H).to1DArray());
  } catch {
    return undefined;
  }
}
