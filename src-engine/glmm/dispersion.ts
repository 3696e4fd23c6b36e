/**
 * The scale of a GLMM whose family has one (Gamma, inverse.gaussian, gaussian), as lme4 reports it.
 * glmer does not estimate it inside the Laplace objective: the objective's aic() term plugs in the
 * moment estimate dev/n (R's family$aic), and afterwards sigma() is mkMerMod's sigmaML,
 * √(pwrss / n) with pwrss = Σ Pearson residual² + ‖u‖² at the modes. For binomial and Poisson σ = 1.
 */
import { type Family, type GlmResponse } from './family';

export function glmmSigma(family: Family, resp: GlmResponse, mu: Float64Array, ussq: number): number {
  if (!family.estimatesScale) return 1;
  let wrss = 0;
  for (let i = 0; i < mu.length; i++) {
    const r = resp.y[i] - mu[i];
    wrss += (resp.weights[i] * r * r) / family.variance(mu[i]);
  }
  return Math.sqrt((wrss + ussq) / mu.length);
}
