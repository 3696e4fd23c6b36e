/**
 * `quadrat describe --data FILE …`: import a data file and report its columns, types, levels and
 * missing values — the quickest way to see how Quadrat reads your data before fitting a model.
 */
import { describeTable, type TableDescription } from '../../src-engine/data/describeTable';
import { defineCommand, type OptionSpec, UsageError } from './args';
import { type Command } from './commands';
import { DATA_OPTIONS, readDataOptions } from './dataOptions';

const SUMMARY = 'Read a data file (CSV, TSV, European CSV, .xlsx) and list its columns, types, levels and missing values.';

const SPEC: Record<string, OptionSpec> = {
  ...DATA_OPTIONS,
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.describe/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

const LEVELS_SHOWN = 6;

export const describe: Command = defineCommand('describe', SPEC, { summary: 'list the columns, types, levels and missing values of a data file', help: SUMMARY }, async (opts) => {
  const file = opts.data;
  if (typeof file !== 'string' || file === '') throw new UsageError('describe: --data FILE is required');
  const result = await readDataOptions(file, opts, 'describe');
  const description = describeTable(result, file);
  process.stdout.write(opts.json ? JSON.stringify(description) + '\n' : formatDescription(description));
  return 0;
});

export function formatDescription(d: TableDescription): string {
  const source =
    d.format.kind === 'xlsx'
      ? `Excel sheet "${d.format.sheet}"`
      : `text, separator ${d.format.sep === '\t' ? 'tab' : `"${d.format.sep}"`}, decimal mark "${d.format.decimal}", ${d.format.encoding.toUpperCase()}`;
  const rows = d.columns.map((c) => [c.name, c.type, String(c.missing), c.levels ? levelSummary(c.levels) : '']);
  const head = ['column', 'type', 'missing', 'levels'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, k) => (k === 2 ? c.padStart(widths[k]) : k === 3 ? c : c.padEnd(widths[k]))).join('  ').trimEnd();
  const out = [
    `${d.file}: ${plural(d.nrow, 'row')}, ${plural(d.columns.length, 'column')} (${source})`,
    '',
    line(head),
    ...rows.map(line),
    ...d.notes.map((n) => `\nnote: ${n.message}`),
  ];
  return out.join('\n') + '\n';
}

function levelSummary(levels: string[]): string {
  const shown = levels.slice(0, LEVELS_SHOWN).join(', ');
  return `${levels.length}: ${shown}${levels.length > LEVELS_SHOWN ? ', …' : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
