/** lmerTest's contest(m, L): a t-test and confidence interval per contrast, the joint F-test in the note. */
import { fixed, formatDf, type FormatSettings, levelPercent, pRelation } from '../format';
import { type ReportTable, type Rich } from '../tableModel';

export interface ContestInput {
  /** One readable label per row of L, e.g. "VarietyA − VarietyB". */
  labels: string[];
  level: number;
  rows: { estimate: number; stdError: number | null; df: number | null; tValue: number | null; pValue: number | null; lower: number | null; upper: number | null }[];
  joint: { numDf: number; denDf: number | null; fValue: number | null; pValue: number | null } | null;
  /** "Satterthwaite's method" / "the Kenward–Roger method". */
  dfMethod: string;
}

/** The joint test is written into the note, so it is formatted here with the export's settings. */
export function contestTable(c: ContestInput, s: FormatSettings): ReportTable {
  const pct = levelPercent(c.level);
  const notes: Rich[] = [[`Linear combinations of the fixed effects (lmerTest contest); degrees of freedom by ${c.dfMethod}.`]];
  const j = c.joint;
  if (j && j.denDf !== null && j.fValue !== null && j.pValue !== null) {
    const p = pRelation(j.pValue, s);
    const sep = s.decimalComma ? '; ' : ', '; // F(2; 10,0) where the comma is the decimal mark
    notes[0].push(` Joint test of all ${c.labels.length} rows: `, { i: 'F' }, `(${j.numDf}${sep}${formatDf(j.denDf, s)}) = ${fixed(j.fValue, s.digits, s)}, `, { i: 'p' }, ` ${p.rel} ${p.value}.`);
  }
  return {
    id: 'contest',
    title: 'Tests of Contrasts of the Fixed Effects',
    columns: [
      { key: 'contrast', label: ['Contrast'], kind: 'text' },
      { key: 'estimate', label: ['Estimate'], kind: 'number' },
      { key: 'stdError', label: [{ i: 'SE' }], kind: 'number' },
      { key: 'df', label: [{ i: 'df' }], kind: 'df' },
      { key: 'tValue', label: [{ i: 't' }], kind: 'number' },
      { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
      { key: 'lower', label: [`${pct}% CI lower`], kind: 'number' },
      { key: 'upper', label: [`${pct}% CI upper`], kind: 'number' },
    ],
    rows: c.rows.map((r, k) => [c.labels[k] ?? `row ${k + 1}`, r.estimate, r.stdError, r.df, r.tValue, r.pValue, r.lower, r.upper]),
    notes,
  };
}
