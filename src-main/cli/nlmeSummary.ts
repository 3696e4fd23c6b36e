/** summary(gls) / summary(lme) as nlme prints them, for `quadrat fit --engine nlme`. */
import { type NlmeReport } from '../../src-engine/nlme/report';
import { type NlmeSpec } from '../../src-engine/nlme/spec/nlmeSpec';
import { abbreviate, formatDecimals } from '../../src-engine/report/rPrint';
import { num, pval, textTable } from './textFormat';
import { type LmeSatterthwaite } from '../../src-engine/nlme/satterthwaite';

/** nlme's descriptions (print.corStruct's title, print.varFunc's "Structure:" line). */
const STRUCTURE_WORDS: Record<string, string> = {
  corAR1: 'AR(1)',
  corCAR1: 'Continuous AR(1)',
  corCompSymm: 'Compound symmetry',
  corSymm: 'General',
  corExp: 'Exponential spatial correlation',
  corGaus: 'Gaussian spatial correlation',
  corLin: 'Linear spatial correlation',
  corRatio: 'Rational quadratic spatial correlation',
  corSpher: 'Spherical spatial correlation',
  varIdent: 'Different standard deviations per stratum',
  varPower: 'Power of variance covariate',
  varExp: 'Exponential of variance covariate',
  varConstPower: 'Constant plus power of variance covariate',
  varFixed: 'fixed weights',
};

function structureWords(s: NonNullable<NlmeReport['varStruct']>): string {
  if (s.className === 'corARMA') return `ARMA(${s.names.filter((n) => n.startsWith('Phi')).length},${s.names.filter((n) => n.startsWith('Theta')).length})`;
  return STRUCTURE_WORDS[s.className] ?? s.className;
}

/** corSymm's correlations as nlme prints them: the lower triangle to 3 decimals, positions as labels. */
function correlationMatrix(values: readonly number[]): string[] {
  const M = Math.round((1 + Math.sqrt(1 + 8 * values.length)) / 2);
  const rounded = values.map((v) => Math.round(v * 1000) / 1000);
  const texts = formatColumn(rounded, formatDecimals(rounded, 7));
  // values run along the upper triangle by rows: (1,2), (1,3), …, the same as the lower one by columns
  const at = (i: number, j: number) => j * M - (j * (j + 1)) / 2 + (i - j - 1);
  const rows = Array.from({ length: M - 1 }, (_, r) => [String(r + 2), ...Array.from({ length: M - 1 }, (_, c) => (c <= r ? texts[at(r + 1, c)] : ''))]);
  return [' Correlation: ', ...leftTable(['', ...Array.from({ length: M - 1 }, (_, c) => String(c + 1))], rows).split('\n')];
}

function structLines(title: string, s: NlmeReport['varStruct']): string[] {
  if (!s) return [];
  const correlation = title.startsWith('Correlation');
  const estimates = s.className === 'corSymm' ? correlationMatrix(s.values) : [textTable(s.names, [s.values.map((v) => num(v, 7))]).replace(/^/gm, ' ').trimEnd()];
  return [
    correlation ? `${title} ${structureWords(s)}` : title,
    ...(correlation ? [] : [` Structure: ${structureWords(s)}`]),
    ` Formula: ${s.formula}`,
    ' Parameter estimate(s):',
    ...estimates,
  ];
}

/** R's format() of a numeric vector: common decimals (7 significant digits), right-aligned to one width. */
function formatColumn(values: readonly number[], decimals = formatDecimals(values, 7)): string[] {
  const texts = values.map((v) => v.toFixed(decimals));
  const width = Math.max(...texts.map((t) => t.length));
  return texts.map((t) => t.padStart(width));
}

/** A character matrix as print(quote = FALSE) shows it: every column left-aligned. */
function leftTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join(' ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** print.summary.pdMat: one level's formula, its structure, and the StdDev (and Corr) table. */
function randomLines(r: NonNullable<NlmeReport['random']>, sigma: number): string[] {
  const out = ['Random effects:'];
  for (const lv of r) {
    out.push(` Formula: ${lv.terms.length === 1 && lv.terms[0] === '(Intercept)' ? '~1' : `~${lv.terms.filter((t) => t !== '(Intercept)').join(' + ')}`} | ${lv.level}`);
    const resid = lv === r[r.length - 1];
    const k = lv.terms.length;
    if (k > 1) out.push(` Structure: ${lv.diagonal ? 'Diagonal' : 'General positive-definite, Log-Cholesky parametrization'}`);
    if (k === 1 || lv.diagonal) {
      // print() of a one-row numeric matrix: each column to 7 significant digits, one space apart
      const head = ['', ...lv.terms, ...(resid ? ['Residual'] : [])];
      const row = ['StdDev:', ...[...lv.sd, ...(resid ? [sigma] : [])].map((v) => num(v, 7))];
      const w = head.map((h, j) => Math.max(h.length, row[j].length));
      const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(w[0]) : c.padStart(w[j]))).join(' ');
      out.push(line(head), line(row));
    } else {
      // StdDev, then the lower triangle of the correlations (rounded to 3, formatted together) under
      // the abbreviated names of the first k − 1 effects
      const sd = formatColumn([...lv.sd, ...(resid ? [sigma] : [])]);
      const lower: number[] = [];
      for (let i = 1; i < k; i++) for (let j = 0; j < i; j++) lower.push(Math.round(lv.corr[i * k + j] * 1000) / 1000);
      const corr = formatColumn(lower);
      const cell = (i: number, j: number) => corr[lower.length === 0 ? 0 : (i * (i - 1)) / 2 + j];
      const rows = lv.terms.map((t, i) => [t, sd[i], ...Array.from({ length: k - 1 }, (_, j) => (i === 0 ? abbreviate(lv.terms[j], 6) : j < i ? cell(i, j) : ''))]);
      if (resid) rows.push(['Residual', sd[k], ...new Array<string>(k - 1).fill('')]);
      out.push(leftTable(['', 'StdDev', 'Corr', ...new Array<string>(k - 2).fill('')], rows));
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
