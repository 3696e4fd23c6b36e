/**
 * Convergence and singularity in plain language, each with what to try. Pure, so it is tested
 * without a browser.
 */
import type { ReportHead } from '../../src-main/api/contract';

export interface FitMessage {
  level: 'warning' | 'info';
  title: string;
  body: string;
  tryThis: string[];
}

/** Random-effect rows whose variance is (numerically) zero, and correlations at ±1. */
export function boundaryParts(r: Pick<ReportHead, 'random' | 'correlations' | 'sigma'>): string[] {
  const parts: string[] = [];
  const scale = Math.max(r.sigma, 1e-300);
  for (const row of r.random) {
    if (row.term !== null && row.sd / scale < 1e-4) parts.push(`the variance of ${row.term} among ${row.group} is 0`);
  }
  for (const c of r.correlations) {
    if (Math.abs(c.corr) > 0.9999) parts.push(`the correlation of ${c.term1} and ${c.term2} within ${c.group} is ${c.corr > 0 ? '+1' : '−1'}`);
  }
  return parts;
}

export function fitMessages(r: ReportHead): FitMessage[] {
  const out: FitMessage[] = [];
  if (r.singular) {
    const parts = boundaryParts(r);
    out.push({
      level: 'warning',
      title: 'Singular fit',
      body:
        'The random-effects structure is more complex than these data can support' +
        (parts.length ? `: ${parts.join('; ')}.` : ' (a variance is estimated as zero or a correlation as ±1).') +
        ' The fixed effects are still estimated, but the random part is at the edge of what is possible.',
      tryThis: [
        'Simplify the random effects: drop the random slope, or make it uncorrelated (untick “Correlated”, which writes ||).',
        'If a grouping factor has a variance of zero, that factor explains nothing beyond the residual: consider removing it.',
        'Check that each grouping factor has enough levels (five or more is a common rule of thumb).',
      ],
    });
  }
  if (!r.converged) {
    out.push({
      level: 'warning',
      title: 'The optimizer did not converge',
      body: 'The estimates may not be the best ones for this model, so treat them with caution.',
      tryThis: [
        'Centre and scale numeric predictors that are large or on very different scales.',
        'Simplify the random effects (fewer slopes, or uncorrelated ones).',
        'Compare with a fit using ML instead of REML to see if the estimates move.',
      ],
    });
  }
  for (const w of r.warnings) {
    if (r.singular && /singular/i.test(w)) continue;
    if (!r.converged && /converge/i.test(w)) continue;
    out.push({ level: 'info', title: 'Note', body: w, tryThis: [] });
  }
  return out;
}
