/**
 * The response of a glmmTMB model as its family reads it, with the rows that cannot be right refused
 * by their data-row numbers: counts (negative ones refused) for the count families and genpois;
 * cbind(successes, failures) (or 0/1) for betabinomial, whose y is then the successes and size the
 * trials; values strictly inside (0, 1) for beta_family; positive values for Gamma; non-negative
 * values for tweedie.
 */
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type ResponseFamily, rowList } from '../design/glmResponse';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { type TmbFamilyName } from './countDensity';

/** How buildDesign reads the response for a glmmTMB family. */
export function responseFamily(f: TmbFamilyName): ResponseFamily {
  if (f === 'betabinomial') return 'binomial';
  if (f === 'Gamma') return 'Gamma';
  if (f === 'beta_family' || f === 'tweedie' || f === 'lognormal' || f === 'gaussian') return 'gaussian';
  return 'poisson';
}

export interface TmbResponse {
  design: MixedDesign;
  /** the response as the density takes it (betabinomial: successes) */
  y: Float64Array;
  /** betabinomial: trials */
  size?: Float64Array;
}

export function tmbResponse(table: Table, formula: string, family: TmbFamilyName): TmbResponse {
  const design = buildDesign(table, formula, { family: responseFamily(family) });
  const { y, rows, responseName } = design;
  const refuse = (bad: (v: number) => boolean, what: string) => {
    const at: number[] = [];
    y.forEach((v, i) => { if (bad(v)) at.push(i); });
    if (at.length) throw new QuadratError('data', `${family} ${what}, but ${responseName} is ${y[at[0]]} in ${rowList(at, rows)}.`, { columnName: responseName, line: rows[at[0]] + 1 });
  };
  if (family === 'beta_family') refuse((v) => !(v > 0 && v < 1), 'needs proportions strictly between 0 and 1 (for exact 0s and 1s use betabinomial with the counts, or shrink them)');
  if (family === 'tweedie') refuse((v) => !(v >= 0), 'needs non-negative values');
  if (family === 'lognormal') refuse((v) => !(v > 0), 'needs positive values');
  if (family !== 'betabinomial') return { design, y };
  const size = design.trials ?? new Float64Array(design.n).fill(1);
  return { design, y: y.map((p, i) => Math.round(p * size[i])), size };
}
