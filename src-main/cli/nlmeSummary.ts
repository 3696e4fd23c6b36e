/** summary(gls) / summary(lme) as nlme prints them, for `quadrat fit --engine nlme`. */
import { type NlmeReport } from '../../src-engine/nlme/report';
import { type NlmeSpec } from '../../src-engine/nlme/spec/nlmeSpec';
import { num, pval, textTable } from './textFormat';
import { type LmeSatterthwaite } from '../../src-engine/nlme/satterthwaite';

function structLines(title: string, s: NlmeReport['varStruct']): string[] {
  if (!s) return [];
  return [
    `${title}`,
    ` Structure: ${s.className}`,
    ` Formula: ${s.formula}`,
    ' Parameter estimate(s):',
    textTable(s.names, [s.values.map((v) => num(v, 7))]).replace(/^/gm, ' ').trimEnd(),
  ];
}

function randomLines(r: NonNullable<NlmeReport['random']>, sigma: number): string[] {
  const out = ['Random effects:'];
  for (const lv of r) {
    out.push(` Formula: ${lv.terms.length === 1 && lv.terms[0] === '(Intercept)' ? '~1' : `~${lv.terms.filter((t) => t !== '(Intercept)').join(' + ')}`} | ${lv.level}`);
    const last = lv === r[r.length - 1];
    const head = ['', ...lv.terms, ...(last ? ['Residual'] : [])];
    out.push(textTable(head, [['StdDev:', ...lv.sd.map((v) => num(v, 7)), ...(last ? [num(sigma, 7)] : [])]]).trimEnd());
    const k = lv.terms.length;
    if (k > 1) {
      out.push(' Corr:');
      for (let i = 1; i < k; i++) out.push(`  ${lv.terms[i]}  ${Array.from({ length: i }, (_, j) => num(lv.corr[i * k + j], 3)).join('  ')}`);
    }
    out.push('');
  }
  return out;
}

export function formatNlmeSummary(report: NlmeReport, spec: NlmeSpec, satterthwaite: LmeSatterthwaite | null = null): string {
  const lines: string[] = [];
  const by = report.method === 'REML' ? 'REML' : 'maximum likelihood';
  lines.push(report.fn === 'gls' ? `Generalized least squares fit by ${by}` : `Linear mixed-effects model fit by ${by}`);
  lines.push(`  Model: ${spec.fixed}`);
  lines.push(textTable(['', 'AIC', 'BIC', 'logLik'], [['', num(report.aic, 7), num(report.bic, 7), num(report.logLik, 7)]]).trimEnd(), '');
  if (report.random) lines.push(...randomLines(report.random, report.sigma));
  const cor = structLines('Correlation Structure:', report.corStruct);
  if (cor.length) lines.push(...cor, '');
  const vf = structLines('Variance function:', report.varStruct);
  if (vf.length) lines.push(...vf, '');
  lines.push(report.fn === 'lme' ? `Fixed effects:  ${spec.fixed}` : 'Coefficients:');
  lines.push(
    textTable(
      ['', 'Value', 'Std.Error', ...(report.fn === 'lme' ? ['DF'] : []), 't-value', 'p-value'],
      report.coefficients.map((c) => [c.term, num(c.estimate, 7), num(c.stdError, 7), ...(report.fn === 'lme' ? [String(c.df)] : []), num(c.tValue, 6), pval(c.pValue, '2e-16')]),
    ).trimEnd(),
  );
  lines.push('');
  if (satterthwaite) {
    lines.push(`Satterthwaite df (lmerTest on the same model as lmer(${satterthwaite.lmerFormula})):`);
    lines.push(textTable(['', 'df', 'p-value'], report.coefficients.map((c, j) => [c.term, num(satterthwaite.df[j], 6), pval(satterthwaite.pValue[j], '2e-16')])).trimEnd(), '');
  }
  if (report.fn === 'gls') lines.push(`Residual standard error: ${num(report.sigma, 7)}`, `Degrees of freedom: ${report.nobs} total; ${report.nobs - report.coefficients.length} residual`);
  else {
    lines.push(`Number of Observations: ${report.nobs}`);
    if (report.groups) lines.push(`Number of Groups: ${Object.entries(report.groups).map(([g, n]) => `${g} ${n}`).join(', ')}`);
  }
  if (report.anova.length) {
    lines.push('', `Denom. DF for the F tests: ${report.dfMethod === 'containment' ? "nlme's containment rule" : 'N − p'}`, 'anova(fit) (sequential F tests):');
    lines.push(textTable(['', 'numDF', 'denDF', 'F-value', 'p-value'], report.anova.map((a) => [a.term, String(a.numDf), String(a.denDf), num(a.fValue, 6), pval(a.pValue)])).trimEnd());
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}
