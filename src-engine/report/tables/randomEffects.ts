/** Random effects: variance components as lme4's VarCorr, with the correlations of each term with the earlier ones. */
import { type ReportContext } from '../context';
import { type CellValue, type ReportTable } from '../tableModel';
import { fitNote } from './notes';

export function randomEffectsTable(ctx: ReportContext): ReportTable {
  const { report } = ctx;
  const withCorr = report.correlations.length > 0;
  const columns: ReportTable['columns'] = [
    { key: 'group', label: ['Group'], kind: 'text' },
    { key: 'term', label: ['Effect'], kind: 'text' },
    { key: 'variance', label: ['Variance'], kind: 'number' },
    { key: 'sd', label: [{ i: 'SD' }], kind: 'number' },
  ];
  if (withCorr) columns.push({ key: 'corr', label: [{ i: 'r' }], kind: 'corr' });
  let lastGroup = '';
  const rows = report.random.map((v) => {
    const isResidual = v.term === null;
    // Group names are printed once per block, as VarCorr prints them.
    const group = v.group === lastGroup ? '' : v.group;
    lastGroup = v.group;
    const row: CellValue[] = [group, isResidual ? '' : v.term, v.variance, v.sd];
    if (withCorr) {
      const rs = report.correlations.filter((c) => c.group === v.group && c.term2 === v.term).map((c) => c.corr);
      row.push(rs.length ? rs : null);
    }
    return row;
  });
  const notes = [fitNote(ctx)];
  if (withCorr) notes[0].push(' ', { i: 'r' }, ' = correlation with the effects listed above it in the same group.');
  return { id: 'random', title: `Random Effects (Variance Components) for ${ctx.formula.response.label}`, columns, rows, notes };
}
