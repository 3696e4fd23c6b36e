/**
 * `quadrat compare --data FILE --formula A --formula B [...]`: fit each model and compare them as
 * lme4's anova(m1, m2, …) does — likelihood-ratio tests between models ordered by number of
 * parameters (REML fits refitted by ML first, and the output says so) — with AIC, BIC, ΔAIC and
 * Akaike weights. Models fitted to different rows or responses are refused (docs/cli.md).
 */
import { buildDesign, type DesignOptions } from '../../src-engine/design/buildDesign';
import { type Table } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { fitGlmmTable, type GlmmRequest } from '../../src-engine/glmm/fitGlmm';
import { buildGlmmReport } from '../../src-engine/glmm/report';
import { compareModels, likelihoodRatioRows, type ModelComparison } from '../../src-engine/inference/modelComparison';
import { isGlmmSpec } from '../../src-engine/lmm/fitLmm';
import { fitDesign } from '../../src-engine/lmm/fitDesign';
import { defineCommand, type OptionSpec, UsageError } from './args';
import { type Command } from './commands';
import { num, pval, textTable } from './textFormat';
import { DATA_OPTIONS, readDataOptions } from './dataOptions';
import { glmmOptions } from './modelInput';

const SUMMARY = 'Compare nested or non-nested mixed models fitted to the same data: likelihood-ratio tests (as lme4 anova(m1, m2)) and AIC/BIC with ΔAIC and Akaike weights.';

const SPEC: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'multi', help: 'an lme4 formula; give --formula twice or more' },
  ml: { kind: 'flag', help: 'fit by maximum likelihood (default: REML, then refitted by ML for the comparison, as anova() does)' },
  'no-refit': { kind: 'flag', help: 'compare REML likelihoods as they are (only meaningful when the fixed effects are the same)' },
  weights: { kind: 'value', help: "a numeric column of prior weights (lmer's weights =)" },
  family: { kind: 'value', help: 'GLMMs as glmer: binomial or poisson (every model of that family)' },
  link: { kind: 'value', help: "the family's link (default: the family's own)" },
  nagq: { kind: 'value', help: 'GLMMs: 1 Laplace (default), 0, or 2-100 adaptive Gauss-Hermite' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.compare/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

function formatComparison(c: ModelComparison, formulas: Map<string, string>, dataName: string): string {
  const out: string[] = [];
  for (const m of c.messages) out.push(m);
  out.push(`Data: ${dataName}`, 'Models:');
  for (const r of c.rows) out.push(`${r.name}: ${formulas.get(r.name)}`);
  out.push(
    textTable(
      ['', 'npar', 'AIC', 'BIC', 'logLik', 'deviance', 'Chisq', 'Df', 'Pr(>Chisq)', 'ΔAIC', 'weight'],
      c.rows.map((r) => [r.name, String(r.npar), num(r.aic), num(r.bic), num(r.logLik), num(r.deviance), num(r.chisq, 4), r.df === null ? '' : String(r.df), pval(r.pValue), num(r.deltaAic, 4), num(r.akaikeWeight, 3)]),
    ),
  );
  return out.join('\n');
}

/** anova(m1, m2, …) for GLMMs of one family: ML fits already, so no refit; the same rows must be used. */
function compareGlmms(table: Table, formulas: readonly string[], o: Omit<GlmmRequest, 'formula'>): ModelComparison {
  const reports = formulas.map((formula) => buildGlmmReport(fitGlmmTable(table, { ...o, formula }), formula, 0));
  const nobs = new Set(reports.map((r) => r.nobs));
  if (nobs.size > 1) throw new QuadratError('model', `These models use different numbers of observations (${[...nobs].join(', ')}), so their likelihoods cannot be compared. Missing values in a variable one model uses and another does not are the usual cause.`);
  const rows = likelihoodRatioRows(reports.map((r, i) => ({ name: `m${i + 1}`, npar: r.fixed.length + r.theta.length, aic: r.aic, bic: r.bic, logLik: r.logLik })));
  return { rows, refitted: false, messages: [] };
}

export const compare: Command = defineCommand('compare', SPEC, { summary: 'compare models fitted to the same data (likelihood-ratio tests, AIC/BIC, Akaike weights)', help: SUMMARY }, async (opts) => {
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError('compare: --data FILE is required');
  const formulas = Array.isArray(opts.formula) ? opts.formula.filter((f) => f.trim()) : [];
  if (formulas.length < 2) throw new UsageError('compare: give at least two models, e.g. --formula "y ~ x + (1 | g)" --formula "y ~ 1 + (1 | g)"');
  const data = await readDataOptions(opts.data, opts, 'compare');
  const designOptions: DesignOptions = typeof opts.weights === 'string' ? { weights: opts.weights } : {};
  const g = glmmOptions(opts, 'compare');
  const byName = new Map(formulas.map((formula, i) => [`m${i + 1}`, formula]));
  let result: ModelComparison;
  if (isGlmmSpec(g)) result = compareGlmms(data.table, formulas, { family: g.family!, link: g.link, nAGQ: g.nAGQ, weights: designOptions.weights });
  else {
    const named = formulas.map((formula, i) => ({ name: `m${i + 1}`, formula, fit: fitDesign(buildDesign(data.table, formula, designOptions), !opts.ml) }));
    result = compareModels(named, { refit: !opts['no-refit'] });
  }
  if (opts.json) {
    const rows = result.rows.map((r) => ({ ...r, formula: byName.get(r.name) }));
    process.stdout.write(JSON.stringify({ schema: 'quadrat.compare/1', data: opts.data, refitted: result.refitted, messages: result.messages, rows }) + '\n');
  } else {
    process.stdout.write(formatComparison(result, byName, opts.data));
  }
  return 0;
});
