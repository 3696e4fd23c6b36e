/**
 * `quadrat emmeans --data FILE --formula "…" --means F [--by G]`: estimated marginal means of a factor
 * and their pairwise comparisons, as emmeans(m, pairwise ~ F) or emmeans(m, pairwise ~ F | G) (docs/cli.md).
 */
import { buildDesign } from '../../src-engine/design/buildDesign';
import { fitGlmmTable } from '../../src-engine/glmm/fitGlmm';
import { glmmEmmeans, type GlmmEmmeans } from '../../src-engine/glmm/glmmInference';
import { LmmInference } from '../../src-engine/inference/lmmInference';
import { emmeans as emmeansOf } from '../../src-engine/inference/emmeans';
import { fitDesign } from '../../src-engine/lmm/fitDesign';
import { apiMethods } from '../api/contract';
import { checkOptions, type OptionField, refuseOption } from './apiOptions';
import { defineCommand, type OptionSpec, UsageError } from './args';
import { type Command } from './commands';
import { ddfOption, MODEL_OPTIONS, readModelInput } from './modelInput';
import { num, pval, textTable } from './textFormat';

const SUMMARY = 'Estimated marginal means of a factor and their pairwise comparisons, as emmeans(m, pairwise ~ F [| G]).';

const SPEC: Record<string, OptionSpec> = {
  ...MODEL_OPTIONS,
  means: { kind: 'value', help: 'the factor whose levels are compared (a factor among the fixed effects)' },
  by: { kind: 'value', help: 'compare within each level of this factor (emmeans pairwise ~ F | G)' },
  adjust: { kind: 'value', help: 'p-value adjustment: tukey (default), holm or none' },
  ddf: { kind: 'value', help: 'degrees of freedom: satterthwaite (default) or kenward-roger (REML fits)' },
  level: { kind: 'value', help: 'confidence level (default 0.95)' },
  'link-scale': { kind: 'flag', help: 'GLMMs: means on the link scale (default: the response scale, type = "response")' },
  'bias-adjust': { kind: 'flag', help: "GLMMs: emmeans' bias.adjust, with sigma the total random-intercept SD" },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.emmeans/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

const EMMEANS_PARAMS = apiMethods['model.emmeans'].params.pick({ adjust: true, level: true });
const EMMEANS_FIELDS: Record<string, OptionField> = { adjust: { option: 'adjust', as: 'lowercase' }, level: { option: 'level', as: 'number' } };

export const emmeans: Command = defineCommand('emmeans', SPEC, { summary: 'estimated marginal means and pairwise comparisons (emmeans)', help: SUMMARY }, async (opts) => {
  if (typeof opts.means !== 'string' || !opts.means.trim()) throw new UsageError('emmeans: --means FACTOR is required (the factor whose levels are compared)');
  // --adjust, --ddf and --level by the API's model.emmeans rules
  const ddf = ddfOption(opts, 'emmeans');
  const { adjust, level } = checkOptions(EMMEANS_PARAMS, EMMEANS_FIELDS, opts, 'emmeans');
  const input = await readModelInput(opts, 'emmeans');
  if (!input.glmm) for (const o of ['link-scale', 'bias-adjust']) refuseOption(opts, o, 'emmeans', 'it is for GLMMs (--family binomial or poisson); a linear mixed model has one scale');
  else refuseOption(opts, 'ddf', 'emmeans', "a GLMM's means and contrasts use asymptotic (z) limits, as emmeans");
  const by = typeof opts.by === 'string' && opts.by.trim() ? opts.by.trim() : null;
  const e = input.glmm
    ? glmmEmmeans(fitGlmmTable(input.table, input.glmm), opts.means.trim(), { adjust, level, by, type: opts['link-scale'] ? 'link' : 'response', biasAdjust: Boolean(opts['bias-adjust']) })
    : emmeansOf(new LmmInference(fitDesign(buildDesign(input.table, input.formula, input.designOptions), input.reml)), opts.means.trim(), { ddf, adjust, level, by });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ schema: 'quadrat.emmeans/1', formula: input.formula, ddf, level, ...e }) + '\n');
    return 0;
  }
  const byHead = by ? [by] : [];
  const byCell = (r: { by?: string }) => (by ? [r.by ?? ''] : []);
  const scale = input.glmm ? `${(e as GlmmEmmeans).type} scale, asymptotic (z) limits` : `${ddf === 'satterthwaite' ? 'Satterthwaite' : 'Kenward-Roger'} df`;
  // emmeans prints its notes first, as "NOTE: …"
  const out = [...e.notes.map((n) => `NOTE: ${n}\n`), `Estimated marginal means of ${e.factor}${by ? ` within each level of ${by}` : ''} (${scale}, ${level * 100}% confidence limits)\n`];
  out.push(textTable([...byHead, e.factor, 'emmean', 'SE', 'df', 'lower.CL', 'upper.CL'], e.emmeans.map((r) => [...byCell(r), r.level, num(r.emmean), num(r.SE), num(r.df), num(r.lowerCL), num(r.upperCL)])));
  out.push(`Pairwise contrasts (p-values: ${adjust === 'none' ? 'not adjusted' : `${adjust === 'tukey' ? 'Tukey' : 'Holm'} adjustment${by ? ` within each level of ${by}` : ''}`})\n`);
  const glmm = input.glmm ? (e as GlmmEmmeans) : null;
  const estimateHead: string = glmm?.ratio ?? 'estimate';
  const testHead: string = glmm ? 'z.ratio' : 't.ratio';
  out.push(textTable([...byHead, 'contrast', estimateHead, 'SE', 'df', testHead, 'p.value'], e.contrasts.map((r) => [...byCell(r), r.contrast, num(r.estimate), num(r.SE), num(r.df), num(r.tRatio, 4), pval(r.pValue)])));
  process.stdout.write(out.join('\n'));
  return 0;
});
