/** brms's print(summary(fit)) for a Bayesian report, line for line (print.brmssummary, brms 2.18). */
import { type BayesReport, type BayesSummaryRow } from '../../src-engine/bayes/fit/bayesReport';

const COLUMNS = ['Estimate', 'Est.Error', 'l-95% CI', 'u-95% CI', 'Rhat', 'Bulk_ESS', 'Tail_ESS'] as const;

/** sprintf("%.<d>f") as R, NA for a missing value. */
function fixed(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? 'NA' : v.toFixed(digits);
}

/** brms's print_format: 2 decimals, ESS without; a character matrix printed right-aligned. */
export function formatRows(rows: readonly BayesSummaryRow[]): string[] {
  const cells = rows.map((r) => COLUMNS.map((c) => fixed(r[c], c === 'Bulk_ESS' || c === 'Tail_ESS' ? 0 : 2)));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  const widths = COLUMNS.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const header = ' '.repeat(labelWidth) + COLUMNS.map((c, j) => ' ' + c.padStart(widths[j])).join('');
  return [header, ...rows.map((r, i) => r.label.padEnd(labelWidth) + cells[i].map((v, j) => ' ' + v.padStart(widths[j])).join(''))];
}

export function formatBayes(r: BayesReport, dataName: string): string {
  const s = r.settings;
  const out = [
    ` Family: ${r.family} `,
    `  Links: ${r.links} `,
    `Formula: ${r.formula} `,
    `   Data: ${dataName} (Number of observations: ${r.nobs}) `,
    `  Draws: ${s.chains} chains, each with iter = ${s.iter}; warmup = ${s.warmup}; thin = 1;`,
    `         total post-warmup draws = ${r.totalDraws}`,
    '',
  ];
  if (r.random.length) {
    out.push('Group-Level Effects: ');
    for (const g of r.random) out.push(`~${g.group} (Number of levels: ${g.levels}) `, ...formatRows(g.rows), '');
  }
  if (r.fixed.length) out.push('Population-Level Effects: ', ...formatRows(r.fixed), '');
  if (r.spec.length) out.push('Family Specific Parameters: ', ...formatRows(r.spec), '');
  out.push(
    'Draws were sampled using sampling(NUTS). For each parameter, Bulk_ESS',
    'and Tail_ESS are effective sample size measures, and Rhat is the potential',
    'scale reduction factor on split chains (at convergence, Rhat = 1).',
  );
  const sp = r.sampler;
  out.push('', `Sampler: ${sp.divergent} divergent transitions after warm-up; ${sp.treedepthHits} transitions at the maximum tree depth (${sp.maxTreedepth}); E-BFMI per chain ${sp.ebfmi.map((e) => e.toFixed(2)).join(', ')}.`);
  for (const w of r.warnings) out.push(`Warning: ${w}`);
  for (const n of r.notes) out.push(`Note: ${n}`);
  return out.join('\n') + '\n';
}
