/**
 * confint(m, method = "Wald"): β̂ ± z_{1−α/2} SE for the fixed effects; lme4 gives no Wald interval for
 * the variance parameters (NA rows, here null).
 */
import { type LmmFit } from '../lmm/fitDesign';
import { qnorm } from './distributions';
import { sdcorValues, varParamNames } from './parameterNames';

export interface IntervalRow {
  term: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
}

export function confintWald(fit: LmmFit, level = 0.95): IntervalRow[] {
  const design = fit.model.design;
  const { p } = design;
  const z = qnorm(1 - (1 - level) / 2);
  const s2 = fit.sigma * fit.sigma;
  const values = sdcorValues(design, fit.theta, fit.sigma);
  const vp: IntervalRow[] = varParamNames(design).map((v, k) => ({ term: v.name, estimate: values[k], lower: null, upper: null }));
  vp.push({ term: 'sigma', estimate: fit.sigma, lower: null, upper: null });
  const fixed = design.fixedNames.map((term, j) => {
    const se = Math.sqrt(s2 * fit.pls.unscaledVcov[j * p + j]);
    const b = fit.pls.beta[j];
    return { term, estimate: b, lower: b - z * se, upper: b + z * se };
  });
  return [...vp, ...fixed];
}
