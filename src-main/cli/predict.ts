/**
 * `quadrat predict --data FILE --formula "…" --newdata NEW.csv [--re group] [--interval prediction]
 * [--method simulation] [--json | --csv]`: lme4's predict() for new rows with confidence or prediction
 * intervals (issue 20, docs/prediction.md). Options are checked by the API's own schema (model.predict).
 */
import { predict as predictRows, type Predictions } from '../../src-engine/inference/predict/predict';
import { predictorColumns } from '../../src-engine/inference/predict/predictorColumns';
import { rowsOfTable, type NewRow } from '../../src-engine/inference/predict/newDataTable';
import { readDataFile } from '../../src-engine/io/readDataFile';
import { predictOptionsSchema } from '../api/predictShapes';
import { checkOptions, type OptionField } from './apiOptions';
import { defineCommand, type OptionSpec, UsageError } from './args';
import { type Command } from './commands';
import { MODEL_OPTIONS, readModelInput, requestOf } from './modelInput';
import { num, textTable } from './textFormat';

const SPEC: Record<string, OptionSpec> = {
  ...MODEL_OPTIONS,
  newdata: { kind: 'value', help: 'a CSV (or .xlsx) of the rows to predict, with the columns the formula uses (the response is not needed)' },
  re: { kind: 'value', help: "population (fixed effects only, lme4's re.form = NA; default) or group (each row's own group, re.form = NULL)" },
  interval: { kind: 'value', help: 'confidence (default), prediction, or none' },
  method: { kind: 'value', help: 'delta (normal on the link scale; default) or simulation (as merTools predictInterval)' },
  level: { kind: 'value', help: 'interval level (default 0.95)' },
  scale: { kind: 'value', help: 'GLMMs: response (default) or link' },
  nsim: { kind: 'value', help: 'simulations for --method simulation (default 1000, at most 100000)' },
  seed: { kind: 'value', help: 'random seed for --method simulation (default 1)' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.predict/1)' },
  csv: { kind: 'flag', help: 'print the table as CSV (the new rows, then fit, lower, upper)' },
  help: { kind: 'flag', help: 'show this help' },
};

const FIELDS: Record<string, OptionField> = {
  re: { option: 're', as: 'lowercase' },
  interval: { option: 'interval', as: 'lowercase' },
  method: { option: 'method', as: 'lowercase' },
  level: { option: 'level', as: 'number' },
  scale: { option: 'scale', as: 'lowercase' },
  nsim: { option: 'nsim', as: 'number' },
  seed: { option: 'seed', as: 'number' },
};

interface Output {
  columns: string[];
  head: string[];
  body: (string | number | null)[][];
}

function tableOf(p: Predictions, rows: readonly NewRow[], columns: string[]): Output {
  const glmmMean = p.rows.some((r) => r.biasAdjusted !== null);
  const interval = p.options.interval !== 'none';
  const head = [...columns, 'fit', ...(interval ? ['lower', 'upper'] : []), ...(glmmMean ? ['bias-adjusted'] : [])];
  const body = p.rows.map((r) => [
    ...columns.map((c) => {
      const v = rows[r.row][c];
      return v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : v;
    }),
    r.estimate,
    ...(interval ? [r.lower, r.upper] : []),
    ...(glmmMean ? [r.biasAdjusted] : []),
  ]);
  return { columns, head, body };
}

const csvCell = (v: string | number | null) => (v === null ? 'NA' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const predict: Command = defineCommand(
  'predict',
  SPEC,
  { summary: "predictions for new rows with confidence or prediction intervals, as lme4's predict()", help: 'Fits the model, then predicts each row of --newdata at the population level or for its own group, with intervals by the delta method or by simulation (docs/prediction.md).' },
  async (opts) => {
    if (typeof opts.newdata !== 'string' || !opts.newdata) throw new UsageError('predict: --newdata FILE is required (the rows to predict)');
    if (opts.json && opts.csv) throw new UsageError('predict: give --json or --csv, not both');
    const options = checkOptions(predictOptionsSchema, FIELDS, opts, 'predict');
    if (options.method === 'delta' && (opts.nsim !== undefined || opts.seed !== undefined)) throw new UsageError('predict: --nsim and --seed are for --method simulation');
    const input = await readModelInput(opts, 'predict');
    const rows = rowsOfTable((await readDataFile(opts.newdata)).table);
    const p = predictRows(input.table, requestOf(input), rows, options);
    const cols = predictorColumns(input.formula);
    const out = tableOf(p, rows, [...cols.columns, ...cols.groups]);
    if (opts.json) process.stdout.write(JSON.stringify({ schema: 'quadrat.predict/1', formula: input.formula, ...p }) + '\n');
    else if (opts.csv) process.stdout.write([out.head, ...out.body].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
    else {
      const lines = [`Predictions (${p.options.re === 'population' ? 'population level, re.form = NA' : "each row's own group, re.form = NULL"}) from ${input.formula}\n\n`];
      lines.push(textTable(out.head, out.body.map((r) => r.map((v) => (typeof v === 'number' ? num(v) : (v ?? 'NA'))))));
      lines.push('\n');
      for (const d of p.dropped) lines.push(`Row ${d.row + 1} not predicted: ${d.reason}.\n`);
      for (const n of p.notes) lines.push(`${n}\n`);
      process.stdout.write(lines.join(''));
    }
    return 0;
  },
);
