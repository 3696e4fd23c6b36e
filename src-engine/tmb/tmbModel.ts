/**
 * A GLMM as glmmTMB sets it up: the conditional design with its random-effect terms (k effects
 * per level, "us" covariance, or "diag" when written with `||`), the optional zero-inflation
 * (ziformula, random effects allowed) and dispersion (dispformula) designs, and the outer parameter
 * vector ψ = (β, βzi, βdisp = log φ coefficients, θ per term: log σ's then correlation parameters, psi)
 * in glmmTMB's order, with the Laplace objective and its exact gradient as functions of ψ.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { allowsZeroInflation, checkTmbFamily, familyParameterNames, hasDispersion, type TmbFamilyName } from './countDensity';
import { readDoubleBars } from './doubleBar';
import { laplaceObjective, type LaplaceState, type Predictors, type TmbProblem, type TmbReTerm } from './laplace';
import { responseFamily, tmbResponse } from './tmbResponse';
import { laplaceGradient, type OuterDesigns } from './laplaceGradient';
import { type CovStructure, termCovariance, thetaCount } from './reCovariance';

export interface TmbRequest {
  formula: string;
  family: string;
  ziformula?: string;
  dispformula?: string;
}

/** A random-effect term as glmmTMB's VarCorr names it. */
export interface TmbReInfo {
  group: string;
  /** the term's columns: ["(Intercept)", "minedyes"] */
  termNames: string[];
  structure: CovStructure;
  nLevels: number;
  /** the conditional or the zero-inflation model */
  component: 'cond' | 'zi';
}

export interface TmbModel {
  readonly family: TmbFamilyName;
  readonly n: number;
  readonly y: Float64Array;
  /**
   * names per block of ψ: cond β, zi β, disp β, θ and θzi (the grouping factor, once per parameter of
   * its term), psi (tweedie's power parameter)
   */
  readonly blocks: { cond: string[]; zi: string[]; disp: string[]; theta: string[]; thetazi: string[]; psi: string[] };
  /** the random-effect terms, in θ's order */
  readonly reTerms: TmbReInfo[];
  readonly npar: number;
  /** −log L by Laplace at ψ (1e300 where it cannot be evaluated) */
  objective(x: Float64Array): number;
  /** dF/dψ at ψ (re-evaluating the objective there unless it was the last point), undefined where F is not finite */
  gradient(x: Float64Array): Float64Array | undefined;
  /** objective evaluations so far (each an inner Newton loop) */
  evaluations(): number;
  /** The designs, for predictions and marginal means (predictTmb.ts, tmbMeans.ts). */
  readonly designs: { cond: MixedDesign; zi?: MixedDesign; disp?: MixedDesign };
  /** At ψ: the conditional modes b̂ (in the order of the terms' levels) and the per-observation Xβ + offset, ζ, κ. */
  modesAt(x: Float64Array): { b: Float64Array; etaFixed: Float64Array; zeta: Float64Array; kappa: Float64Array } | undefined;
  /** At ψ: the diagonal of H⁻¹, H the Hessian of −log p(y, b) in b at b̂ (ranefCondVar.ts) */
  inverseHessianDiagAt(x: Float64Array): Float64Array | undefined;
  /** betabinomial: the trials per observation (simulations draw from them) */
  readonly size?: Float64Array;
}

function rhsDesign(table: Table, response: string, rhs: string, family: TmbFamilyName): MixedDesign {
  return buildDesign(table, `${response} ${rhs.trim()}`, { family: responseFamily(family) });
}

export function tmbModel(table: Table, req: TmbRequest): TmbModel {
  const family = checkTmbFamily(req.family);
  const bars = readDoubleBars(req.formula);
  const { design: cond, y, size } = tmbResponse(table, bars.formula, family);
  const n = cond.n;
  const ziBars = req.ziformula && req.ziformula.replace(/\s/g, '') !== '~0' ? readDoubleBars(req.ziformula) : undefined;
  const zi = ziBars ? rhsDesign(table, cond.responseName, ziBars.formula, family) : undefined;
  if (zi && !allowsZeroInflation(family)) throw new QuadratError('model', `Zero inflation (ziformula) is available with the poisson, negative binomial, genpois, betabinomial and tweedie families so far, not with ${family}.`);
  const disp = hasDispersion(family) ? rhsDesign(table, cond.responseName, req.dispformula ?? '~1', family) : undefined;
  if (disp?.reterms.length)
    throw new QuadratError('formula', 'Random effects in the dispersion formula are not available yet (glmmTMB 1.1.5 has none either); it takes fixed effects only, e.g. ~ mined.');
  for (const d of [zi, disp]) if (d && d.n !== n) throw new QuadratError('data', 'The zero-inflation or dispersion formula uses rows with missing values that the conditional formula does not; remove those rows first.');
  let offset = 0;
  // the conditional model's terms, then the zero-inflation model's (glmmTMB's theta, then thetazi)
  const parts = [{ d: cond, diag: bars.diagGroups, component: 'cond' as const }, ...(zi && ziBars ? [{ d: zi, diag: ziBars.diagGroups, component: 'zi' as const }] : [])];
  const reTerms: TmbReInfo[] = parts.flatMap(({ d, diag, component }) => d.reterms.map((t) => ({
    group: t.group, termNames: [...t.termNames], nLevels: t.levels.length, component,
    structure: diag.has(t.group.replace(/\s/g, '')) ? 'diag' as const : 'us' as const,
  })));
  const terms: TmbReTerm[] = parts.flatMap(({ d, component }) => d.reterms.map((t) => {
    const k = t.termNames.length;
    const index = Int32Array.from(t.refs, (r) => offset + r * k);
    const re = { index, z: t.z, k, offset, nLevels: t.levels.length, channel: component === 'zi' ? 1 as const : 0 as const };
    offset += t.levels.length * k;
    return re;
  }));
  const nTheta = reTerms.map((t) => thetaCount(t.termNames.length, t.structure));
  const problem: TmbProblem = { family, n, y, logYFactorial: y.map((v) => gammaln(v + 1)), q: offset, terms, size };
  const designs: OuterDesigns = { cond, zi, disp };
  const p = cond.p, pz = zi?.p ?? 0, pd = disp?.p ?? 0, nth = nTheta.reduce((a, v) => a + v, 0), psiNames = familyParameterNames(family);
  const state: LaplaceState = { b: new Float64Array(0) };
  const at: Predictors = { etaFixed: new Float64Array(n), kappa: new Float64Array(n), zeta: new Float64Array(n).fill(-Infinity), cov: [], psi: new Float64Array(psiNames.length) };
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
    let th = p + pz + pd;
    reTerms.forEach((t, u) => {
      at.cov[u] = termCovariance(t.termNames.length, t.structure, x.subarray(th, th + nTheta[u]));
      th += nTheta[u];
    });
    // psi after θ, as glmmTMB orders them
    for (let k = 0; k < psiNames.length; k++) at.psi[k] = x[p + pz + pd + nth + k];
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
    family, n, y, npar: p + pz + pd + nth + psiNames.length,
    blocks: {
      cond: names(cond), zi: names(zi), disp: names(disp),
      theta: reTerms.flatMap((t, u) => (t.component === 'cond' ? new Array<string>(nTheta[u]).fill(t.group) : [])),
      thetazi: reTerms.flatMap((t, u) => (t.component === 'zi' ? new Array<string>(nTheta[u]).fill(t.group) : [])),
      psi: psiNames,
    },
    reTerms,
    objective, gradient, designs: { cond, zi, disp },
    modesAt: (x) => {
      objective(x);
      if (!Number.isFinite(lastValue)) return undefined;
      return { b: Float64Array.from(state.b), etaFixed: Float64Array.from(at.etaFixed), zeta: Float64Array.from(at.zeta), kappa: Float64Array.from(at.kappa) };
    },
    inverseHessianDiagAt: (x) => {
      objective(x);
      const h = state.hessian;
      if (!Number.isFinite(lastValue) || !state.factored || !h) return undefined;
      h.invert();
      return Float64Array.from({ length: problem.q }, (_, j) => h.inverseAt(j, j));
    },
    size,
    // a method, not a getter: a getter closure in an object literal gives each model its own map,
    // which keeps the model alive through every scavenge (report/lazyProperties.ts)
    evaluations: () => evaluations,
  };
}
