/**
 * `quadrat describe --data FILE …`: import a data file and report its columns, types, levels and
 * missing values — the quickest way to see how Quadrat reads your data before fitting a model.
 */
import { describeTable, type TableDescription } from '../../src-engine/data/describeTable';
import { type DecimalMark, type Separator } from '../../src-engine/data/importOptions';
import { type ColumnType } from '../../src-engine/data/table';
import { readDataFile, type DataFileOptions } from '../../src-engine/io/readDataFile';
import { helpText, listOption, type OptionSpec, type ParsedOptions, parseOptions, UsageError } from './args';
import { type Command } from './commands';

const SUMMARY = 'Read a data file (CSV, TSV, European CSV, .xlsx) and list its columns, types, levels and missing values.';

const SPEC: Record<string, OptionSpec> = {
  data: { kind: 'value', help: 'the data file (.csv, .tsv, .txt, .xlsx)' },
  factor: { kind: 'value', help: 'columns to read as factors, e.g. Subject,Plot' },
  numeric: { kind: 'value', help: 'columns to read as numbers' },
  logical: { kind: 'value', help: 'columns to read as TRUE/FALSE' },
  text: { kind: 'value', help: 'columns to keep as free text' },
  sheet: { kind: 'value', help: 'worksheet of an .xlsx file (default: the first)' },
  sep: { kind: 'value', help: 'field separator: , or ; or tab or | (default: detected)' },
  decimal: { kind: 'value', help: 'decimal mark: . or , (default: detected)' },
  na: { kind: 'value', help: 'codes meaning "missing", e.g. "NA,." (default NA,na,.,-; empty cells always)' },
  'no-header': { kind: 'flag', help: 'the first row is data; columns are named V1, V2, …' },
  json: { kind: 'flag', help: 'print one JSON object (schema quadrat.describe/1)' },
  help: { kind: 'flag', help: 'show this help' },
};

const SEPARATORS: Record<string, Separator> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t', '\\t': '\t', '|': '|', pipe: '|' };
const DECIMALS: Record<string, DecimalMark> = { '.': '.', dot: '.', ',': ',', comma: ',' };
const LEVELS_SHOWN = 6;

export const describe: Command = {
  summary: 'list the columns, types, levels and missing values of a data file',
  async run(argv) {
    const opts = parseOptions(argv, SPEC, 'describe');
    if (opts.help) {
      process.stdout.write(helpText('describe', SUMMARY, SPEC));
      return 0;
    }
    const file = opts.data;
    if (typeof file !== 'string' || file === '') throw new UsageError('describe: --data FILE is required');
    const result = await readDataFile(file, dataFileOptions(opts));
    const description = describeTable(result, file);
    process.stdout.write(opts.json ? JSON.stringify(description) + '\n' : formatDescription(description));
    return 0;
  },
};

export function dataFileOptions(opts: ParsedOptions): DataFileOptions {
  const out: DataFileOptions = {};
  const columnTypes: Record<string, ColumnType> = {};
  for (const type of ['factor', 'numeric', 'logical', 'text'] as const) {
    for (const name of listOption(opts[type])) {
      if (columnTypes[name]) throw new UsageError(`describe: column '${name}' is given both as --${columnTypes[name]} and as --${type}`);
      columnTypes[name] = type;
    }
  }
  if (Object.keys(columnTypes).length) out.columnTypes = columnTypes;
  if (typeof opts.sep === 'string') {
    out.sep = SEPARATORS[opts.sep.toLowerCase()];
    if (!out.sep) throw new UsageError(`describe: --sep must be one of , ; tab | (got '${opts.sep}')`);
  }
  if (typeof opts.decimal === 'string') {
    out.decimal = DECIMALS[opts.decimal.toLowerCase()];
    if (!out.decimal) throw new UsageError(`describe: --decimal must be . or , (got '${opts.decimal}')`);
  }
  if (typeof opts.na === 'string') out.naStrings = listOption(opts.na);
  if (typeof opts.sheet === 'string') out.sheet = opts.sheet;
  if (opts['no-header']) out.header = false;
  return out;
}

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
