/** The shared first note line under a table: sample size, groups and the estimation method. */
import { type ReportContext } from '../context';
import { type Rich } from '../tableModel';

export function groupCounts(ctx: ReportContext): string {
  return Object.entries(ctx.report.groups)
    .map(([g, n]) => `${g} (${n})`)
    .join(', ');
}

export function fitNote(ctx: ReportContext): Rich {
  const { report } = ctx;
  const method = report.method === 'REML' ? 'REML' : 'maximum likelihood (ML)';
  return [{ i: 'N' }, ` = ${report.nobs} observations; groups: ${groupCounts(ctx)}. Estimates by ${method}.`];
}
