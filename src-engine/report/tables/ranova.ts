/** lmerTest's ranova(m) as an APA table: a likelihood-ratio test for each random-effects term. */
import { type ReportTable } from '../tableModel';

export interface RanovaInput {
  /** First row <none> (the model itself), then one per term (or slope) removed; null where not finite. */
  rows: { term: string; npar: number; logLik: number | null; aic: number | null; lrt: number | null; df: number | null; pValue: number | null }[];
  /** The likelihoods compared are REML ones (lmerTest compares a REML fit's own criterion). */
  reml: boolean;
}

export function ranovaTable(r: RanovaInput): ReportTable {
  return {
    id: 'ranova',
    title: 'Likelihood-Ratio Tests of the Random Effects',
    columns: [
      { key: 'term', label: ['Term removed'], kind: 'text' },
      { key: 'npar', label: [{ i: 'k' }], kind: 'int' },
      { key: 'logLik', label: ['log ', { i: 'L' }], kind: 'number' },
      { key: 'aic', label: ['AIC'], kind: 'number' },
      { key: 'lrt', label: [{ i: 'χ' }, { sup: '2' }], kind: 'number' },
      { key: 'df', label: [{ i: 'df' }], kind: 'int' },
      { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
    ],
    rows: r.rows.map((x) => [x.term === '<none>' ? 'none (full model)' : x.term, x.npar, x.logLik, x.aic, x.lrt, x.df, x.pValue]),
    notes: [
      [
        { i: 'k' },
        ' = number of parameters. Each row removes one random-effects term (or reduces a term with slopes to its intercept) and compares the ',
        r.reml ? 'REML' : 'maximum',
        ' likelihood with the full model’s (lmerTest ranova). Tests of a variance at its boundary of zero are conservative.',
      ],
    ],
  };
}
