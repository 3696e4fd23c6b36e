/**
 * `quadrat step --data FILE --formula "…" [--ddf satterthwaite|kenward-roger]`: lmerTest's step(m) —
 * backward elimination of random-effects terms (LRT, α = 0.1), then of fixed-effects terms (F-tests,
 * α = 0.05), and the model found (docs/cli.md).
 */
import { step as stepEliminate } from '../../src-engine/inference/step';
import { defineCommand, type OptionSpec } from './args';
import { type Command } from './commands';
import { ddfOption, MODEL_OPTIONS, readModelInput, refuseGlmm } from './modelInput';
import { lrText } from './ranova';
import { num, pval, stars, textTable } from './textFormat';

const SUMMARY = "Backward elimination of random, then fixed terms, as lmerTest's step(m).";

const SPEC: Record<string, OptionSpec> = {
  ...MODEL_OPTIONS,
  ddf: { kind: 'value', help: 'denominator df for the F-tests: satterthwaite (default) or kenward-roger' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.step/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

export const step: Command = defineCommand('step', SPEC, { summary: 'backward elimination of random and fixed terms (lmerTest step)', help: SUMMARY }, async (opts) => {
  const ddf = ddfOption(opts, 'step');
  const input = await readModelInput(opts, 'step');
  refuseGlmm(input, 'step');
  const s = stepEliminate(input.table, input.formula, input.reml, { ddf, designOptions: input.designOptions });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ schema: 'quadrat.step/1', formula: input.formula, method: input.reml ? 'REML' : 'ML', ddf, random: s.random, fixed: s.fixed, finalFormula: s.finalFormula }) + '\n');
    return 0;
  }
  const out: string[] = ['Backward reduced random-effect table:\n', lrText(s.random, true)];
  out.push(`Backward reduced fixed-effect table:\nDegrees of freedom method: ${ddf === 'satterthwaite' ? 'Satterthwaite' : 'Kenward-Roger'}\n`);
  const head = ['', 'Eliminated', 'Sum Sq', 'Mean Sq', 'NumDF', 'DenDF', 'F value', 'Pr(>F)', ''];
  out.push(textTable(head, s.fixed.map((f) => [f.term, String(f.eliminated), num(f.sumSq), num(f.meanSq), num(f.numDf), num(f.denDf), num(f.fValue), pval(f.pValue), stars(f.pValue)])));
  out.push(`Model found:\n${s.finalFormula}\n`);
  process.stdout.write(out.join('\n'));
  return 0;
});
