/**
 * brms's default flat prior on b leaves the posterior improper where the data are separated (a cell
 * at 0 % or 100 %, or only zero counts): the likelihood does not fall off towards ±∞ there, so neither
 * does the posterior, and the sampler wanders off. Detect that before fitting and offer the weakly
 * informative normal(0, 2.5) on b.
 */
import { type BrmsModel } from './brmsModel';
import { type UserPrior } from './priors';

export interface ImproperPosterior {
  readonly message: string;
  /** The prior to add instead of the flat one. */
  readonly suggestion: UserPrior;
}

export function improperPosterior(model: BrmsModel): ImproperPosterior | null {
  const sep = model.data.separation;
  if (!sep) return null;
  const flat = model.data.bNames.filter((_, k) => model.priors.b[k].family === 'flat');
  if (!flat.length) return null;
  return {
    message:
      `The posterior is improper: ${sep.cells.length === 1 ? 'a cell' : `${sep.cells.length} cells`} of the design ${sep.cells.length === 1 ? 'is' : 'are'} separated (${sep.cells.join('; ')}) ` +
      `and ${flat.length === model.data.bNames.length ? 'the coefficients have' : `${flat.join(', ')} ha${flat.length === 1 ? 's' : 've'}`} the flat default prior, so nothing keeps them finite. ` +
      'Put a weakly informative prior on the coefficients: normal(0, 2.5) on class b (on the logit or log scale, effects beyond ±5 are then unlikely but possible).',
    suggestion: { prior: 'normal(0, 2.5)', class: 'b' },
  };
}
