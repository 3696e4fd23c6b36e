/**
 * `quadrat compare --data FILE --formula A --formula B [...]`: fit each model and compare them as
 * lme4's anova(m1, m2, …) does — likelihood-ratio tests between models ordered by number of
 * parameters (REML fits refitted by ML first, and the output says so) — with AIC, BIC, ΔAIC and
 * Akaike weights. Models fitted to different rows or responses are refused (docs/cli.md).
 */
import { buildDesign, type DesignOptions } from '../../src-engine/design/buildDesign';
import { compareModels, type ModelComparison } from '../../src-engine/inference/modelComparison';
import { readDataFile } from '../../src-engine/io/readDataFile';
import { fitDesign } from '../../src-engine/lmm/fitDesign';
import { defineCommand, type OptionSpec, UsageError } from './args';
import { type Command } from './commands';
import { num, pval, textTable } from './textFormat';
import { DATA_OPTIONS, dataFileOptions } from './dataOptions';

const SUMMARY = 'Compare nested or non-nested mixed models fitted to the same data: likelihood-ratio tests (as lme4 anova(m1, m2)) and AIC/BIC with ΔAIC and Akaike weights.';

const SPEC: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'multi', help: 'an lme4 formula; give --formula twice or more' },
  ml: { kind: 'flag', help: 'fit by maximum likelihood (default: REML, then refitted by ML for the comparison, as anova() does)' },
  'no-refit': { kind: 'flag', help: 'compare REML likelihoods as they are (only meaningful when the fixed effects are the same)' },
  weights: { kind: 'value', help: "a numeric column of prior weights (lmer's weights =)" },
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

export const compare: Command = defineCommand('compare', SPEC, { summary: 'compare models fitted to the same data (likelihood-ratio tests, AIC/BIC, Akaike weights)', help: SUMMARY }, async (opts) => {
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError('compare: --data FILE is required');
  const formulas = Array.isArray(opts.formula) ? opts.formula.filter((f) => f.trim()) : [];
  if (formulas.length < 2) throw new UsageError('compare: give at least two models, e.g. --formula "y ~ x + (1 | g)" --formula "y ~ 1 + (1 | g)"');
  const data = await readDataFile(opts.data, dataFileOptions(opts, 'compare'));
  const designOptions: DesignOptions = typeof opts.weights === 'string' ? { weights: opts.weights } : {};
  const named = formulas.map((formula, i) => ({ name: `m${i + 1}`, formula, fit: fitDesign(buildDesign(data.table, formula, designOptions), !opts.ml) }));
  const result = compareModels(named, { refit: !opts['no-refit'] });
  const byName = new Map(named.map((m) => [m.name, m.formula]));
  if (opts.json) {
    const rows = result.rows.map((r) => ({ ...r, formula: byName.get(r.name) }));
    process.stdout.write(JSON.stringify({ schema: 'quadrat.compare/1', data: opts.data, refitted: result.refitted, messages: result.messages, rows }) + '\n');
  } else {
    process.stdout.write(formatComparison(result, byName, opts.data));
  }
  return 0;
});
