/** The options of commands that fit one model to a data file (confint, ranova, step), read and checked. */
import { type Table } from '../../src-engine/data/table';
import { type DesignOptions } from '../../src-engine/design/buildDesign';
import { readDataFile } from '../../src-engine/io/readDataFile';
import { type OptionSpec, type ParsedOptions, UsageError } from './args';
import { DATA_OPTIONS, dataFileOptions } from './dataOptions';

export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  formula: { kind: 'value', help: 'lme4 formula, e.g. "Reaction ~ Days + (Days | Subject)"' },
  ml: { kind: 'flag', help: 'fit by maximum likelihood (default: REML)' },
  weights: { kind: 'value', help: "a numeric column of prior weights (lmer's weights =)" },
};

export interface ModelInput {
  table: Table;
  formula: string;
  reml: boolean;
  designOptions: DesignOptions;
}

export async function readModelInput(opts: ParsedOptions, command: string): Promise<ModelInput> {
  if (typeof opts.data !== 'string' || !opts.data) throw new UsageError(`${command}: --data FILE is required`);
  if (typeof opts.formula !== 'string' || !opts.formula.trim()) throw new UsageError(`${command}: --formula "response ~ terms + (1 | group)" is required`);
  const data = await readDataFile(opts.data, dataFileOptions(opts, command));
  return { table: data.table, formula: opts.formula, reml: !opts.ml, designOptions: typeof opts.weights === 'string' ? { weights: opts.weights } : {} };
}

/** --ddf for commands with F- or t-tests. */
export function ddfOption(opts: ParsedOptions, command: string): 'satterthwaite' | 'kenward-roger' {
  const name = typeof opts.ddf === 'string' ? opts.ddf.toLowerCase() : 'satterthwaite';
  if (name === 'satterthwaite') return 'satterthwaite';
  if (name === 'kenward-roger' || name === 'kr') return 'kenward-roger';
  throw new UsageError(`${command}: --ddf must be satterthwaite or kenward-roger (got '${opts.ddf}')`);
}
