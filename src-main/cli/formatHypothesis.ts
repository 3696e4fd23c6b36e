/** brms's print(hypothesis(...)) (print.brmshypothesis, brms 2.18): numbers rounded to 2 decimals. */
import { type HypothesisRow } from '../../src-engine/bayes/hypothesis/hypothesis';

const NUMERIC = ['Estimate', 'Est.Error', 'CI.Lower', 'CI.Upper', 'Evid.Ratio', 'Post.Prob'] as const;

/** A column as R prints round(x, 2): the fewest decimals (at most 2) that show every value, NA for missing. */
function column(values: readonly (number | null)[]): string[] {
  const rounded = values.map((v) => (v === null || Number.isNaN(v) ? null : Math.round(v * 100) / 100));
  const decimals = Math.max(0, ...rounded.map((v) => (v === null || !Number.isFinite(v) ? 0 : v.toFixed(2).replace(/\.?0+$/, '').split('.')[1]?.length ?? 0)));
  return rounded.map((v) => (v === null ? 'NA' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : v.toFixed(decimals)));
}

export function formatHypotheses(rows: readonly HypothesisRow[], alpha: number): string {
  const header = ['', 'Hypothesis', ...NUMERIC, 'Star'];
  const cols: string[][] = [rows.map((_, i) => String(i + 1)), rows.map((r) => r.Hypothesis), ...NUMERIC.map((c) => column(rows.map((r) => r[c]))), rows.map((r) => r.Star)];
  const widths = cols.map((c, j) => Math.max(header[j].length, ...c.map((v) => v.length)));
  const line = (cells: string[]) => cells.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join(' ');
  const pone = (1 - alpha * 2) * 100;
  const ptwo = (1 - alpha) * 100;
  return [
    'Hypothesis Tests for class b:',
    line(header),
    ...rows.map((_, i) => line(cols.map((c) => c[i]))),
    '---',
    `'CI': ${pone}%-CI for one-sided and ${ptwo}%-CI for two-sided hypotheses.`,
    `'*': For one-sided hypotheses, the posterior probability exceeds ${ptwo}%;`,
    `for two-sided hypotheses, the value tested against lies outside the ${ptwo}%-CI.`,
    'Posterior probabilities of point hypotheses assume equal prior probabilities.',
  ].join('\n') + '\n';
}
