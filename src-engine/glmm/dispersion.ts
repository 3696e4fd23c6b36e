/**
 * The scale of a GLMM whose family has one (Gamma, inverse.gaussian, gaussian), as lme4 reports it.
 * glmer does not estimate it inside the Laplace objective: the objective's aic() term plugs in the
 * moment estimate dev/n (R's family$aic), and afterwards sigma() is mkMerMod's sigmaML,
 * √(pwrss / n) with pwrss = Σ Pearson residual² + ‖u‖² at the modes. For binomial and Poisson σ = 1.
 */
import { rowList } from '../design/glmResponse';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
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

/**
 * gaussian(link = "log") needs y > 0 and link = "inverse" needs y ≠ 0 to start, as R's
 * gaussian()$initialize refuses ("cannot find valid starting values"); name the rows instead.
 */
export function checkGaussianLinkResponse(family: Family, design: MixedDesign): void {
  if (family.name !== 'gaussian' || family.link.name === 'identity') return;
  const log = family.link.name === 'log';
  const bad: number[] = [];
  design.y.forEach((y, i) => {
    if (log ? !(y > 0) : y === 0) bad.push(i);
  });
  if (bad.length === 0) return;
  throw new QuadratError(
    'data',
    `The gaussian family with the ${family.link.name} link needs ${log ? 'positive responses' : 'responses other than zero'} to start, but the response is ${log ? 'zero or negative' : 'zero'} in ${rowList(bad, design.rows)}. ` +
      'Remove those rows, or use the identity link (a linear mixed model).',
    { line: design.rows[bad[0]] + 1 },
  );
}
