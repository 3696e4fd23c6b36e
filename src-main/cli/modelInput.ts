/** The options of commands that fit one model to a data file (confint, ranova, step), read and checked. */
import { type Table } from '../../src-engine/data/table';
import { type DesignOptions } from '../../src-engine/design/buildDesign';
import { FAMILY_NAMES, type FamilyName } from '../../src-engine/glmm/family';
import { type GlmmRequest } from '../../src-engine/glmm/fitGlmm';
import { readDataFile } from '../../src-engine/io/readDataFile';
import { isGlmmSpec } from '../../src-engine/lmm/fitLmm';
import { type OptionSpec, type ParsedOptions, UsageError } from './args';
import { DATA_OPTIONS, dataFileOptions } from './dataOptions';

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
  const g = glmmOptions(opts);
  const weights = typeof opts.weights === 'string' ? opts.weights : undefined;
  const glmm = isGlmmSpec(g) ? { formula: opts.formula, family: g.family!, link: g.link, nAGQ: g.nAGQ, weights } : undefined;
  const data = await readDataFile(opts.data, dataFileOptions(opts, command));
  return { table: data.table, formula: opts.formula, reml: !opts.ml, designOptions: weights ? { weights } : {}, ...(glmm ? { glmm } : {}) };
}

/** --family/--link/--nagq as the request's GLMM fields (the engine checks the combination). */
export function glmmOptions(opts: ParsedOptions): { family?: string; link?: string; nAGQ?: number } {
  const out: { family?: string; link?: string; nAGQ?: number } = {};
  if (typeof opts.family === 'string') {
    if (!FAMILY_NAMES.includes(opts.family as FamilyName)) throw new UsageError(`--family must be one of ${FAMILY_NAMES.join(', ')}, spelled as in R (got '${opts.family}')`);
    out.family = opts.family;
  }
  if (typeof opts.link === 'string') {
    if (!out.family) throw new UsageError('--link needs --family');
    out.link = opts.link;
  }
  if (typeof opts.nagq === 'string') {
    const k = Number(opts.nagq);
    if (!Number.isInteger(k) || k < 0 || k > 100) throw new UsageError(`--nagq must be a whole number from 0 to 100 (got '${opts.nagq}')`);
    if (!out.family || out.family === 'gaussian') throw new UsageError('--nagq is for GLMMs: give --family (binomial, poisson, Gamma, …)');
    out.nAGQ = k;
  }
  return out;
}

/** For commands that work on linear mixed models only (ranova, step). */
export function refuseGlmm(input: ModelInput, command: string): void {
  if (input.glmm) throw new UsageError(`${command} is not available for GLMMs yet (lmerTest's ${command} is for linear mixed models); compare GLMMs with quadrat compare --family …`);
}

/** --ddf for commands with F- or t-tests. */
export function ddfOption(opts: ParsedOptions, command: string): 'satterthwaite' | 'kenward-roger' {
  const name = typeof opts.ddf === 'string' ? opts.ddf.toLowerCase() : 'satterthwaite';
  if (name === 'satterthwaite') return 'satterthwaite';
  if (name === 'kenward-roger' || name === 'kr') return 'kenward-roger';
  throw new UsageError(`${command}: --ddf must be satterthwaite or kenward-roger (got '${opts.ddf}')`);
}
