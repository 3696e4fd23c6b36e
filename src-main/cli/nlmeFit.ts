/**
 * `quadrat fit --engine nlme`: gls() or lme() with nlme's variance functions and correlation
 * structures, in nlme's own syntax (--random "~ 1 | g", --weights "varIdent(form = ~ 1 | g)",
 * --correlation "corAR1(form = ~ t | g)"); summary(gls/lme) as text or the report as JSON.
 */
import { fitNlme } from '../../src-engine/nlme/fitNlme';
import { nlmeRCall } from '../../src-engine/nlme/rCall';
import { type NlmeSpec } from '../../src-engine/nlme/spec/nlmeSpec';
import { nlmeSpecSchema } from '../api/nlmeReportSchema';
import { checkOptions } from './apiOptions';
import { type ParsedOptions, UsageError } from './args';
import { readDataOptions } from './dataOptions';
import { formatNlmeSummary } from './nlmeSummary';

/** lme4-only options that mean nothing to nlme are refused, not ignored. */
const LME4_ONLY = ['ddf', 'anova', 'family', 'link', 'nagq', 'diagnostics', 'report'] as const;

export async function fitWithNlme(opts: ParsedOptions): Promise<number> {
  for (const o of LME4_ONLY) if (opts[o] !== undefined) throw new UsageError(`fit: --${o} does not apply with --engine nlme`);
  const formula = String(opts.formula);
  if (/\|/.test(formula)) throw new UsageError('fit: with --engine nlme the formula has only fixed effects; give the random part as --random "~ 1 | group" (nlme syntax)');
  // the app's fit.start checks of spec.nlme (lengths, a structure's text)
  const parts = checkOptions(nlmeSpecSchema, { random: { option: 'random', as: 'text' }, weights: { option: 'weights', as: 'text' }, correlation: { option: 'correlation', as: 'text' } }, opts, 'fit');
  const spec: NlmeSpec = { fixed: formula, ...parts, method: opts.ml ? 'ML' : 'REML' };
  const data = await readDataOptions(String(opts.data), opts, 'fit');
  const { report, satterthwaite } = fitNlme(data.table, spec);
  if (opts.json) process.stdout.write(JSON.stringify({ schema: 'quadrat.nlme/1', rCall: nlmeRCall(spec), ...report, satterthwaite }) + '\n');
  else process.stdout.write(formatNlmeSummary(report, spec, satterthwaite));
  return 0;
}
