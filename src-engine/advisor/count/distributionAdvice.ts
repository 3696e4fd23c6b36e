/**
 * Advice on a count model's distribution from its residuals: overdispersion (→ a negative binomial),
 * underdispersion, excess zeros (→ zero inflation or a hurdle) and too few zeros. The evidence is
 * DHARMa's tests on simulations of the fit (simulateTmb.ts) and, for a Poisson fit without a zero
 * part, Pearson χ²/df.resid (Bolker's overdisp_fun, the rule glmer fits use: isOverdispersed):
 * with new random effects in every simulation DHARMa's dispersion test is conservative (Salamanders
 * as Poisson: ratio 1.7, p = .16), while Pearson's ratio reads the fit's own random effects.
 */
import { isOverdispersed } from '../../glmm/overdispersed';
import { upperChisq } from '../../inference/distributions';
import { type SimulatedResidualsInfo } from '../../lmm/fitReport';
import { type TmbFamilyName } from '../../tmb/countDensity';
import { type CountFinding, type CountFix, pText } from './countFinding';

export interface PearsonDispersion {
  chisq: number;
  df: number;
  ratio: number;
  pValue: number;
}

export interface DistributionInput {
  family: TmbFamilyName;
  /** "~0" when there is no zero part */
  ziformula: string;
  simulated?: SimulatedResidualsInfo;
  pearson?: PearsonDispersion | null;
}

const ALPHA = 0.05;

/** Σ (y − μ)²/μ over df.resid: the Pearson dispersion of a Poisson fit (μ the conditional means, random effects included). */
export function poissonPearson(y: ArrayLike<number>, mu: readonly number[], dfResid: number): PearsonDispersion {
  let chisq = 0;
  for (let i = 0; i < mu.length; i++) chisq += (y[i] - mu[i]) ** 2 / mu[i];
  return { chisq, df: dfResid, ratio: chisq / dfResid, pValue: upperChisq(chisq, dfResid) };
}

const NB_OF: Partial<Record<TmbFamilyName, TmbFamilyName[]>> = {
  poisson: ['nbinom2', 'nbinom1'],
  truncated_poisson: ['truncated_nbinom2'],
  nbinom2: ['nbinom1'],
  nbinom1: ['nbinom2'],
};

function overdispersion(x: DistributionInput): CountFinding | null {
  const sim = x.simulated?.dispersion;
  const simSays = sim !== undefined && sim.pValue < ALPHA && sim.ratio > 1;
  if (!simSays && !isOverdispersed(x.pearson)) return null;
  const evidence = [
    x.pearson ? `Pearson χ²/df = ${x.pearson.ratio.toFixed(2)} (χ² = ${x.pearson.chisq.toFixed(1)} on ${x.pearson.df} df, p ${pText(x.pearson.pValue)})` : null,
    sim ? `simulated dispersion ratio ${sim.ratio.toFixed(2)} (p ${pText(sim.pValue)}${simSays ? '' : '; this test is conservative when each simulation draws new random effects'})` : null,
  ].filter(Boolean).join('; ');
  const poisson = x.family === 'poisson' || x.family === 'truncated_poisson';
  const fixes: CountFix[] = (NB_OF[x.family] ?? []).map((family) => ({ label: `Fit ${family}${x.ziformula === '~0' ? '' : `, zero part ${x.ziformula}`}`, family, ziformula: x.ziformula }));
  return {
    code: 'overdispersion',
    severity: 'warning',
    title: poisson ? 'The counts vary more than a Poisson allows' : `The counts vary more than the ${x.family} model allows`,
    meaning: `${evidence}. Overdispersed counts make the standard errors too small and the p-values too optimistic.`,
    action: poisson
      ? 'Fit a negative binomial: nbinom2 (variance μ(1 + μ/φ), growing with the square of the mean) or nbinom1 (variance μ(1 + φ), proportional to it), and compare their AIC. ' +
        'Extra zeros also look like overdispersion, so check the zeros again on the negative binomial fit.'
      : 'Try the other negative binomial (its variance grows differently with the mean), a dispersion formula with the covariate that may change the spread (e.g. ~ mined), ' +
        'or a covariate the model is missing; compare by AIC.',
    fixes,
  };
}

function underdispersion(x: DistributionInput): CountFinding | null {
  const sim = x.simulated?.dispersion;
  if (!sim || sim.pValue >= ALPHA || sim.ratio >= 1) return null;
  return {
    code: 'underdispersion',
    severity: 'info',
    title: 'The counts vary less than the model expects',
    meaning: `Simulated dispersion ratio ${sim.ratio.toFixed(2)} (p ${pText(sim.pValue)}): the tests of this model are conservative (p-values too large).`,
    action: 'Often harmless. A generalized Poisson (genpois) allows a variance below the mean; a negative binomial with a large φ is close to the Poisson and cannot.',
    fixes: x.ziformula === '~0' && (x.family === 'poisson' || x.family === 'nbinom2' || x.family === 'nbinom1') ? [{ label: 'Fit genpois', family: 'genpois', ziformula: '~0' }] : [],
  };
}

const HURDLE_OF: Partial<Record<TmbFamilyName, TmbFamilyName>> = { poisson: 'truncated_poisson', nbinom2: 'truncated_nbinom2' };

function zeros(x: DistributionInput): CountFinding | null {
  const z = x.simulated?.zeroInflation;
  if (!z || z.pValue >= ALPHA) return null;
  const counted = `${z.observed} zeros observed, ${z.expected.toFixed(1)} expected from simulations of the fit (p ${pText(z.pValue)})`;
  if (z.ratio < 1) {
    return {
      code: 'too-few-zeros',
      severity: 'info',
      title: 'Fewer zeros than the model predicts',
      meaning: `${counted}.`,
      action: x.ziformula === '~0'
        ? 'The distribution puts too much weight on zero; look at the simulated residuals against the predictions for where the model misses.'
        : 'The zero part may be more than the data need: compare by AIC with the model without it.',
      fixes: x.ziformula !== '~0' && !x.family.startsWith('truncated_') ? [{ label: `Fit ${x.family} without the zero part`, family: x.family, ziformula: '~0' }] : [],
    };
  }
  if (x.ziformula !== '~0') {
    return {
      code: 'excess-zeros',
      severity: 'warning',
      title: 'More zeros than even the zero part predicts',
      meaning: `${counted}. The zero part (${x.ziformula}) does not take up all of the excess.`,
      action: 'Give the zero part the covariates that make a zero more likely where it is (e.g. ~ spp, or a random intercept ~ 1 + (1 | site)), or a negative binomial for the counts.',
      fixes: [],
    };
  }
  const hurdle = HURDLE_OF[x.family];
  const fixes: CountFix[] = x.family.startsWith('truncated_') ? [] : [{ label: `Fit ${x.family} with zero inflation ~ 1`, family: x.family, ziformula: '~1' }];
  if (hurdle) fixes.push({ label: `Fit a hurdle ${hurdle} with zero part ~ 1`, family: hurdle, ziformula: '~1' });
  return {
    code: 'excess-zeros',
    severity: 'warning',
    title: 'More zeros than the model predicts',
    meaning: `${counted}. Extra zeros bias the count model's estimates towards zero and make the residuals non-uniform.`,
    action: 'Zero inflation (ziformula ~ 1) adds zeros from a separate process (a site never occupied) on top of the count distribution’s own; a hurdle model ' +
      'gives every zero to one process and the positive counts to a zero-truncated distribution. ' +
      (x.family === 'poisson' ? 'With a Poisson, overdispersion also produces extra zeros: a negative binomial may remove the excess without a zero part. ' : '') +
      'Choose a count model (in the builder) fits these side by side.',
    fixes,
  };
}

export function distributionAdvice(x: DistributionInput): CountFinding[] {
  return [overdispersion(x), underdispersion(x), zeros(x)].filter((f): f is CountFinding => f !== null);
}
