/**
 * Separation in a binomial (or Poisson) GLMM: a cell of the fixed-effects design — a level of a factor
 * term, or a combination of levels of an interaction of factors — where every response is 0 (0%) or
 * every one is 1 (100%), or, for counts, every count is 0. There the maximum-likelihood estimate is
 * at ±∞: glmer stops at ±20–30 with enormous standard errors, which are not results. The check reads
 * the data only, so it names the same cells before and after a fit.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { type FixedEffectRow, type Separation } from '../lmm/fitReport';

interface Cell {
  label: string;
  kind: '0%' | '100%' | 'all zero';
  rows: number;
  term: string;
}

/** "treatmentexposed:populationWild" → "treatment = exposed, population = Wild". */
function describeCell(name: string, variables: readonly string[]): string {
  const parts = name.split(':');
  return parts
    .map((part, i) => {
      const v = variables[i];
      return v && part.startsWith(v) ? `${v} = ${part.slice(v.length)}` : part;
    })
    .join(', ');
}

function separatedCells(design: MixedDesign, y: Float64Array, weights: Float64Array, family: string): Cell[] {
  const ft = design.fixedTerms;
  if (!ft) return [];
  const out: Cell[] = [];
  ft.labels.forEach((term, t) => {
    const vars = ft.variables[t];
    if (!vars.every((v) => ft.variableInfo[v]?.type === 'factor' || ft.variableInfo[v]?.type === 'logical')) return;
    const cells = ft.cells[t];
    cells.columns.forEach((col, c) => {
      let succ = 0;
      let total = 0;
      let rows = 0;
      for (let i = 0; i < col.length; i++) {
        if (col[i] === 0 || weights[i] === 0) continue;
        rows++;
        succ += weights[i] * y[i];
        total += weights[i];
      }
      if (rows === 0) return;
      const label = describeCell(cells.names[c], vars);
      if (family === 'binomial') {
        if (succ <= 1e-12 * total) out.push({ label, kind: '0%', rows, term });
        else if (succ >= total * (1 - 1e-12)) out.push({ label, kind: '100%', rows, term });
      } else if (family === 'poisson' && succ === 0) {
        out.push({ label, kind: 'all zero', rows, term });
      }
    });
  });
  return out;
}

export function separationCheck(design: MixedDesign, y: Float64Array, weights: Float64Array, family: string, fixed?: readonly FixedEffectRow[]): Separation | null {
  if (family !== 'binomial' && family !== 'poisson') return null;
  const cells = separatedCells(design, y, weights, family);
  if (!cells.length) return null;
  // keep the most specific description: a cell of an interaction names the levels involved
  const names = cells.map((c) => `${c.label}: ${c.kind === 'all zero' ? 'every count is 0' : `every response ${c.kind === '0%' ? 'is 0 (0%)' : 'is 1 (100%)'}`} (${c.rows} row${c.rows === 1 ? '' : 's'})`);
  const terms = (fixed ?? [])
    .filter((r) => Math.abs(r.estimate) > 10 || (Math.abs(r.estimate) > 5 && r.stdError > 2 * Math.abs(r.estimate)) || r.stdError > 100)
    .map((r) => r.term);
  const what = family === 'binomial' ? 'complete or quasi-complete separation' : 'a cell with only zero counts';
  const termText = terms.length ? ` The estimates of ${terms.join(', ')} are not results: they run off towards ±∞ and their standard errors are meaningless.` : '';
  const message =
    `Separation: ${cells.length === 1 ? 'one cell' : `${cells.length} cells`} of the fixed-effects design ha${cells.length === 1 ? 's' : 've'} ${what} (${names.join('; ')}).` +
    termText +
    ' The likelihood has no finite maximum there. Keep the fit for the other terms, but for those use a penalized or Bayesian fit (a weakly informative prior on the coefficients), or merge levels.';
  return { message, cells: names, terms };
}
