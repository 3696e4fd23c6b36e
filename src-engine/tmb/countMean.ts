/**
 * The means glmmTMB's predict() reports, from the linear predictors η (the family's link of μ), κ
 * (log φ) and ζ (logit π), with their derivatives for the delta method:
 * - `conditional`: the mean of the family's distribution, μ = linkinv(η) (log: e^η; logit, for
 *   beta_family and betabinomial's success probability: invlogit η; identity: η); with a zero-truncated
 *   family (a hurdle's count part) the truncated mean μ / (1 − f(0));
 * - `response`: the mean of the response, (1 − π) times the conditional mean (zero inflation: π is
 *   the probability of a structural zero; hurdle: the probability of a zero).
 */
import { isTruncated, linkOf, type TmbFamilyName } from './countDensity';
import { invlogit } from './families/logitLink';

export interface CountMean {
  /** the conditional mean and its derivatives in η and κ */
  cond: number; dCondEta: number; dCondKappa: number;
  /** π */
  zprob: number;
  /** the response mean (1 − π)·cond and its derivatives in η, κ and ζ */
  response: number; dEta: number; dKappa: number; dZeta: number;
}

/** f(0) of the untruncated distribution and its derivatives in μ and κ = log φ. */
function zeroProbability(f: TmbFamilyName, mu: number, phi: number): { p0: number; dMu: number; dKappa: number } {
  if (f === 'truncated_poisson' || f === 'poisson') {
    const p0 = Math.exp(-mu);
    return { p0, dMu: -p0, dKappa: 0 };
  }
  if (f === 'nbinom1') {
    // size μ/φ, prob 1/(1 + φ): log f(0) = −(μ/φ) log(1 + φ)
    const l = Math.log1p(phi);
    const p0 = Math.exp(-(mu / phi) * l);
    return { p0, dMu: -p0 * l / phi, dKappa: p0 * ((mu / phi) * l - (mu / phi) * phi / (1 + phi)) };
  }
  // nbinom2: log f(0) = φ (log φ − log(φ + μ)); d/dφ = log(φ/(φ + μ)) + μ/(φ + μ)
  const p0 = Math.exp(phi * (Math.log(phi) - Math.log(phi + mu)));
  return { p0, dMu: -p0 * phi / (phi + mu), dKappa: p0 * phi * (Math.log(phi / (phi + mu)) + mu / (phi + mu)) };
}

export function countMean(f: TmbFamilyName, eta: number, kappa: number, zeta: number): CountMean {
  const link = linkOf(f);
  const mu = link === 'log' ? Math.exp(eta) : link === 'logit' ? invlogit(eta) : eta;
  const zprob = zeta === -Infinity ? 0 : invlogit(zeta);
  let cond = mu, dCondEta = link === 'log' ? mu : link === 'logit' ? mu * (1 - mu) : 1, dCondKappa = 0;
  if (isTruncated(f)) {
    const z = zeroProbability(f, mu, Math.exp(kappa));
    const q = 1 - z.p0;
    cond = mu / q;
    dCondEta = mu * (1 / q + (mu * z.dMu) / (q * q));
    dCondKappa = (mu * z.dKappa) / (q * q);
  }
  return {
    cond, dCondEta, dCondKappa, zprob,
    response: (1 - zprob) * cond, dEta: (1 - zprob) * dCondEta, dKappa: (1 - zprob) * dCondKappa, dZeta: -zprob * (1 - zprob) * cond,
  };
}
