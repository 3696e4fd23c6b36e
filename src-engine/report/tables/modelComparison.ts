/** Likelihood-ratio comparison of nested models, as lme4's anova(m1, m2, …). */
import { type ComparisonRow } from '../../inference/modelComparison';
import { type ReportTable, type Rich } from '../tableModel';

/** A row of lme4's anova(m1, m2, …) table (ΔAIC and Akaike weights optional). */
export type ComparisonRowInput = Omit<ComparisonRow, 'deltaAic' | 'akaikeWeight'>;

export interface ComparisonInput {
  rows: ComparisonRowInput[];
  /** REML fits were refitted by ML before comparing (as anova() does). */
  refitted: boolean;
}

export function modelComparisonTable(c: ComparisonInput): ReportTable {
  const columns: ReportTable['columns'] = [
    { key: 'name', label: ['Model'], kind: 'text' },
    { key: 'npar', label: [{ i: 'k' }], kind: 'int' },
    { key: 'aic', label: ['AIC'], kind: 'number' },
    { key: 'bic', label: ['BIC'], kind: 'number' },
    { key: 'logLik', label: ['log ', { i: 'L' }], kind: 'number' },
    { key: 'deviance', label: ['Deviance'], kind: 'number' },
    { key: 'chisq', label: [{ i: 'χ' }, { sup: '2' }], kind: 'number' },
    { key: 'df', label: [{ i: 'df' }], kind: 'int' },
    { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
  ];
  const rows = c.rows.map((r) => [r.name, r.npar, r.aic, r.bic, r.logLik, r.deviance, r.chisq, r.df, r.pValue]);
  const first: Rich = [
    { i: 'k' },
    ' = number of parameters. Likelihood-ratio ',
    { i: 'χ' },
    { sup: '2' },
    ' tests compare each model with the one above it.',
  ];
  if (c.refitted) first.push(' REML fits were refitted by maximum likelihood for the comparison.');
  const notes: Rich[] = [first];
  for (const r of c.rows) if (r.formula) notes.push([`${r.name}: ${r.formula}`]);
  return { id: 'comparison', title: 'Comparison of Nested Models', columns, rows, notes };
}
