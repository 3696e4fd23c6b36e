/**
 * intervals(gls / lme): Wald intervals for the fixed effects (t quantiles with nlme's df) and, from
 * nlme's approximate covariance of the other parameters (apVar: the inverse of minus the numerical
 * Hessian of the log-likelihood in (structure parameters, log σ), random effects in the "natural"
 * parameterization log SD and log((1 + r)/(1 − r)) of D = σ²Ψ), normal intervals on those scales
 * mapped back as nlme prints them. The fit computes apVar once (approximateVariance); each level's
 * intervals reuse it.
 */
import { dgetri, dsyev } from '../linalg/lapack';
import { gradientHessian } from '../optim/centralDifferences';
import { qnorm, qt, upperChisq } from '../inference/distributions';
import { criterionParts } from './likelihood';
import { type NlmeModel } from './model';
import { type Optimum } from './optimize';
import { levelParCount, parFromPsi, psiOf, type ReLevel } from './reStruct';
import { type CoefficientRow } from './report';

export interface IntervalRow { name: string; lower: number; est: number; upper: number }

export interface NlmeIntervals {
  level: number;
  fixed: IntervalRow[];
  sigma: IntervalRow | null;
  varStruct: IntervalRow[] | null;
  corStruct: IntervalRow[] | null;
  reStruct: { level: string; rows: IntervalRow[] }[] | null;
  /** Why the variance-parameter intervals are missing (nlme's message), or null. */
  error: string | null;
}

/** Natural parameters of each random-effects level: log SDs, then log((1+r)/(1−r)) by columns. */
function naturalOf(model: NlmeModel, par: ArrayLike<number>, sigma: number) {
  const factors = model.levelFactors(par);
  return model.reLevels.map((lev, l) => {
    const k = lev.terms.length;
    const Psi = psiOf(factors[l], k);
    const sd = Array.from({ length: k }, (_, i) => sigma * Math.sqrt(Psi[i * k + i]));
    const cors: number[] = [];
    if (!lev.diagonal) for (let j = 0; j < k; j++) for (let i = j + 1; i < k; i++) cors.push(Psi[i * k + j] / Math.sqrt(Psi[i * k + i] * Psi[j * k + j]));
    return [...sd.map(Math.log), ...cors.map((r) => Math.log((1 + r) / (1 - r)))];
  });
}

function psiFromNatural(x: readonly number[], lev: ReLevel, sigma: number): number[] {
  const k = lev.terms.length;
  const sd = x.slice(0, k).map(Math.exp);
  const Psi = new Array<number>(k * k).fill(0);
  let at = k;
  for (let i = 0; i < k; i++) Psi[i * k + i] = (sd[i] / sigma) ** 2;
  if (lev.diagonal) return Psi;
  for (let j = 0; j < k; j++) {
    for (let i = j + 1; i < k; i++) {
      const r = Math.tanh(x[at++] / 2);
      Psi[i * k + j] = Psi[j * k + i] = (r * sd[i] * sd[j]) / sigma ** 2;
    }
  }
  return Psi;
}

/**
 * nlme's apVar: the approximate covariance of (structure parameters, natural random-effects
 * parameters, log σ) at the optimum, x0 the point, or nlme's message when it is not available.
 * lme() and gls() compute it in the fit (so does fitNlmeModel); intervals() only reads it.
 */
export type ApVar = { readonly x0: readonly number[]; /** Column-major k×k. */ readonly V: Float64Array } | { readonly error: string } | null;

/** apVar at the optimum (null without variance parameters: σ's interval is then a χ² one). */
export function approximateVariance(model: NlmeModel, opt: Optimum, sigmaHat: number): ApVar {
  if (model.layout.total === 0) return null;
  const { n, p } = model.frame;
  const Np = model.reml ? n - p : n;
  const nv = model.layout.varStruct[1];
  const nc = model.layout.corStruct[1] - model.layout.corStruct[0];
  const natural = naturalOf(model, opt.par, sigmaHat);
  const corNatural = model.corStruct?.natural;
  const corPar = model.slice(opt.par, 'corStruct');
  const x0 = [...model.slice(opt.par, 'varStruct'), ...(corNatural ? corNatural.from(corPar) : corPar), ...natural.flat(), Math.log(sigmaHat)];
  // the differences' steps in log σ alone leave par as it is for a gls (σ is profiled out of its
  // parameters): the criterion's parts once per distinct par (6 of 13 evaluations with 2 parameters)
  const partsAt = new Map<string, ReturnType<typeof criterionParts>>();
  const full = (x: readonly number[]): number => {
    const lsigma = x[x.length - 1];
    const sigma = Math.exp(lsigma);
    const re: number[] = [];
    let at = nv + nc;
    for (const lev of model.reLevels) {
      const k = lev.terms.length;
      const m = levelParCount(lev);
      const Psi = psiFromNatural(x.slice(at, at + m), lev, sigma);
      const th = lev.diagonal ? Array.from({ length: k }, (_, i) => 0.5 * Math.log(Psi[i * k + i])) : parFromPsi(Psi, k);
      if (!th) return NaN;
      re.push(...th);
      at += m;
    }
    const cor = corNatural ? corNatural.to(x.slice(nv, nv + nc)) : x.slice(nv, nv + nc);
    if (!cor) return NaN;
    // a Float64Array, as the optimizer passes: a plain array (of small integers or doubles) would be another
    // map at every site that reads par, and V8 deoptimized the criterion's code at each switch
    const par = Float64Array.from([...x.slice(0, nv), ...cor, ...re]);
    const key = par.join();
    let parts = partsAt.get(key);
    if (!partsAt.has(key)) partsAt.set(key, (parts = criterionParts(model, par, opt.fittedCovariate)));
    if (!parts) return NaN;
    return -0.5 * parts.logDetV - (model.reml ? parts.logDetRX : 0) - Np * lsigma - parts.rss / (2 * sigma * sigma);
  };
  // steps 1e-4 relative (at least 1e-4); the parameters are unbounded, so nothing is clamped
  const k = x0.length;
  const x = Float64Array.from(x0);
  const { hessian: H } = gradientHessian((y) => full(Array.from(y)), x, new Float64Array(k).fill(-Infinity), x.map((v) => 1e-4 * Math.max(1, Math.abs(v))));
  if (!H.every(Number.isFinite) || dsyev(H, k).w.some((v) => !(v < 0))) return { error: 'Non-positive definite approximate variance-covariance' };
  return { x0, V: dgetri(H.map((v) => -v), k) };
}

export function nlmeIntervals(model: NlmeModel, apVar: ApVar, coefficients: readonly CoefficientRow[], sigmaHat: number, level = 0.95): NlmeIntervals {
  const { n, p } = model.frame;
  const Np = model.reml ? n - p : n;
  // intervals.lme uses varFix, whose σ is the ML estimate for ML fits (summary() adjusts it to N − p)
  const scale = model.reLevels.length && !model.reml ? Math.sqrt((n - p) / n) : 1;
  const fixed = coefficients.map((c) => {
    const half = qt((1 + level) / 2, c.df) * c.stdError * scale;
    return { name: c.term, lower: c.estimate - half, est: c.estimate, upper: c.estimate + half };
  });
  if (apVar === null) {
    // no variance parameters: nlme's χ² interval for σ on N − REML·p df
    const est = sigmaHat * Math.sqrt(Np);
    const sigma = { name: 'sigma', lower: est / Math.sqrt(qchisq((1 + level) / 2, Np)), est: sigmaHat, upper: est / Math.sqrt(qchisq((1 - level) / 2, Np)) };
    return { level, fixed, sigma, varStruct: null, corStruct: null, reStruct: null, error: null };
  }
  const empty = { level, fixed, sigma: null, varStruct: null, corStruct: null, reStruct: null };
  if ('error' in apVar) return { ...empty, error: apVar.error };
  const { x0, V } = apVar;
  const nv = model.layout.varStruct[1];
  const nc = model.layout.corStruct[1] - model.layout.corStruct[0];
  const z = qnorm((1 + level) / 2);
  const se = x0.map((_, i) => Math.sqrt(V[i * x0.length + i]));
  const lo = x0.map((v, i) => v - z * se[i]);
  const hi = x0.map((v, i) => v + z * se[i]);
  const struct = (f: { printed: (x: number[]) => { names: string[]; values: number[] } } | undefined, from: number, count: number) => {
    if (!f || count === 0) return null;
    const est = f.printed(x0.slice(from, from + count));
    const l = f.printed(lo.slice(from, from + count)).values;
    const u = f.printed(hi.slice(from, from + count)).values;
    return est.names.map((name, k) => ({ name, lower: Math.min(l[k], u[k]), est: est.values[k], upper: Math.max(l[k], u[k]) }));
  };
  let at = nv + nc;
  const reStruct = model.reLevels.length
    ? model.reLevels.map((lev) => {
        const k = lev.terms.length;
        const rows: IntervalRow[] = [];
        for (let i = 0; i < k; i++) rows.push({ name: `sd(${lev.terms[i]})`, lower: Math.exp(lo[at + i]), est: Math.exp(x0[at + i]), upper: Math.exp(hi[at + i]) });
        let c = at + k;
        for (let j = 0; j < k && !lev.diagonal; j++) {
          for (let i = j + 1; i < k; i++, c++) rows.push({ name: `cor(${lev.terms[j]},${lev.terms[i]})`, lower: Math.tanh(lo[c] / 2), est: Math.tanh(x0[c] / 2), upper: Math.tanh(hi[c] / 2) });
        }
        at += levelParCount(lev);
        return { level: lev.name, rows };
      })
    : null;
  const s = x0.length - 1;
  return {
    level,
    fixed,
    sigma: { name: 'sigma', lower: Math.exp(lo[s]), est: sigmaHat, upper: Math.exp(hi[s]) },
    varStruct: struct(model.varFunc, 0, nv),
    corStruct: struct(model.corStruct?.natural ?? model.corStruct, nv, nc),
    reStruct,
    error: null,
  };
}

/** R's qchisq(prob, df) by bisection on the upper tail (prob in (0, 1)). */
function qchisq(prob: number, df: number): number {
  const target = 1 - prob;
  let lo = 0;
  let hi = Math.max(1, df);
  while (upperChisq(hi, df) > target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (upperChisq(mid, df) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
