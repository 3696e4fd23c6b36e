/**
 * `quadrat fit --data FILE --formula "…"`: fit a linear mixed model as lme4::lmer (+ lmerTest) would and
 * print an lmerTest-style summary, or with --json the quadrat.fit/1 object (docs/cli.md).
 */
import { fitLmm, type LmmRequest } from '../../src-engine/lmm/fitLmm';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { defineCommand, type OptionSpec, UsageError } from './args';
import { type Command } from './commands';
import { modelSpecSchema } from '../api/shapes';
import { checkOptions } from './apiOptions';
import { DATA_OPTIONS, dataFileOptions, readDataOptions } from './dataOptions';
import { formatSummary } from './formatSummary';
import { fitWithNlme } from './nlmeFit';
import { fitWithTmb, wantsTmb } from './tmbFit';
import { chooseCountCli } from './chooseCount';
import { glmmOptions } from './modelInput';
import { checkReportOptions, REPORT_SPEC, reportOutputs } from './reportOptions';

const SUMMARY = 'Fit a linear mixed model (lme4 formula syntax) by REML or ML, with lmerTest-style inference; or, with --family, a GLMM as glmer.';

const SPEC: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'value', help: 'lme4 formula, e.g. "Reaction ~ Days + (Days | Subject)"' },
  ml: { kind: 'flag', help: 'fit by maximum likelihood (default: REML, as lmer)' },
  ddf: { kind: 'value', help: 'denominator df for t and F tests: satterthwaite (default), kenward-roger, none' },
  anova: { kind: 'value', help: 'ANOVA table type: 1, 2 or 3 (default 3)' },
  weights: { kind: 'value', help: "a numeric column of prior weights (lmer's weights =; binomial proportions: the trials)" },
  family: { kind: 'value', help: 'a GLMM as glmer: binomial, poisson, Gamma or inverse.gaussian; gaussian with a non-identity link (default gaussian: lmer)' },
  link: { kind: 'value', help: "the family's link: logit, probit, cloglog, cauchit (binomial); log, sqrt, identity (poisson); inverse, log, identity (Gamma); 1/mu^2, inverse, log, identity (inverse.gaussian); log, inverse (gaussian)" },
  nagq: { kind: 'value', help: 'GLMMs: 1 Laplace (default), 0 fast, 2-100 adaptive Gauss-Hermite (one random intercept)' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.fit/1)' },
  diagnostics: { kind: 'flag', help: 'with --json: include fitted values, residuals and conditional modes' },
  engine: { kind: 'value', help: "lme4 (default) or nlme: gls()/lme() with --random, --weights and --correlation in nlme's syntax" },
  random: { kind: 'value', help: 'with --engine nlme: lme\'s random part, e.g. "~ 1 | Mare" (none: gls)' },
  correlation: { kind: 'value', help: 'with --engine nlme: a correlation structure, e.g. "corAR1(form = ~ 1 | Mare)"' },
  zi: { kind: 'value', help: 'count models as glmmTMB: the zero-inflation formula, e.g. "~ 1" or "~ spp" (a hurdle with a truncated_* family)' },
  disp: { kind: 'value', help: 'count models as glmmTMB: the dispersion formula, e.g. "~ x" (default ~ 1)' },
  ...REPORT_SPEC,
  help: { kind: 'flag', help: 'show this help' },
};

export const fit: Command = defineCommand('fit', SPEC, { summary: 'fit a linear or generalized linear mixed model and print lme4/lmerTest-style results', help: SUMMARY }, async (opts) => {
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError('fit: --data FILE is required');
  if (typeof opts.formula !== 'string' || !opts.formula.trim()) throw new UsageError('fit: --formula "response ~ terms + (1 | group)" is required');
  if (opts.engine !== undefined && opts.engine !== 'lme4' && opts.engine !== 'nlme') throw new UsageError(`fit: --engine must be lme4 or nlme (got '${String(opts.engine)}')`);
  if (opts.engine === 'nlme') return fitWithNlme(opts);
  if (opts.family === 'choose') return chooseCountCli(opts);
  if (wantsTmb(opts)) return fitWithTmb(opts);
  for (const o of ['random', 'correlation'] as const) if (opts[o] !== undefined) throw new UsageError(`fit: --${o} is for --engine nlme (in lme4 the random effects are in the formula)`);
  // --ddf and --anova by the API's own rules (modelSpecSchema); 'kr' is the command line's short name
  const { ddf, anovaType } = checkOptions(modelSpecSchema.pick({ ddf: true, anovaType: true }), { ddf: { option: 'ddf', as: 'ddf' }, anovaType: { option: 'anova', as: 'number' } }, opts, 'fit');
  if (opts.diagnostics && !opts.json) throw new UsageError('fit: --diagnostics does not apply without --json (it adds fitted values, residuals and conditional modes to the JSON output)');
  checkReportOptions(opts);
  const fileOptions = dataFileOptions(opts, 'fit');
  const data = await readDataOptions(opts.data, opts, 'fit');
  const weights = typeof opts.weights === 'string' ? opts.weights : undefined;
  const request: LmmRequest = { formula: opts.formula, reml: !opts.ml, ddf, anovaType, weights, ...glmmOptions(opts) };
  // conditional SDs only appear in --diagnostics output (and in reports' random-effect intervals)
  const wantCondSd = Boolean(opts.diagnostics) || typeof opts.report === 'string';
  // a GLMM's simulated (DHARMa) residuals and their tests only appear in --json and reports, not in the
  // printed summary (250 simulated responses per observation: most of a first cbpp fit)
  const wantSimulated = Boolean(opts.json) || typeof opts.report === 'string';
  const report = fitLmm(data.table, request, { conditionalSds: wantCondSd, simulatedResiduals: wantSimulated });
  const code = await reportOutputs(opts, report, data, request, fileOptions.naStrings);
  if (code !== null) process.stdout.write(code);
  else if (opts.json) {
    const out: FitReport = { ...report };
    if (!opts.diagnostics) delete out.diagnostics;
    process.stdout.write(JSON.stringify(out) + '\n');
  } else {
    process.stdout.write(formatSummary(report));
  }
  return 0;
});
