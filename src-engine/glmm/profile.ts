/**
 * Profile-likelihood intervals of a GLMM, as confint(m, method = "profile"): for each β_j and the SD of
 * each scalar random effect, the values where the profiled objective (every other parameter
 * re-optimised) rises by the χ²₁ quantile above its minimum — where the signed root ζ crosses
 * ±z_{1−α/2}. ζ is nearly linear in the parameter, so the crossing is found by the secant method on ζ
 * from a Wald-sized first step. An SD whose profile stays below the quantile at 0 has lower limit 0.
 * The SDs of vector-valued terms and correlations are not profiled here (their rows are null).
 */
import { QuadratError } from '../errors/quadratError';
import { type IntervalRow } from '../inference/confintWald';
import { qnorm } from '../inference/distributions';
import { sdcorValues, varParamNames } from '../inference/parameterNames';
import { minimizeWithFallback } from '../optim/minimize';
import { type GlmmFit } from './fitGlmm';

export interface ProfileOptions {
  level?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
}

export function confintProfileGlmm(fit: GlmmFit, options: ProfileOptions = {}): IntervalRow[] {
  const { model } = fit;
  const { design } = model;
  const k = model.nTheta;
  const p = design.p;
  const nAGQ = fit.nAGQ;
  if (model.family.estimatesScale) {
    throw new QuadratError('model', `Profile intervals are not available for a ${model.family.name} GLMM: its scale is not a parameter of glmer's objective (lme4 refuses too: "can't (yet) profile GLMMs with non-fixed scale parameters"). Use Wald or bootstrap intervals.`);
  }
  if (nAGQ === 0) throw new QuadratError('model', 'Profile intervals need a Laplace or quadrature fit (nAGQ ≥ 1): with nAGQ = 0 the fixed effects are not parameters of the objective.');
  const level = options.level ?? 0.95;
  const zCrit = qnorm(1 - (1 - level) / 2);
  const par0 = Float64Array.from([...fit.theta, ...fit.beta]);
  const lower = Float64Array.from([...model.thetaLayout.lower, ...new Array<number>(p).fill(-Infinity)]);
  const f = (x: Float64Array) => model.objective(x, nAGQ);
  const fMin = f(par0);
  // scales for the inner optimisation and the first step: Wald SEs for β, a fraction of θ (or 0.1)
  const scale = Array.from(par0, (v, i) => (i < k ? Math.max(Math.abs(v) * 0.25, 0.05) : Math.sqrt(fit.vcov[(i - k) * p + (i - k)])));

  // which parameters: scalar random-effect terms' θ (their SD, σ = 1) and every β
  const names = varParamNames(design);
  const values = sdcorValues(design, fit.theta, 1);
  const scalarTheta = new Map<number, number>(); // varParamNames index → θ index
  let th = 0;
  design.reterms.forEach((t) => {
    const S = t.termNames.length;
    if (S === 1) scalarTheta.set(names.findIndex((n) => n.term === design.reterms.indexOf(t) && n.row === 0 && n.col === 0), th);
    th += (S * (S + 1)) / 2;
  });
  const targets = [...scalarTheta.values(), ...Array.from({ length: p }, (_, j) => k + j)];
  const total = 2 * targets.length;
  let done = 0;

  /** ζ at parameter q fixed at v: the other parameters re-optimised from `warm` (updated in place). */
  const zeta = (q: number, v: number, warm: Float64Array): number => {
    if (options.signal?.aborted) throw new QuadratError('cancelled', 'The profile was cancelled.');
    const free = Array.from({ length: k + p }, (_, i) => i).filter((i) => i !== q);
    const full = (x: Float64Array) => {
      const par = warm.slice();
      par[q] = v;
      free.forEach((i, a) => (par[i] = warm[i] + scale[i] * x[a]));
      return par;
    };
    const lo = Float64Array.from(free, (i) => (lower[i] === -Infinity ? -Infinity : (lower[i] - warm[i]) / scale[i]));
    const r = minimizeWithFallback((x) => f(full(x)), new Float64Array(free.length), { lower: lo, rhobeg: 0.2, rhoend: 1e-7, ftolAbs: 1e-10, maxEvaluations: 20_000, signal: options.signal });
    warm.set(full(r.x));
    const dev = Math.max(r.f - fMin, 0);
    return Math.sign(v - par0[q]) * Math.sqrt(dev);
  };

  /** The crossing ζ = ±zCrit on one side (dir = ±1), or the bound when the profile never reaches it. */
  const crossing = (q: number, dir: 1 | -1): number => {
    const warm = par0.slice();
    const target = dir * zCrit;
    let v0 = par0[q];
    let z0 = 0;
    let v1 = par0[q] + dir * zCrit * scale[q];
    if (v1 < lower[q]) v1 = lower[q];
    let z1 = zeta(q, v1, warm);
    for (let it = 0; it < 40; it++) {
      if (v1 === lower[q] && dir * z1 < zCrit) return lower[q]; // still inside at the bound
      if (Math.abs(z1 - target) < 1e-6) return v1;
      let v2 = z1 === z0 ? v1 + dir * scale[q] : v1 + ((target - z1) * (v1 - v0)) / (z1 - z0);
      // stay on this side and do not leap: at most 3 scales per step
      if ((v2 - par0[q]) * dir <= 0) v2 = (v1 + par0[q]) / 2;
      v2 = Math.min(Math.max(v2, v1 - 3 * scale[q]), v1 + 3 * scale[q]);
      if (v2 < lower[q]) v2 = lower[q];
      v0 = v1;
      z0 = z1;
      v1 = v2;
      z1 = zeta(q, v1, warm);
    }
    throw new QuadratError('fit', `The profile of parameter ${q + 1} did not reach its limit; the likelihood may be flat there (separation, or a variance at zero).`);
  };

  const limits = new Map<number, [number, number]>();
  for (const q of targets) {
    const lowerLimit = crossing(q, -1);
    options.onProgress?.(++done, total);
    const upperLimit = crossing(q, 1);
    options.onProgress?.(++done, total);
    limits.set(q, [lowerLimit, upperLimit]);
  }
  const vp: IntervalRow[] = names.map((n, i) => {
    const q = scalarTheta.get(i);
    const lim = q === undefined ? undefined : limits.get(q);
    return { term: n.name, estimate: values[i], lower: lim ? Math.abs(lim[0]) : null, upper: lim ? Math.abs(lim[1]) : null };
  });
  const fixed = design.fixedNames.map((term, j) => {
    const [lo, hi] = limits.get(k + j)!;
    return { term, estimate: fit.beta[j], lower: lo, upper: hi };
  });
  return [...vp, ...fixed];
}
