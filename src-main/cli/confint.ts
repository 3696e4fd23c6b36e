/**
 * `quadrat confint --data FILE --formula "…" [--method profile|wald]`: confidence intervals as lme4's
 * confint(m, method = …, oldNames = FALSE) — profile likelihood (the default, as in R) for the
 * random-effect SDs and correlations, σ and every β, Wald intervals for β, or a parametric bootstrap
 * (percentile intervals, seeded) (docs/cli.md).
 */
import { buildDesign } from '../../src-engine/design/buildDesign';
import { glmmBootEstimates, glmmBootstrapSamples } from '../../src-engine/glmm/bootstrap';
import { fitGlmmTable, type GlmmFit } from '../../src-engine/glmm/fitGlmm';
import { confintWaldGlmm } from '../../src-engine/glmm/glmmInference';
import { confintProfileGlmm } from '../../src-engine/glmm/profile';
import { confintBoot, percentileIntervals } from '../../src-engine/inference/bootstrap';
import { confintWald, type IntervalRow } from '../../src-engine/inference/confintWald';
import { confintProfile } from '../../src-engine/inference/profile';
import { fitDesign } from '../../src-engine/lmm/fitDesign';
import { confintParamsSchema } from '../api/inferenceShapes';
import { checkOptions, type OptionField, refuseOption } from './apiOptions';
import { defineCommand, type OptionSpec } from './args';
import { type Command } from './commands';
import { num, textTable } from './textFormat';
import { MODEL_OPTIONS, readModelInput } from './modelInput';

const SUMMARY = 'Confidence intervals for a linear mixed model: profile likelihood (as lme4 confint(m)) or Wald.';

const SPEC: Record<string, OptionSpec> = {
  ...MODEL_OPTIONS,
  method: { kind: 'value', help: 'profile (default), wald, or boot (parametric bootstrap, percentile)' },
  nsim: { kind: 'value', help: 'with --method boot: number of simulations (default 500)' },
  seed: { kind: 'value', help: 'with --method boot: random seed (default 1)' },
  level: { kind: 'value', help: 'confidence level (default 0.95)' },
  ml: { kind: 'flag', help: 'fit by maximum likelihood (default: REML; profiles always use the ML fit, as lme4)' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.confint/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

const CONFINT_FIELDS: Record<string, OptionField> = {
  method: { option: 'method', as: 'lowercase' },
  level: { option: 'level', as: 'number' },
  nsim: { option: 'nsim', as: 'number' },
  seed: { option: 'seed', as: 'number' },
};

/** confint(glmer, method = …): Wald, profile or parametric bootstrap intervals of a GLMM. */
function glmmIntervals(fit: GlmmFit, method: string, o: { nsim: number; seed: number; level: number }, messages: string[]): IntervalRow[] {
  if (method === 'wald') return confintWaldGlmm(fit, o.level);
  if (method === 'profile') return confintProfileGlmm(fit, { level: o.level });
  const samples = glmmBootstrapSamples(fit, { seed: o.seed, count: o.nsim });
  messages.push(`Parametric bootstrap: ${o.nsim} simulations, seed ${o.seed}${samples.failed ? `; ${samples.failed} refits failed and were left out` : ''}.`);
  return percentileIntervals(glmmBootEstimates(fit), samples, o.level);
}

export const confint: Command = defineCommand('confint', SPEC, { summary: 'profile-likelihood or Wald confidence intervals for a linear mixed model', help: SUMMARY }, async (opts) => {
  // the same rules as the API's model.confint (one schema): method, level, nsim (10–100,000), seed
  const { method, level, nsim, seed } = checkOptions(confintParamsSchema.omit({ fitId: true }), CONFINT_FIELDS, opts, 'confint');
  if (method !== 'boot') for (const o of ['nsim', 'seed']) refuseOption(opts, o, 'confint', `it is for the parametric bootstrap (--method boot), not ${method} intervals`);
  const input = await readModelInput(opts, 'confint');
  const messages: string[] = [];
  let rows: IntervalRow[];
  if (input.glmm) rows = glmmIntervals(fitGlmmTable(input.table, input.glmm), method, { nsim, seed, level }, messages);
  else {
  const fit = fitDesign(buildDesign(input.table, input.formula, input.designOptions), input.reml);
  if (method === 'wald') rows = confintWald(fit, level);
  else if (method === 'boot') {
    const boot = confintBoot(fit, { nsim, seed, level });
    rows = boot.rows;
    messages.push(`Parametric bootstrap: ${nsim} simulations, seed ${seed}${boot.failed ? `; ${boot.failed} refits failed and were left out` : ''}.`);
  } else {
    if (fit.reml) messages.push('Profiles use the maximum-likelihood fit (lme4 refits REML fits by ML to profile them).');
    rows = confintProfile(fit, { level });
  }
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify({ schema: 'quadrat.confint/1', formula: input.formula, method, level, ...(method === 'boot' ? { nsim, seed } : {}), messages, rows }) + '\n');
  } else {
    const pct = (q: number) => `${Number((q * 100).toPrecision(3))} %`;
    const a = (1 - level) / 2;
    for (const m of messages) process.stdout.write(m + '\n');
    process.stdout.write(textTable(['', 'estimate', pct(a), pct(1 - a)], rows.map((r) => [r.term, num(r.estimate), r.lower === null ? 'NA' : num(r.lower), r.upper === null ? 'NA' : num(r.upper)])));
  }
  return 0;
});
