/**
 * Whether a model's response is counts (non-negative whole numbers), as the count-model chooser needs:
 * its seven candidates are Poisson and negative binomial models, which give a non-integer or negative
 * response no likelihood (glmmTMB warns "non-integer" and lme4's Poisson refuses negatives).
 */
import { buildDesign } from '../design/buildDesign';
import { rowList } from '../design/glmResponse';
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { readDoubleBars } from './doubleBar';

/** null when every used row's response is a non-negative integer; otherwise why it is not counts, with the rows. */
export function notCountsReason(table: Table, formula: string): string | null {
  let design;
  try {
    // read as a Poisson response: negative values and cbind() are refused there with the rows named
    design = buildDesign(table, readDoubleBars(formula).formula, { family: 'poisson' });
  } catch (e) {
    if (e instanceof QuadratError) return e.message;
    throw e;
  }
  const { y, rows, responseName } = design;
  const at: number[] = [];
  y.forEach((v, i) => {
    if (!(v >= 0 && Number.isInteger(v))) at.push(i);
  });
  if (at.length === 0) return null;
  return `${responseName} is not counts: it is ${y[at[0]]} in ${rowList(at, rows)}, and the count models need whole numbers of 0 or more.`;
}
