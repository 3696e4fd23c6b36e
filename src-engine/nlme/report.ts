/**
 * The serialisable report of a gls()/lme() fit, shaped as summary(gls)/summary(lme) prints it:
 * logLik, AIC, BIC, the t table with nlme's df, the variance-function and correlation parameters as
 * coef(…, unconstrained = FALSE) gives them, the random-effects SDs and correlations (VarCorr), σ,
 * and the response, Pearson and normalized residuals.
 */
import { withLazy } from '../report/lazyProperties';
import { twoSidedT } from '../inference/distributions';
import { forwardSolveLower, choleskyLowerInPlace } from '../linalg/denseCholesky';
import { residualAcf, type AcfResult } from './acf';
import { anovaTable, type AnovaRow } from './anova';
import { variogram, type VariogramPoints } from './variogram';
import { fixedDf } from './fixedDf';
import { type NlmeModel } from './model';
import { type Optimum } from './optimize';
import { randomEffects } from './randomReport';

export interface CoefficientRow {
  term: string;
  estimate: number;
  stdError: number;
  df: number;
  tValue: number;
  pValue: number;
}

export interface StructReport {
  className: string;
  formula: string;
  /** nlme's unconstrained parameters (what the optimizer moves). */
  unconstrained: number[];
  names: string[];
  values: number[];
}

export interface RandomReport {
  level: string;
  terms: string[];
  sd: number[];
  /** Row-major correlation matrix. */
  corr: number[];
  /** pdDiag: independent effects, printed by nlme as "Structure: Diagonal" without correlations. */
  diagonal?: boolean;
}

export interface RanefReport {
  level: string;
  /** Group labels (nested levels "outer/inner"), in R's level order. */
  labels: string[];
  terms: string[];
  /** Row-major: one row of conditional modes per group. */
  values: number[];
}

export interface NlmeReport {
  fn: 'gls' | 'lme';
  method: 'REML' | 'ML';
  nobs: number;
  logLik: number;
  /** Number of parameters (β, variance/correlation/random parameters, σ). */
  df: number;
  aic: number;
  bic: number;
  sigma: number;
  coefficients: CoefficientRow[];
  /** Which df the t and F tests use: nlme's containment rule (lme) or N − p (gls). */
  dfMethod: 'containment' | 'residual';
  /** Column-major p × p covariance of β̂. */
  vcov: number[];
  varStruct: StructReport | null;
  corStruct: StructReport | null;
  random: RandomReport[] | null;
  groups: Record<string, number> | null;
  /** ranef(fit): the conditional modes b̂ = ΨZᵀV⁻¹(y − Xβ̂) per level, outermost first (lme). */
  ranef: RanefReport[] | null;
  residuals: { response: number[]; pearson: number[]; normalized: number[] };
  fitted: number[];
  /** Denominator df per term (lme: containment; gls: N − p), intercept first when present. */
  termDf: number[];
  /** anova(fit): sequential F tests; anova(fit, type = "marginal"). */
  anova: AnovaRow[];
  anovaMarginal: AnovaRow[];
  /** ACF(fit, resType = "normalized"), for the ACF plot. */
  acf: AcfResult;
  /** Variogram(fit) of the Pearson residuals, for spatial correlation structures; else null. */
  variogram: VariogramPoints | null;
  warnings: string[];
  optimizer: { evaluations: number; outerIterations: number; converged: boolean };
}

/** Normalized residuals: the Pearson residuals of each correlation group times the inverse Cholesky factor of its C. */
function normalize(model: NlmeModel, par: Float64Array, pearson: Float64Array): Float64Array {
  const cor = model.corStruct;
  if (!cor) return pearson.slice();
  const out = pearson.slice();
  const rho = cor.correlation(model.slice(par, 'corStruct'));
  const corPar = model.slice(par, 'corStruct');
  for (const m of cor.members) {
    const nb = m.length;
    if (cor.normalize) {
      const z = cor.normalize(corPar, Float64Array.from(m, (i) => pearson[i]));
      m.forEach((i, a) => (out[i] = z[a]));
      continue;
    }
    const C = new Float64Array(nb * nb);
    for (let a = 0; a < nb; a++) for (let b = a; b < nb; b++) C[a * nb + b] = a === b ? 1 : rho(m[a], m[b]);
    choleskyLowerInPlace(C, nb);
    const r = Float64Array.from(m, (i) => pearson[i]);
    forwardSolveLower(C, nb, r);
    m.forEach((i, a) => (out[i] = r[a]));
  }
  return out;
}

/** The series nlme's ACF pools over: innermost random-effects groups (lme), correlation groups (gls), else all. */
function acfGroups(model: NlmeModel): number[][] {
  const levels = model.reLevels;
  if (levels.length) {
    const inner = levels[levels.length - 1];
    const groups: number[][] = inner.labels.map(() => []);
    inner.codes.forEach((c, i) => groups[c].push(i));
    return groups.filter((g) => g.length > 0);
  }
  if (model.corStruct) return model.corStruct.members.map((m) => [...m]);
  return [Array.from({ length: model.frame.n }, (_, i) => i)];
}

/** a·scale as a plain array (a loop: Array.from on a typed array goes through its iterator). */
function toArray(a: Float64Array, scale = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) out.push(a[i] * scale);
  return out;
}

/** A variance function's or correlation structure's parameters: unconstrained, and as nlme prints them. */
function structReport(
  model: NlmeModel,
  par: ArrayLike<number>,
  f: { className: string; formula: string; printed: (x: number[]) => { names: string[]; values: number[] } } | undefined,
  which: 'varStruct' | 'corStruct',
): StructReport | null {
  if (!f) return null;
  const u = model.slice(par, which);
  const pr = f.printed(u);
  return { className: f.className, formula: f.formula, unconstrained: u, names: pr.names, values: pr.values };
}

/** summary()'s t table; the p-value (an incomplete beta function, ~5 µs) on the first read: nlme's summary() computes it, not its fit. */
function coefficientRows(names: readonly string[], beta: ArrayLike<number>, vcov: readonly number[], df: readonly number[]) {
  const p = names.length;
  return names.map((term, j) => {
    const se = Math.sqrt(vcov[j * p + j]);
    const t = beta[j] / se;
    return withLazy({ term, estimate: beta[j], stdError: se, df: df[j], tValue: t }, { pValue: () => twoSidedT(t, df[j]) });
  });
}

/** Variogram(fit) of the Pearson residuals and the fitted structure's line, for spatial structures; else null. */
function variogramOf(model: NlmeModel, par: Float64Array, pearson: Float64Array): VariogramPoints | null {
  const cor = model.corStruct;
  if (!cor?.distance) return null;
  return { ...variogram(pearson, cor.members, cor.distance), model: cor.modelVariogram?.(model.slice(par, 'corStruct')) ?? null };
}

export function buildReport(model: NlmeModel, opt: Optimum): NlmeReport {
  const { frame } = model;
  const { n, p, y } = frame;
  const e = opt.evaluation;
  const par = opt.par;
  const lme = model.reLevels.length > 0;
  const reml = model.reml;
  const k = p + model.layout.total + 1;
  const sigma = e.sigma;
  // nlme scales Var(β̂) by rss/(N − p) whatever the method (gls: σ̂·sqrt((N − REML·p)/(N − p)); lme likewise)
  const s2 = e.rss / (n - p);
  const vcov = toArray(e.unscaledVarBeta, s2);
  const fixed = frame.design.fixedTerms;
  const assign = fixed?.assign ?? new Int32Array(p);
  const termIds = Array.from(new Set(Array.from(assign)));
  const dfs = lme
    ? fixedDf(frame.X, n, p, assign, termIds, model.reLevels.map((l) => ({ codes: l.codes, count: new Set(l.codes).size })))
    : { columns: new Array<number>(p).fill(n - p), terms: termIds.map(() => n - p) };
  const coefficients = coefficientRows(frame.names, e.beta, vcov, dfs.columns);
  const { random, ranef } = lme ? randomEffects(model, par, e.vInvResid, sigma) : { random: null, ranef: null };
  const response: number[] = [];
  const pearson = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = y[i] - e.fitted[i];
    response.push(r);
    pearson[i] = (r * Math.exp(e.logW[i])) / sigma;
  }
  // what nlme computes only when asked (anova(), ACF(), Variogram(), resid(type = "n")) is computed on
  // the first read, so the fit pays for none of it; the getters are enumerable and keep the key order
  const residuals = withLazy({ response, pearson: toArray(pearson) }, { normalized: () => Array.from(normalize(model, par, pearson)) });
  const nobsBic = reml ? n - p : n;
  const labels = fixed ? [...(fixed.intercept ? ['(Intercept)'] : []), ...fixed.labels] : frame.names;
  const anovaInput = {
    beta: e.beta,
    LX: e.LX,
    sigma2: e.rss / (n - p),
    terms: termIds.map((t, k) => ({
      label: fixed ? labels[fixed.intercept ? t : t - 1] : frame.names[k],
      columns: Array.from({ length: p }, (_, j) => j).filter((j) => assign[j] === t),
      denDf: dfs.terms[k],
    })),
  };
  const head = {
    fn: lme ? ('lme' as const) : ('gls' as const),
    method: reml ? ('REML' as const) : ('ML' as const),
    nobs: n,
    logLik: e.logLik,
    df: k,
    aic: -2 * e.logLik + 2 * k,
    bic: -2 * e.logLik + Math.log(nobsBic) * k,
    sigma,
    coefficients,
    dfMethod: lme ? ('containment' as const) : ('residual' as const),
    vcov,
    varStruct: structReport(model, par, model.varFunc, 'varStruct'),
    corStruct: structReport(model, par, model.corStruct, 'corStruct'),
    random,
    ranef,
    groups: lme ? Object.fromEntries(model.reLevels.map((l) => [l.name, new Set(l.codes).size])) : null,
    residuals,
    fitted: toArray(e.fitted),
    termDf: dfs.terms,
  };
  const lazy = withLazy(head, {
    anova: () => anovaTable(anovaInput, 'sequential'),
    anovaMarginal: () => anovaTable(anovaInput, 'marginal'),
    acf: () => residualAcf(residuals.normalized, acfGroups(model)),
    variogram: () => variogramOf(model, par, pearson),
  });
  return Object.assign(lazy, {
    warnings: [...frame.warnings, ...(opt.converged ? [] : ['The optimizer did not converge; treat the estimates with caution.'])],
    optimizer: { evaluations: opt.evaluations, outerIterations: opt.outerIterations, converged: opt.converged },
  });
}
