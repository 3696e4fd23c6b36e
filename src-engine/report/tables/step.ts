/** lmerTest's step(m) as two APA tables: the random-effects and the fixed-effects elimination. */
import { formatP, type FormatSettings } from '../format';
import { type ReportTable } from '../tableModel';
import { ranovaTable, type RanovaInput } from './ranova';

export interface StepInput {
  random: (RanovaInput['rows'][number] & { eliminated: number | null })[];
  fixed: { term: string; eliminated: number; sumSq: number | null; meanSq: number | null; numDf: number | null; denDf: number | null; fValue: number | null; pValue: number | null }[];
  finalFormula: string;
  /** "Satterthwaite's method" / "the Kenward–Roger method". */
  dfMethod: string;
  reml: boolean;
}

const ELIMINATED_NOTE = 'Eliminated: the order in which terms were removed; 0 = kept in the final model.';

/** lmerTest's thresholds written as the export writes p-values (".10", ",10", "0.10"). */
const alpha = (a: number, s: FormatSettings) => formatP(a, { ...s, pStyle: s.pStyle === 'scientific' ? 'decimal' : s.pStyle, pDigits: 2 });

export function stepRandomTable(s: StepInput, f: FormatSettings): ReportTable {
  const t = ranovaTable({ rows: s.random, reml: s.reml });
  return {
    ...t,
    id: 'step-random',
    title: 'Backward Elimination of Random-Effects Terms',
    columns: [t.columns[0], { key: 'eliminated', label: ['Eliminated'], kind: 'int' }, ...t.columns.slice(1)],
    rows: t.rows.map((row, k) => [row[0], s.random[k].eliminated, ...row.slice(1)]),
    notes: [[`${ELIMINATED_NOTE} Terms are removed while `, { i: 'p' }, ` > ${alpha(0.1, f)} (lmerTest step).`]],
  };
}

export function stepFixedTable(s: StepInput, f: FormatSettings): ReportTable {
  return {
    id: 'step-fixed',
    title: 'Backward Elimination of Fixed-Effects Terms',
    columns: [
      { key: 'term', label: ['Effect'], kind: 'text' },
      { key: 'eliminated', label: ['Eliminated'], kind: 'int' },
      { key: 'sumSq', label: [{ i: 'SS' }], kind: 'number' },
      { key: 'meanSq', label: [{ i: 'MS' }], kind: 'number' },
      { key: 'numDf', label: [{ i: 'df' }, { sub: 'num' }], kind: 'df' },
      { key: 'denDf', label: [{ i: 'df' }, { sub: 'den' }], kind: 'df' },
      { key: 'fValue', label: [{ i: 'F' }], kind: 'number' },
      { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
    ],
    rows: s.fixed.map((r) => [r.term, r.eliminated, r.sumSq, r.meanSq, r.numDf, r.denDf, r.fValue, r.pValue]),
    notes: [[`${ELIMINATED_NOTE} Terms are removed while `, { i: 'p' }, ` > ${alpha(0.05, f)}; denominator degrees of freedom by ${s.dfMethod}. Final model: ${s.finalFormula}`]],
  };
}
