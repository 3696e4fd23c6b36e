/** Fixed effects: b, SE, df, t (z for GLMMs), p (lmerTest's and glmer's summary coefficients), APA column heads. */
import { DDF_NAME, type ReportContext } from '../context';
import { type ReportTable, type Rich } from '../tableModel';
import { fitNote } from './notes';

export function fixedEffectsTable(ctx: ReportContext): ReportTable {
  const { report } = ctx;
  const withDf = report.fixed.some((f) => f.df !== null);
  const withP = report.fixed.some((f) => f.pValue !== null);
  const columns: ReportTable['columns'] = [
    { key: 'term', label: ['Term'], kind: 'text' },
    { key: 'estimate', label: [{ i: 'b' }], kind: 'number' },
    { key: 'stdError', label: [{ i: 'SE' }], kind: 'number' },
  ];
  if (withDf) columns.push({ key: 'df', label: [{ i: 'df' }], kind: 'df' });
  // glmer heads the Wald statistic "t value" for families with a scale (Gamma etc.), "z value" otherwise
  const stat = report.tmb ? 'z' : report.glmm ? (report.glmm.statisticName === 't value' ? 't' : 'z') : 't';
  columns.push({ key: 'statistic', label: [{ i: stat }], kind: 'number' });
  if (withP) columns.push({ key: 'pValue', label: [{ i: 'p' }], kind: 'p' });
  const rows = report.fixed.map((f) => {
    const r: (string | number | null)[] = [f.term, f.estimate, f.stdError];
    if (withDf) r.push(f.df);
    r.push(f.statistic);
    if (withP) r.push(f.pValue);
    return r;
  });
  const notes: Rich[] = [fitNote(ctx)];
  if (report.tmb) notes[0].push(' Conditional model; Wald ', { i: 'z' }, ' tests, as summary(glmmTMB) gives them.');
  else if (report.glmm) notes[0].push(' Wald ', { i: stat }, ' tests', stat === 't' ? ' (p from the normal distribution, as glmer)' : '', '.');
  else if (report.nlme) notes[0].push(` Degrees of freedom as nlme's summary() gives them (${report.nlme.dfMethod === 'containment' ? 'containment rule' : 'N − p'}).`);
  else if (withDf && ctx.ddf !== 'none') notes[0].push(` Degrees of freedom by ${DDF_NAME[ctx.ddf]}.`);
  else notes[0].push(' ', { i: 't' }, ' values without ', { i: 'p' }, ' values, as lme4 reports them.');
  return { id: 'fixed', title: `Fixed Effects for ${ctx.formula.response.label}`, columns, rows, notes };
}
