/** A count model's zero-inflation (or hurdle) and dispersion tables: b, SE, z, p as summary(glmmTMB) gives them. */
import { type ReportContext } from '../context';
import { type ReportTable, type Rich } from '../tableModel';
import { fitNote } from './notes';

/** The table, or null when the fit has no such part (no zero model; dispersion ~1 prints no table). */
export function countPartTable(ctx: ReportContext, part: 'zi' | 'disp'): ReportTable | null {
  const t = ctx.report.tmb;
  const rows = t?.[part] ?? [];
  if (!t || rows.length === 0) return null;
  const response = ctx.formula.response.label;
  const title = part === 'disp' ? `Dispersion Model for ${response}` : t.hurdle ? `Zero (Hurdle) Model for ${response}` : `Zero-Inflation Model for ${response}`;
  const scale: Rich =
    part === 'disp'
      ? [' Coefficients on the log scale of the dispersion parameter φ.']
      : t.hurdle
        ? [' Coefficients on the logit scale of the probability of a zero.']
        : [' Coefficients on the logit scale of the probability of a structural zero.'];
  return {
    id: part,
    title,
    columns: [
      { key: 'term', label: ['Term'], kind: 'text' },
      { key: 'estimate', label: [{ i: 'b' }], kind: 'number' },
      { key: 'stdError', label: [{ i: 'SE' }], kind: 'number' },
      { key: 'statistic', label: [{ i: 'z' }], kind: 'number' },
      { key: 'pValue', label: [{ i: 'p' }], kind: 'p' },
    ],
    rows: rows.map((r) => [r.term, r.estimate, r.stdError, r.zValue, r.pValue]),
    notes: [[...fitNote(ctx), ...scale, ' Wald ', { i: 'z' }, ' tests, as summary(glmmTMB) gives them.']],
  };
}
