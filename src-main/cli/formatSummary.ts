/** A plain-text summary laid out like lmerTest's summary(), so it can be read beside R's. */
import { type FitReport } from '../../src-engine/lmm/fitReport';

function num(x: number | null, digits = 5): string {
  if (x === null || !Number.isFinite(x)) return x === null ? '' : String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(digits - 1);
  return x.toPrecision(digits).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m));
}

function pval(p: number | null): string {
  if (p === null) return '';
  return p < 2e-16 ? '< 2e-16' : num(p, 3);
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

export function formatSummary(r: FitReport): string {
  const out: string[] = [];
  out.push(`Linear mixed model fit by ${r.method === 'REML' ? 'REML' : 'maximum likelihood'}${r.ddf && r.ddf !== 'none' ? `. t-tests use ${r.ddf === 'satterthwaite' ? "Satterthwaite's" : 'Kenward-Roger'} method` : ''}`);
  out.push(`Formula: ${r.formula}\n`);
  if (r.method === 'REML') out.push(`REML criterion at convergence: ${r.remlCriterion!.toFixed(1)}\n`);
  else out.push(table(['AIC', 'BIC', 'logLik', 'deviance'], [[r.aic, r.bic, r.logLik, r.deviance].map((v) => v.toFixed(1))]));
  out.push('Random effects:');
  out.push(table(['Groups', 'Name', 'Variance', 'Std.Dev.'], r.random.map((v) => [v.group, v.term ?? '', num(v.variance), num(v.sd)])));
  if (r.correlations.length) out.push(table(['Groups', 'Term 1', 'Term 2', 'Corr'], r.correlations.map((c) => [c.group, c.term1, c.term2, c.corr.toFixed(3)])));
  out.push(`Number of obs: ${r.nobs}, groups:  ${Object.entries(r.groups).map(([g, k]) => `${g}, ${k}`).join('; ')}\n`);
  out.push('Fixed effects:');
  const withDf = r.fixed.some((f) => f.df !== null);
  out.push(
    table(
      withDf ? ['', 'Estimate', 'Std. Error', 'df', 't value', 'Pr(>|t|)'] : ['', 'Estimate', 'Std. Error', 't value'],
      r.fixed.map((f) => (withDf ? [f.term, num(f.estimate), num(f.stdError), num(f.df), num(f.statistic, 3), pval(f.pValue)] : [f.term, num(f.estimate), num(f.stdError), num(f.statistic, 3)])),
    ),
  );
  if (r.anova.length) {
    out.push('Type III Analysis of Variance Table:');
    out.push(table(['', 'NumDF', 'DenDF', 'F value', 'Pr(>F)'], r.anova.map((a) => [a.term, num(a.numDf), num(a.denDf), num(a.fValue), pval(a.pValue)])));
  }
  if (r.singular) out.push('Note: boundary (singular) fit: see the warning below.');
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n') + '\n';
}
