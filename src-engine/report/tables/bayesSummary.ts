/**
 * A Bayesian fit's summary as brms prints it, as one table for papers: group-level effects per
 * grouping factor, population-level effects, family-specific parameters, each with Estimate,
 * Est.Error, the 95 % interval, Rhat, Bulk_ESS and Tail_ESS; the draws line and what R̂ and ESS are
 * in the notes.
 */
import { type BayesSummaryRow } from '../../bayes/fit/bayesReport';
import { type CellValue, type ReportTable } from '../tableModel';

/** What the table reads of a report (the stored report's wire shape has nullable E-BFMI, which it does not read). */
export interface BayesSummaryInput {
  formula: string;
  family: string;
  links: string;
  nobs: number;
  totalDraws: number;
  settings: { chains: number; iter: number; warmup: number; seed: number };
  random: { group: string; levels: number; rows: BayesSummaryRow[] }[];
  fixed: BayesSummaryRow[];
  spec: BayesSummaryRow[];
}

export function bayesSummaryTable(r: BayesSummaryInput, name: string): ReportTable {
  const rows: CellValue[][] = [];
  const add = (section: string, x: BayesSummaryRow) =>
    rows.push([section, x.label, x.Estimate, x['Est.Error'], x['l-95% CI'], x['u-95% CI'], x.Rhat, x.Bulk_ESS, x.Tail_ESS]);
  for (const g of r.random) for (const x of g.rows) add(`~${g.group} (${g.levels} levels)`, x);
  for (const x of r.fixed) add('Population-level', x);
  for (const x of r.spec) add('Family-specific', x);
  return {
    id: 'bayes-summary',
    title: `Posterior Summary for ${name}`,
    columns: [
      { key: 'section', label: ['Effects'], kind: 'text' },
      { key: 'parameter', label: ['Parameter'], kind: 'text' },
      { key: 'estimate', label: ['Estimate'], kind: 'number' },
      { key: 'error', label: ['Est.Error'], kind: 'number' },
      { key: 'lower', label: ['l-95% CI'], kind: 'number' },
      { key: 'upper', label: ['u-95% CI'], kind: 'number' },
      { key: 'rhat', label: ['Rhat'], kind: 'number' },
      { key: 'bulk', label: ['Bulk_ESS'], kind: 'int' },
      { key: 'tail', label: ['Tail_ESS'], kind: 'int' },
    ],
    rows,
    notes: [
      [`${r.formula}; family ${r.family} (${r.links}); ${r.nobs} observations.`],
      [`Draws: ${r.settings.chains} chains, each with iter = ${r.settings.iter}; warmup = ${r.settings.warmup}; thin = 1; total post-warmup draws = ${r.totalDraws}; seed ${r.settings.seed}.`],
      ['Estimate and Est.Error are the posterior mean and SD; the interval is the 2.5 % and 97.5 % quantiles; Rhat is the rank-normalized split R̂ and Bulk_ESS and Tail_ESS the effective sample sizes, as the posterior package computes them.'],
    ],
  };
}
