/**
 * What the model builder shows beside its boxes, read from the builder's model: the columns already
 * used (greyed in the variable list) and why Fit is disabled. Pure: unit-tested in Node.
 */
import type { ColumnInfo } from '../../src-main/api/contract';
import { readBinomialResponse } from './binomialResponse';
import { quoteName, type BuilderModel } from './formulaTerms';

/** The columns the model uses: the response (a binomial response's successes and trials), fixed terms' variables, grouping factors. */
export function usedColumns(builder: BuilderModel, columns: readonly ColumnInfo[], binomial: boolean): Set<string> {
  const used = new Set<string>();
  const response = binomial ? readBinomialResponse(builder.response) : null;
  used.add(response ? response.successes : builder.response.replace(/^`|`$/g, ''));
  if (response && response.trials.kind !== 'single') used.add(response.trials.column);
  for (const t of builder.fixed) for (const c of columns) if (t.split(/[:*]/).includes(quoteName(c.name))) used.add(c.name);
  for (const r of builder.random) for (const g of [...r.nestedIn, r.group]) used.add(g);
  return used;
}

/** Why the model cannot be fitted yet, or null. With nlme the random part is given apart from the formula. */
export function fitDisabledReason(formulaText: string, builder: BuilderModel, hasIssue: boolean, nlme: boolean): string | null {
  if (!formulaText.trim()) return 'Choose a response and some effects first.';
  if (hasIssue) return 'Fix the formula first.';
  if (nlme && builder.random.length > 0) return 'With nlme the formula has fixed effects only: give the random part below (~ 1 | group).';
  if (!nlme && builder.random.length === 0) return 'Add a random effect (a mixed model needs at least one).';
  return null;
}
