/**
 * Inference on a GLMM's fixed effects as glmer users get it: Wald z tests of linear combinations of
 * β with vcov(β̂) (df = ∞), confint(m, method = "Wald"), and emmeans on the link or the response scale
 * (type = "response": means back-transformed with delta-method SEs and back-transformed limits;
 * bias.adjust adds σ²/2 · d²μ/dη² with σ² the total random-effect variance, as emmeans' default
 * sigma for a GLMM is not set — the caller gives it; pairwise comparisons under a log or logit link
 * become rate or odds ratios).
 */
import { QuadratError } from '../errors/quadratError';
import { type TTest } from '../inference/lmmInference';
import { qnorm, twoSidedT } from '../inference/distributions';
import { type IntervalRow } from '../inference/confintWald';
import { emmeans, type Emmeans, type EmmeansOptions } from '../inference/emmeans';
import { sdcorValues, varParamNames } from '../inference/parameterNames';
import { type GlmmFit } from './fitGlmm';

export class GlmmInference {
  constructor(readonly fit: GlmmFit) {}

  /** Wald z-test of Lᵀβ = rhs (the method argument is ignored: a GLMM's tests are asymptotic). */
  contest1D(L: ArrayLike<number>, _method?: unknown, rhs = 0): TTest {
    const { beta, vcov } = this.fit;
    const p = beta.length;
    if (L.length !== p) throw new QuadratError('model', `A contrast needs one coefficient per fixed effect (${p}); got ${L.length}.`);
    let estimate = 0;
    let variance = 0;
    for (let i = 0; i < p; i++) {
      estimate += L[i] * beta[i];
      for (let j = 0; j < p; j++) variance += L[i] * vcov[i * p + j] * L[j];
    }
    const stdError = Math.sqrt(variance);
    const tValue = (estimate - rhs) / stdError;
    return { estimate, stdError, df: Infinity, tValue, pValue: twoSidedT(tValue, Infinity) };
  }
}

/** confint(m, method = "Wald"): β̂ ± z SE; the variance parameters get no Wald interval (null), as in lme4. */
export function confintWaldGlmm(fit: GlmmFit, level = 0.95): IntervalRow[] {
  const { design } = fit.model;
  const p = design.p;
  const z = qnorm(1 - (1 - level) / 2);
  // SDs as VarCorr prints them (× σ for the families with a scale, which also get lme4's .sigma row)
  const values = sdcorValues(design, fit.theta, fit.sigma);
  const vp: IntervalRow[] = varParamNames(design).map((v, k) => ({ term: v.name, estimate: values[k], lower: null, upper: null }));
  if (fit.model.family.estimatesScale) vp.push({ term: 'sigma', estimate: fit.sigma, lower: null, upper: null });
  const fixed = design.fixedNames.map((term, j) => {
    const se = Math.sqrt(fit.vcov[j * p + j]);
    const b = fit.beta[j];
    return { term, estimate: b, lower: b - z * se, upper: b + z * se };
  });
  return [...vp, ...fixed];
}

export interface GlmmEmmeansOptions extends Omit<EmmeansOptions, 'ddf'> {
  type?: 'link' | 'response';
  /** emmeans' bias.adjust: the second-order correction for back-transforming a mean over random effects. */
  biasAdjust?: boolean;
}

export interface GlmmEmmeans extends Emmeans {
  type: 'link' | 'response';
  /** On the response scale under a log or logit link, contrasts are ratios (odds ratios, rate ratios). */
  ratio: 'odds ratio' | 'ratio' | null;
  /** σ used by the bias adjustment (√ of the summed random-intercept variances), null without. */
  sigma: number | null;
}

/** d²μ/dη² by a central difference of the link's μ'(η) (smooth for every link offered). */
export function secondDerivative(muEta: (eta: number) => number, eta: number): number {
  const h = 1e-4 * Math.max(1, Math.abs(eta));
  return (muEta(eta + h) - muEta(eta - h)) / (2 * h);
}

/** Σ of the random-effect variances of the intercepts (emmeans' advice for sigma in a GLMM). */
function totalInterceptSd(fit: GlmmFit): number {
  const vals = sdcorValues(fit.model.design, fit.theta, fit.sigma);
  const names = varParamNames(fit.model.design);
  let v = 0;
  names.forEach((n, k) => {
    if (/^sd_\(Intercept\)\|/.test(n.name)) v += vals[k] * vals[k];
  });
  return Math.sqrt(v);
}

export function glmmEmmeans(fit: GlmmFit, factor: string, options: GlmmEmmeansOptions = {}): GlmmEmmeans {
  const type = options.type ?? 'link';
  const link = fit.model.family.link;
  const base = emmeans(new GlmmInference(fit), factor, options);
  if (type === 'link') return { ...base, type, ratio: null, sigma: null };
  const sigma = options.biasAdjust ? totalInterceptSd(fit) : null;
  const toResponse = (eta: number) => link.linkinv(eta) + (sigma === null ? 0 : ((sigma * sigma) / 2) * secondDerivative(link.muEta, eta));
  const emm = base.emmeans.map((r) => {
    // emmeans' delta method: SE × |dμ/dη| (plus the bias term's derivative when adjusted)
    const slope = link.muEta(r.emmean) + (sigma === null ? 0 : ((sigma * sigma) / 2) * secondDerivative((e) => secondDerivative(link.muEta, e), r.emmean));
    return { ...r, emmean: toResponse(r.emmean), SE: Math.abs(slope) * r.SE, lowerCL: toResponse(r.lowerCL), upperCL: toResponse(r.upperCL) };
  });
  const ratio = link.name === 'logit' ? 'odds ratio' : link.name === 'log' ? 'ratio' : null;
  const contrasts = ratio
    ? base.contrasts.map((c) => ({ ...c, contrast: c.contrast.replace(' - ', ' / '), estimate: Math.exp(c.estimate), SE: Math.exp(c.estimate) * c.SE }))
    : base.contrasts;
  return { ...base, emmeans: emm, contrasts, type, ratio, sigma };
}
