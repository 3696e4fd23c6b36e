/** The options every command that reads a data file shares, and their translation to import options. */
import { type DecimalMark, type Separator } from '../../src-engine/data/importOptions';
import { type ColumnType } from '../../src-engine/data/table';
import { type DataFileOptions, type DataFileResult, readDataFile } from '../../src-engine/io/readDataFile';
import { listOption, type OptionSpec, type ParsedOptions, UsageError } from './args';
import { filterRows } from '../../src-engine/data/compute/rowFilter';
import { subsetRows } from '../../src-engine/data/table';
import { isQuadratError } from '../../src-engine/errors/quadratError';

export const DATA_OPTIONS: Record<string, OptionSpec> = {
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
  'level-order': { kind: 'value', help: "factor levels of text columns: locale (R in a UTF-8 locale, the default: control before Warm) or C (R in the C locale)" },
  filter: { kind: 'value', help: 'keep only the rows where this is TRUE, as R\'s subset(): e.g. "year >= 2010 & site != \\"B3\\"" or "!is.na(mass)"' },
};

const SEPARATORS: Record<string, Separator> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t', '\\t': '\t', '|': '|', pipe: '|' };
const DECIMALS: Record<string, DecimalMark> = { '.': '.', dot: '.', ',': ',', comma: ',' };
export function dataFileOptions(opts: ParsedOptions, command: string): DataFileOptions {
  const out: DataFileOptions = {};
  const columnTypes: Record<string, ColumnType> = {};
  for (const type of ['factor', 'numeric', 'logical', 'text'] as const) {
    for (const name of listOption(opts[type])) {
      if (columnTypes[name]) throw new UsageError(`${command}: column '${name}' is given both as --${columnTypes[name]} and as --${type}`);
      columnTypes[name] = type;
    }
  }
  if (Object.keys(columnTypes).length) out.columnTypes = columnTypes;
  if (typeof opts.sep === 'string') {
    out.sep = SEPARATORS[opts.sep.toLowerCase()];
    if (!out.sep) throw new UsageError(`${command}: --sep must be one of , ; tab | (got '${opts.sep}')`);
  }
  if (typeof opts.decimal === 'string') {
    out.decimal = DECIMALS[opts.decimal.toLowerCase()];
    if (!out.decimal) throw new UsageError(`${command}: --decimal must be . or , (got '${opts.decimal}')`);
  }
  if (typeof opts.na === 'string') out.naStrings = listOption(opts.na);
  if (typeof opts.sheet === 'string') out.sheet = opts.sheet;
  if (opts['no-header']) out.header = false;
  if (typeof opts['level-order'] === 'string') {
    const order = opts['level-order'];
    if (order !== 'locale' && order !== 'C') throw new UsageError(`${command}: --level-order must be locale or C (got '${order}')`);
    out.levelOrder = order;
  }
  return out;
}

const TEXT_ONLY = ['sep', 'decimal', 'na', 'no-header'] as const;

/**
 * Read --data with the data options, refusing the ones that do not apply to the file it turned out
 * to be (the format is known only after the first bytes are read): --sheet on a text file, or the
 * text-file options on a workbook, would otherwise be ignored without a word.
 */
export async function readDataOptions(file: string, opts: ParsedOptions, command: string): Promise<DataFileResult> {
  const result = await readDataFile(file, dataFileOptions(opts, command));
  if (result.format.kind === 'xlsx') {
    for (const o of TEXT_ONLY) {
      if (opts[o] !== undefined) throw new UsageError(`${command}: --${o} does not apply to an Excel workbook (${file}); it is for .csv/.tsv/.txt files`);
    }
  } else if (opts.sheet !== undefined) {
    throw new UsageError(`${command}: --sheet does not apply to a text data file (${file}); it chooses the worksheet of an .xlsx workbook`);
  }
  return typeof opts.filter === 'string' ? applyFilter(result, opts.filter, command) : result;
}

/**
 * --filter: the rows the condition keeps (R's subset()), how many on stderr (stdout stays the result,
 * e.g. --json); a bad condition is a usage error naming its character.
 */
function applyFilter(result: DataFileResult, filter: string, command: string): DataFileResult {
  if (!filter.trim()) throw new UsageError(`${command}: --filter is empty; give a condition such as "year >= 2010"`);
  try {
    const { rows, notes } = filterRows(result.table, filter);
    process.stderr.write(`${command}: --filter keeps ${rows.length} of ${result.table.nrow} rows${notes.length ? `; ${notes.join('; ')}` : ''}\n`);
    return { ...result, table: subsetRows(result.table, rows) };
  } catch (e) {
    if (!isQuadratError(e)) throw e;
    const at = e.kind === 'formula' && e.where?.column !== undefined ? ` (at character ${e.where.column} of the filter)` : '';
    throw new UsageError(`${command}: --filter "${filter}": ${e.message}${at}`);
  }
}
