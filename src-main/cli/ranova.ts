/**
 * `quadrat ranova --data FILE --formula "…"`: lmerTest's ranova(m) — a likelihood-ratio test for
 * dropping each random-effects term, or reducing a slope term to its intercept (docs/cli.md).
 */
import { ranova as ranovaTable, type RanovaRow } from '../../src-engine/inference/ranova';
import { defineCommand, type OptionSpec } from './args';
import { type Command } from './commands';
import { MODEL_OPTIONS, readModelInput, refuseGlmm } from './modelInput';
import { num, pval, stars, textTable } from './textFormat';

const SUMMARY = "Likelihood-ratio tests for the random-effects terms, as lmerTest's ranova(m).";

const SPEC: Record<string, OptionSpec> = {
  ...MODEL_OPTIONS,
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.ranova/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

/** lmerTest's LR table columns, with an Eliminated column when step prints it. */
export function lrText(rows: (RanovaRow & { eliminated?: number | null })[], withEliminated = false): string {
  const head = ['', ...(withEliminated ? ['Eliminated'] : []), 'npar', 'logLik', 'AIC', 'LRT', 'Df', 'Pr(>Chisq)', ''];
  const body = rows.map((r) => [
    r.term,
    ...(withEliminated ? [r.eliminated == null ? '' : String(r.eliminated)] : []),
    String(r.npar),
    num(r.logLik),
    num(r.aic),
    num(r.lrt),
    r.df === null ? '' : String(r.df),
    pval(r.pValue),
    stars(r.pValue),
  ]);
  return textTable(head, body);
}

export const ranova: Command = defineCommand('ranova', SPEC, { summary: 'likelihood-ratio tests of the random-effects terms (lmerTest ranova)', help: SUMMARY }, async (opts) => {
  const input = await readModelInput(opts, 'ranova');
  refuseGlmm(input, 'ranova');
  const r = ranovaTable(input.table, input.formula, input.reml, input.designOptions);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ schema: 'quadrat.ranova/1', formula: input.formula, method: input.reml ? 'REML' : 'ML', rows: r.rows, formulas: r.formulas }) + '\n');
  } else {
    process.stdout.write(`ANOVA-like table for random-effects: Single term deletions (${input.reml ? 'REML' : 'ML'} likelihoods)\n\nModel:\n${input.formula}\n`);
    process.stdout.write(lrText(r.rows));
  }
  return 0;
});
