/** lmerTest's anova() table: F tests of each term with the chosen df method. */
import { DDF_NAME, ROMAN, type ReportContext } from '../context';
import { type CellValue, type ReportTable } from '../tableModel';
import { fitNote } from './notes';

export function anovaTable(ctx: ReportContext): ReportTable | null {
  const rows = ctx.report.anova;
  if (rows.length === 0) return null;
  const withSs = rows.some((r) => r.sumSq !== undefined);
  const columns: ReportTable['columns'] = [{ key: 'term', label: ['Effect'], kind: 'text' }];
  if (withSs) columns.push({ key: 'sumSq', label: [{ i: 'SS' }], kind: 'number' }, { key: 'meanSq', label: [{ i: 'MS' }], kind: 'number' });
  columns.push(
    { key: 'numDf', label: [{ i: 'df' }, { sub: 'num' }], kind: 'df' },
    { key: 'denDf', label: [{ i: 'df' }, { sub: 'den' }], kind: 'df' },
    { key: 'fValue', label: [{ i: 'F' }], kind: 'number' },
    { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
  );
  const body = rows.map((r) => {
    const row: CellValue[] = [r.term];
    if (withSs) row.push(r.sumSq ?? null, r.meanSq ?? null);
    row.push(r.numDf, r.denDf, r.fValue, r.pValue);
    return row;
  });
  const type = ROMAN[ctx.anovaType];
  const notes = [fitNote(ctx)];
  if (ctx.report.nlme) notes[0].push(" Sequential F tests and denominator degrees of freedom as nlme's anova() gives them.");
  else if (ctx.ddf !== 'none') notes[0].push(` Denominator degrees of freedom by ${DDF_NAME[ctx.ddf]}.`);
  return { id: 'anova', title: `Type ${type} Analysis of Variance for ${ctx.formula.response.label}`, columns, rows: body, notes };
}
