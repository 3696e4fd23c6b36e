/**
 * The advisor for a count-model fit: how the fit ended (fitAdvice.ts), then what its residuals say
 * about the distribution (distributionAdvice.ts), warnings first. Made when the fit's report is made
 * (tmb.advice), so the app, the API and the CLI give the same advice for a stored fit.
 */
import { type SimulatedResidualsInfo } from '../../lmm/fitReport';
import { type TmbFit } from '../../tmb/fitTmb';
import { type TmbSummary } from '../../tmb/tmbSummary';
import { type CountFinding } from './countFinding';
import { distributionAdvice, poissonPearson } from './distributionAdvice';
import { fitAdvice } from './fitAdvice';

export function countAdvice(fit: TmbFit, s: TmbSummary, ziformula: string, simulated: SimulatedResidualsInfo | undefined): CountFinding[] {
  // Pearson's ratio where the variance is μ: a Poisson without a zero part
  const pearson = fit.family === 'poisson' && ziformula === '~0' && fit.fitted ? poissonPearson(fit.model.y, fit.fitted.response, s.dfResid) : null;
  const findings = [
    ...fitAdvice({ warnings: fit.warnings, converged: fit.converged, random: s.random, correlations: s.correlations, zi: s.zi, disp: s.disp }),
    ...distributionAdvice({ family: fit.family, ziformula, simulated, pearson }),
  ];
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
}
