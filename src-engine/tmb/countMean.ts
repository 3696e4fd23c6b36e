/**
 * The means glmmTMB's predict() reports, from the linear predictors η (the family's link of μ), κ
 * (log φ) and ζ (logit π), with their derivatives for the delta method:
 * - `conditional`: the mean of the family's distribution, μ = linkinv(η) (log: e^η; logit, for
 *   beta_family and betabinomial's success probability: invlogit η; identity: η); with a zero-truncated
 *   family (a hurdle's count part) the truncated mean μ / (1 − f(0));
 * - `response`: the mean of the response, (1 − π) times the conditional mean (zero inflation: π is
 *   the probability of a structural zero; hurdle: the probability of a zero).
 */
import { isTruncated, linkOf, logZeroProbability, type TmbFamilyName, type ZiFamilyName } from './countDensity';
import { invlogit } from './families/logitLink';

export interface CountMean {
  /** the conditional mean and its derivatives in η and κ */
  cond: number; dCondEta: number; dCondKappa: number;
  /** π */
  zprob: number;
  /** the response mean (1 − π)·cond and its derivatives in η, κ and ζ */
  response: number; dEta: number; dKappa: number; dZeta: number;
}

/**
 * f(0) of the untruncated distribution (logZeroProbability's l0) and its derivatives in μ and κ = log φ:
 * ∂l0/∂μ is −1 (Poisson), l0/μ (NB1), −φ/(φ + μ) (NB2); ∂l0/∂κ is 0, −l0 − μ/(1 + φ), l0 + φμ/(φ + μ).
 */
function zeroProbability(f: ZiFamilyName, mu: number, phi: number): { p0: number; dMu: number; dKappa: number } {
  const l0 = logZeroProbability(f, mu, phi);
  const p0 = Math.exp(l0);
  if (f === 'truncated_poisson' || f === 'poisson') return { p0, dMu: -p0, dKappa: 0 };
  if (f === 'nbinom1') return { p0, dMu: (p0 * l0) / mu, dKappa: p0 * (-l0 - mu / (1 + phi)) };
  return { p0, dMu: (-p0 * phi) / (phi + mu), dKappa: p0 * (l0 + (phi * mu) / (phi + mu)) };
}

export function countMean(f: TmbFamilyName, eta: number, kappa: number, zeta: number): CountMean {
  const link = linkOf(f);
  const mu = link === 'log' ? Math.exp(eta) : link === 'logit' ? invlogit(eta) : eta;
  const zprob = zeta === -Infinity ? 0 : invlogit(zeta);
  let cond = mu, dCondEta = link === 'log' ? mu : link === 'logit' ? mu * (1 - mu) : 1, dCondKappa = 0;
  if (isTruncated(f)) {
    const z = zeroProbability(f as ZiFamilyName, mu, Math.exp(kappa));
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
