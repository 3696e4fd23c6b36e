/** A plain-text summary laid out like lmerTest's summary(), so it can be read beside R's. */
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { num, pval, textTable as table } from './textFormat';
import { isOverdispersed } from '../../src-engine/glmm/overdispersed';

/** The summary's p-values below machine epsilon read "< 2e-16", as printCoefmat prints them. */
const p = (x: number | null) => pval(x, '2e-16');

/** summary(glmer) as lme4 prints it, with the overdispersion and separation checks after it. */
function formatGlmmSummary(r: FitReport): string {
  const g = r.glmm!;
  const how = g.nAGQ === 1 ? 'Laplace Approximation' : g.nAGQ === 0 ? 'nAGQ = 0' : `Adaptive Gauss-Hermite Quadrature, nAGQ = ${g.nAGQ}`;
  const out: string[] = [];
  out.push(`Generalized linear mixed model fit by maximum likelihood (${how}) [glmerMod]`);
  out.push(` Family: ${r.family}  ( ${r.link} )`);
  out.push(`Formula: ${r.formula}
`);
  out.push(table(['AIC', 'BIC', 'logLik', 'deviance', 'df.resid'], [[...[r.aic, r.bic, r.logLik, r.deviance].map((v) => v.toFixed(1)), String(g.dfResid)]]));
  out.push('Random effects:');
  out.push(table(['Groups', 'Name', 'Variance', 'Std.Dev.'], r.random.map((v) => [v.group, v.term ?? '', num(v.variance), num(v.sd)])));
  if (r.correlations.length) out.push(table(['Groups', 'Term 1', 'Term 2', 'Corr'], r.correlations.map((c) => [c.group, c.term1, c.term2, c.corr.toFixed(3)])));
  out.push(`Number of obs: ${r.nobs}, groups:  ${Object.entries(r.groups).map(([k, n]) => `${k}, ${n}`).join('; ')}
`);
  out.push('Fixed effects:');
  out.push(table(['', 'Estimate', 'Std. Error', g.statisticName ?? 'z value', 'Pr(>|z|)'], r.fixed.map((f) => [f.term, num(f.estimate), num(f.stdError), num(f.statistic, 3), p(f.pValue)])));
  if (g.waldAnova.type2.length) {
    out.push('Analysis of Deviance Table (Type II Wald chisquare tests), as car::Anova:');
    out.push(table(['', 'Chisq', 'Df', 'Pr(>Chisq)'], g.waldAnova.type2.map((a) => [a.term, num(a.chisq), String(a.df), p(a.pValue)])));
  }
  originalScaleLines(r, out);
  const o = g.overdispersion;
  if (o) {
    const over = isOverdispersed(o);
    out.push(`Overdispersion: Pearson chi2 = ${num(o.pearsonChi2)} on ${o.df} df, ratio ${o.ratio.toFixed(3)}, p ${o.pValue < 2.2e-16 ? '' : '= '}${pval(o.pValue, '2e-16')}` + (over ? ': the data vary more than the model allows; add an observation-level random effect (1 | obs).' : ': no sign of overdispersion.'));
  }
  if (r.singular) out.push('Note: boundary (singular) fit: see the warning below.');
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n') + '\n';
}

/** scale(x) terms: the same fixed effects per unit of x (src-engine/inference/originalScale.ts). */
function originalScaleLines(r: FitReport, out: string[]): void {
  const o = r.originalScale;
  if (!o) return;
  out.push(`Fixed effects on the original scale (per unit of ${o.scaled.map((s) => `${s.variable}: mean ${num(s.mean)}, SD ${num(s.sd)}`).join('; ')}):`);
  out.push(table(['', 'Estimate', 'Std. Error'], o.rows.map((f) => [f.term, num(f.estimate), num(f.stdError)])));
}

export function formatSummary(r: FitReport): string {
  if (r.glmm) return formatGlmmSummary(r);
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
      r.fixed.map((f) => (withDf ? [f.term, num(f.estimate), num(f.stdError), num(f.df), num(f.statistic, 3), p(f.pValue)] : [f.term, num(f.estimate), num(f.stdError), num(f.statistic, 3)])),
    ),
  );
  originalScaleLines(r, out);
  if (r.anova.length) {
    out.push('Type III Analysis of Variance Table:');
    out.push(table(['', 'NumDF', 'DenDF', 'F value', 'Pr(>F)'], r.anova.map((a) => [a.term, num(a.numDf), num(a.denDf), num(a.fValue), p(a.pValue)])));
  }
  if (r.singular) out.push('Note: boundary (singular) fit: see the warning below.');
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n') + '\n';
}
