/**
 * The outer parameters' starting values. glmmTMB's (mkTMBStruc, with a log or logit link): β, βzi,
 * βdisp, θ and psi all zero. One exception, lognormal: at φ = 1 and μ = 1 against responses in the
 * hundreds (reaction times) its Laplace objective falls towards a spurious optimum (the random effects
 * taking over the intercept, their SD large: sleep_lognormal reaches logLik −1993 from zero, −889 from
 * here), so the intercepts start at the moments, log ȳ and log sd(y), as a model without covariates
 * would have them; the optimum is glmmTMB's (test/engine/tmb/glmmTMB.test.ts).
 */
import { type TmbModel } from './tmbModel';

export function tmbStart(model: TmbModel): Float64Array {
  const x0 = new Float64Array(model.npar);
  if (model.family !== 'lognormal') return x0;
  const { y, n, blocks } = model;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, n - 1));
  const cond = blocks.cond.indexOf('(Intercept)');
  if (cond >= 0) x0[cond] = Math.log(mean);
  const disp = blocks.disp.indexOf('(Intercept)');
  if (disp >= 0 && sd > 0) x0[blocks.cond.length + blocks.zi.length + disp] = Math.log(sd);
  return x0;
}
