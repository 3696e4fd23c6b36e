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
  const g = report.glmm;
  const t = report.tmb;
  const model = t
    ? ` Count model as glmmTMB, ${t.family} family, log link${t.ziformula !== '~0' ? `, ${t.hurdle ? 'zero (hurdle) model' : 'zero inflation'} ${t.ziformula}` : ''}${t.dispformula !== '~1' ? `, dispersion ${t.dispformula}` : ''}; Laplace approximation.`
    : g
      ? ` Generalized linear mixed model, ${report.family} family, ${report.link} link; ${estimationName(g.nAGQ)}.`
      : '';
  return [{ i: 'N' }, ` = ${report.nobs} observations; groups: ${groupCounts(ctx)}.${model} Estimates by ${method}.`];
}

/** How a GLMM's likelihood was evaluated, in words (glmer's nAGQ). */
export function estimationName(nAGQ: number): string {
  if (nAGQ === 0) return 'penalized IRLS for the fixed effects (nAGQ = 0)';
  if (nAGQ === 1) return 'Laplace approximation';
  return `adaptive Gauss–Hermite quadrature with ${nAGQ} nodes`;
}
