/** The options of commands that fit one model to a data file (confint, ranova, step), read and checked. */
import { type Table } from '../../src-engine/data/table';
import { type DesignOptions } from '../../src-engine/design/buildDesign';
import { type GlmmRequest } from '../../src-engine/glmm/fitGlmm';
import { isGlmmSpec, type LmmRequest } from '../../src-engine/lmm/fitLmm';
import { z } from 'zod';
import { inferenceDdfSchema } from '../api/inferenceShapes';
import { modelSpecSchema } from '../api/shapes';
import { checkOptions, type OptionField } from './apiOptions';
import { type OptionSpec, type ParsedOptions, UsageError } from './args';
import { DATA_OPTIONS, readDataOptions } from './dataOptions';

export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'value', help: 'lme4 formula, e.g. "Reaction ~ Days + (Days | Subject)"' },
  ml: { kind: 'flag', help: 'fit by maximum likelihood (default: REML)' },
  weights: { kind: 'value', help: "a numeric column of prior weights (lmer's weights =)" },
  family: { kind: 'value', help: 'a GLMM as glmer: binomial, poisson, Gamma or inverse.gaussian; gaussian with --link log/inverse (default gaussian: lmer)' },
  link: { kind: 'value', help: "the family's link (default: the family's own)" },
  nagq: { kind: 'value', help: 'GLMMs: 1 Laplace (default), 0, or 2-100 adaptive Gauss-Hermite' },
};

export interface ModelInput {
  table: Table;
  formula: string;
  reml: boolean;
  designOptions: DesignOptions;
  /** Set for a GLMM (--family binomial/poisson). */
  glmm?: GlmmRequest;
}

export async function readModelInput(opts: ParsedOptions, command: string): Promise<ModelInput> {
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError(`${command}: --data FILE is required`);
  if (typeof opts.formula !== 'string' || !opts.formula.trim()) throw new UsageError(`${command}: --formula "response ~ terms + (1 | group)" is required`);
  const g = glmmOptions(opts, command);
  const weights = typeof opts.weights === 'string' ? opts.weights : undefined;
  const glmm = isGlmmSpec(g) ? { formula: opts.formula, family: g.family!, link: g.link, nAGQ: g.nAGQ, weights } : undefined;
  const data = await readDataOptions(opts.data, opts, command);
  return { table: data.table, formula: opts.formula, reml: !opts.ml, designOptions: weights ? { weights } : {}, ...(glmm ? { glmm } : {}) };
}

/** The engine's request for the model the options describe (lmer, or glmer with its family). */
export function requestOf(input: ModelInput): LmmRequest {
  return input.glmm
    ? { formula: input.formula, reml: false, family: input.glmm.family, link: input.glmm.link, nAGQ: input.glmm.nAGQ, weights: input.glmm.weights }
    : { formula: input.formula, reml: input.reml, ...(input.designOptions.weights ? { weights: input.designOptions.weights } : {}) };
}

/** --family/--link/--nagq as the request's GLMM fields, by the API's rules (modelSpecSchema); the engine checks the combination. */
export function glmmOptions(opts: ParsedOptions, command = 'fit'): { family?: string; link?: string; nAGQ?: number } {
  const g = checkOptions(GLMM_PARAMS, GLMM_FIELDS, opts, command);
  if (g.link !== undefined && g.family === undefined) throw new UsageError(`${command}: --link needs --family`);
  if (g.nAGQ !== undefined && (g.family === undefined || g.family === 'gaussian')) throw new UsageError(`${command}: --nagq is for GLMMs: give --family (binomial, poisson, Gamma, …)`);
  return { ...(g.family ? { family: g.family } : {}), ...(g.link ? { link: g.link } : {}), ...(g.nAGQ !== undefined ? { nAGQ: g.nAGQ } : {}) };
}
// the API's fields without their defaults: an absent --family means lmer, not an explicit gaussian
const spec = modelSpecSchema.shape;
const GLMM_PARAMS = z.object({ family: spec.family.unwrap().optional(), link: spec.link, nAGQ: spec.nAGQ.unwrap().optional() });
const GLMM_FIELDS: Record<string, OptionField> = { family: { option: 'family', as: 'text' }, link: { option: 'link', as: 'text' }, nAGQ: { option: 'nagq', as: 'number' } };

/** For commands that work on linear mixed models only (ranova, step). */
export function refuseGlmm(input: ModelInput, command: string): void {
  if (input.glmm) throw new UsageError(`${command} is not available for GLMMs yet (lmerTest's ${command} is for linear mixed models); compare GLMMs with quadrat compare --family …`);
}

/** --ddf for commands with F- or t-tests, by the API's inference rules ('kr' is the short name). */
export function ddfOption(opts: ParsedOptions, command: string): 'satterthwaite' | 'kenward-roger' {
  return checkOptions(z.object({ ddf: inferenceDdfSchema.default('satterthwaite') }), { ddf: { option: 'ddf', as: 'ddf' } }, opts, command).ddf;
}
