/**
 * The response of a GLMM in every form R's families accept, as family$initialize reads it:
 * binomial 0/1 numbers, logical, a factor (first level = failure), cbind(successes, failures) or a
 * proportion with weights = trials; counts for poisson; positive numbers for Gamma and
 * inverse.gaussian. Rows that cannot be right are refused with their data-row numbers.
 */
import { QuadratError } from '../errors/quadratError';
import { type FormulaAnalysis } from '../formula/analyze';
import { labelOf } from './modelFrame';
import { type Value } from './values';

export type ResponseFamily = 'binomial' | 'poisson' | 'Gamma' | 'inverse.gaussian' | 'gaussian';

export interface GlmResponseValues {
  /** The response as the family sees it (binomial: the proportion of successes). */
  readonly y: Float64Array;
  /** Binomial trials from cbind (successes + failures); undefined for the other forms. */
  readonly trials: Float64Array | undefined;
  /** How the response was given, for messages and the exported R code. */
  readonly form: 'numeric' | 'logical' | 'factor' | 'cbind';
}

/** "rows 3, 17 and 44" / "rows 3, 17, 44, … (12 in all)": data-row numbers (1-based, as in the grid). */
export function rowList(bad: number[], rows: Int32Array): string {
  const shown = bad.slice(0, 5).map((i) => rows[i] + 1);
  const more = bad.length > 5 ? `, … (${bad.length} in all)` : '';
  return `${bad.length === 1 ? 'row' : 'rows'} ${shown.join(', ')}${more}`;
}

function where(x: Float64Array, bad: (v: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (bad(x[i])) out.push(i);
  return out;
}

function numericPart(v: Value, label: string): Float64Array {
  if (v.type === 'numeric') return v.values;
  if (v.type === 'logical') return Float64Array.from(v.values);
  throw new QuadratError('model', `${label} in cbind() must be a numeric count column.`, { columnName: label });
}

function binomialResponse(a: FormulaAnalysis, value: (label: string) => Value, rows: Int32Array, weighted: boolean, warnings: string[]): GlmResponseValues {
  const label = a.response.label;
  if (a.response.parts) {
    if (a.response.parts.length !== 2) throw new QuadratError('formula', 'cbind() needs exactly two columns: cbind(successes, failures).', { column: a.response.expr.start + 1 });
    const [sLabel, fLabel] = a.response.parts.map(labelOf);
    const s = numericPart(value(sLabel), sLabel);
    const f = numericPart(value(fLabel), fLabel);
    const negS = where(s, (v) => v < 0);
    if (negS.length) throw new QuadratError('data', `Negative successes (${sLabel}) in ${rowList(negS, rows)}: counts cannot be negative.`, { columnName: sLabel, line: rows[negS[0]] + 1 });
    const negF = where(f, (v) => v < 0);
    if (negF.length) {
      const hint = /-/.test(fLabel) ? ` — more successes than trials there` : '';
      throw new QuadratError('data', `Negative failures (${fLabel}) in ${rowList(negF, rows)}${hint}. The second column of cbind() counts failures; check the data.`, { line: rows[negF[0]] + 1 });
    }
    const n = s.length;
    const y = new Float64Array(n);
    const trials = new Float64Array(n);
    let fractional = false;
    for (let i = 0; i < n; i++) {
      trials[i] = s[i] + f[i];
      y[i] = trials[i] === 0 ? 0 : s[i] / trials[i];
      if (Math.abs(s[i] - Math.round(s[i])) > 1e-3 || Math.abs(f[i] - Math.round(f[i])) > 1e-3) fractional = true;
    }
    if (fractional) warnings.push('non-integer counts in a binomial glm! (the cbind() columns should hold whole numbers of successes and failures)');
    return { y, trials, form: 'cbind' };
  }
  const v = value(label);
  switch (v.type) {
    case 'factor': {
      if (v.levels.length > 2) warnings.push(`The response ${label} has ${v.levels.length} levels: as in R, "${v.levels[0]}" is a failure and every other level a success.`);
      return { y: Float64Array.from(v.codes, (c) => (c > 0 ? 1 : 0)), trials: undefined, form: 'factor' };
    }
    case 'logical':
      return { y: Float64Array.from(v.values), trials: undefined, form: 'logical' };
    case 'matrix':
      throw new QuadratError('model', `The response ${label} has several columns; write cbind(successes, failures).`, { columnName: label });
    case 'numeric': {
      const y = v.values;
      const out = where(y, (x) => x < 0 || x > 1);
      if (out.length) {
        throw new QuadratError('data', `A binomial response must be 0/1 or a proportion between 0 and 1, but ${label} is outside [0, 1] in ${rowList(out, rows)}. For counts of successes out of trials write cbind(successes, trials - successes), or give the proportion with weights = trials.`, { columnName: label, line: rows[out[0]] + 1 });
      }
      const fractional = where(y, (x) => x !== 0 && x !== 1);
      if (fractional.length && !weighted) {
        throw new QuadratError('data', `${label} holds proportions (e.g. ${rowList(fractional, rows)}) but no weights say out of how many trials. Give the number of trials as the weights column, or write cbind(successes, trials - successes).`, { columnName: label, line: rows[fractional[0]] + 1 });
      }
      return { y, trials: undefined, form: 'numeric' };
    }
  }
}

export function glmResponseValues(a: FormulaAnalysis, value: (label: string) => Value, rows: Int32Array, family: ResponseFamily, weighted: boolean, warnings: string[]): GlmResponseValues {
  if (family === 'binomial') return binomialResponse(a, value, rows, weighted, warnings);
  const label = a.response.label;
  if (a.response.parts) throw new QuadratError('model', `cbind(successes, failures) is a binomial response; the ${family} family needs one numeric column.`, { column: a.response.expr.start + 1 });
  const v = value(label);
  if (v.type === 'factor') throw new QuadratError('model', `The response ${label} is a factor; the ${family} family needs numbers${family === 'poisson' ? ' (counts)' : ''}. For a yes/no response choose the binomial family.`, { columnName: label });
  if (v.type === 'matrix') throw new QuadratError('model', `The response ${label} has several columns; the ${family} family needs one.`, { columnName: label });
  const y = v.type === 'logical' ? Float64Array.from(v.values) : v.values;
  if (family === 'poisson') {
    const neg = where(y, (x) => x < 0);
    if (neg.length) throw new QuadratError('data', `Counts cannot be negative, but ${label} is negative in ${rowList(neg, rows)}.`, { columnName: label, line: rows[neg[0]] + 1 });
    const frac = where(y, (x) => x !== Math.round(x));
    if (frac.length) warnings.push(`${label} is not a whole number in ${rowList(frac, rows)}: the Poisson family is for counts (R warns "non-integer x" there too).`);
  } else if (family === 'Gamma' || family === 'inverse.gaussian') {
    const bad = where(y, (x) => !(x > 0));
    if (bad.length) throw new QuadratError('data', `The ${family} family needs positive values, but ${label} is zero or negative in ${rowList(bad, rows)}.`, { columnName: label, line: rows[bad[0]] + 1 });
  }
  return { y, trials: undefined, form: v.type === 'logical' ? 'logical' : 'numeric' };
}
