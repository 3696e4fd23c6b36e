/**
 * A count GLMM as glmmTMB sets it up: the conditional design with scalar random-effect terms, the
 * optional zero-inflation (ziformula) and dispersion (dispformula) designs, and the outer parameter
 * vector ψ = (β, βzi, βdisp = log φ coefficients, θ = log σ per term) in glmmTMB's order, with the
 * Laplace objective and its exact gradient as functions of ψ.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { checkTmbFamily, hasDispersion, type TmbFamilyName } from './countDensity';
import { laplaceObjective, type LaplaceState, type Predictors, type ScalarRe, type TmbProblem } from './laplace';
import { laplaceGradient, type OuterDesigns } from './laplaceGradient';

export interface TmbRequest {
  formula: string;
  family: string;
  ziformula?: string;
  dispformula?: string;
}

export interface TmbModel {
  readonly family: TmbFamilyName;
  readonly n: number;
  readonly y: Float64Array;
  /** names per block of ψ: cond β, zi β, disp β, θ (the grouping factor) */
  readonly blocks: { cond: string[]; zi: string[]; disp: string[]; theta: string[] };
  readonly npar: number;
  /** −log L by Laplace at ψ (1e300 where it cannot be evaluated) */
  objective(x: Float64Array): number;
  /** dF/dψ at ψ (re-evaluating the objective there unless it was the last point), undefined where F is not finite */
  gradient(x: Float64Array): Float64Array | undefined;
  /** objective evaluations so far (each an inner Newton loop) */
  readonly evaluations: number;
  /** The designs, for predictions and marginal means (predictTmb.ts, tmbMeans.ts). */
  readonly designs: { cond: MixedDesign; zi?: MixedDesign; disp?: MixedDesign };
  /** At ψ: the conditional modes b̂ (in the order of the terms' levels) and the per-observation Xβ + offset, ζ, κ. */
  modesAt(x: Float64Array): { b: Float64Array; etaFixed: Float64Array; zeta: Float64Array; kappa: Float64Array } | undefined;
}

function rhsDesign(table: Table, response: string, rhs: string): MixedDesign {
  return buildDesign(table, `${response} ${rhs.trim()}`, { family: 'poisson' });
}

export function tmbModel(table: Table, req: TmbRequest): TmbModel {
  const family = checkTmbFamily(req.family);
  const cond = buildDesign(table, req.formula, { family: 'poisson' });
  const n = cond.n;
  const zi = req.ziformula && req.ziformula.replace(/\s/g, '') !== '~0' ? rhsDesign(table, cond.responseName, req.ziformula) : undefined;
  const disp = hasDispersion(family) ? rhsDesign(table, cond.responseName, req.dispformula ?? '~1') : undefined;
  for (const d of [zi, disp]) if (d && d.n !== n) throw new QuadratError('data', 'The zero-inflation or dispersion formula uses rows with missing values that the conditional formula does not; remove those rows first.');
  let offset = 0;
  const terms: ScalarRe[] = cond.reterms.map((t) => {
    if (t.termNames.length !== 1) throw new QuadratError('model', `Only scalar random effects such as (1 | ${t.group}) are supported in count models so far.`);
    const index = Int32Array.from(t.refs, (r) => r + offset);
    const re = { index, z: t.z, offset, nLevels: t.levels.length };
    offset += t.levels.length;
    return re;
  });
  const problem: TmbProblem = { family, n, y: cond.y, logYFactorial: cond.y.map((v) => gammaln(v + 1)), q: offset, terms };
  const designs: OuterDesigns = { cond, zi, disp };
  const p = cond.p, pz = zi?.p ?? 0, pd = disp?.p ?? 0, nt = terms.length;
  const state: LaplaceState = { b: new Float64Array(0) };
  const at: Predictors = { etaFixed: new Float64Array(n), kappa: new Float64Array(n), zeta: new Float64Array(n).fill(-Infinity), sd: new Float64Array(nt) };
  const linear = (d: MixedDesign, x: Float64Array, from: number, i: number) => {
    let s = 0;
    for (let j = 0; j < d.p; j++) s += d.X[j * n + i] * x[from + j];
    return s;
  };
  let evaluations = 0;
  let last: Float64Array | undefined;
  let lastValue = Infinity;
  const objective = (x: Float64Array): number => {
    evaluations++;
    for (let i = 0; i < n; i++) {
      at.etaFixed[i] = linear(cond, x, 0, i) + (cond.offset ? cond.offset[i] : 0);
      if (zi) at.zeta[i] = linear(zi, x, p, i);
      if (disp) at.kappa[i] = linear(disp, x, p + pz, i);
    }
    for (let k = 0; k < nt; k++) at.sd[k] = Math.exp(x[p + pz + pd + k]);
    const v = laplaceObjective(problem, at, state);
    last = Float64Array.from(x);
    lastValue = v;
    return Number.isFinite(v) ? v : 1e300;
  };
  const gradient = (x: Float64Array): Float64Array | undefined => {
    if (!last || last.some((v, i) => v !== x[i])) objective(x);
    return Number.isFinite(lastValue) ? laplaceGradient(problem, at, state, designs) : undefined;
  };
  const names = (d: MixedDesign | undefined) => (d ? [...d.fixedNames] : []);
  return {
    family, n, y: cond.y, npar: p + pz + pd + nt,
    blocks: { cond: names(cond), zi: names(zi), disp: names(disp), theta: cond.reterms.map((t) => t.group) },
    objective, gradient, designs: { cond, zi, disp },
    modesAt: (x) => {
      objective(x);
      if (!Number.isFinite(lastValue)) return undefined;
      return { b: Float64Array.from(state.b), etaFixed: Float64Array.from(at.etaFixed), zeta: Float64Array.from(at.zeta), kappa: Float64Array.from(at.kappa) };
    },
    get evaluations() { return evaluations; },
  };
}
