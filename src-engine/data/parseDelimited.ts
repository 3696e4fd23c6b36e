/**
 * Split delimited text into a RawGrid (plain text by plainRows.ts, anything with quoting rules by papaparse), recording the line each row starts on so
 * errors can point at it. Quoted fields may hold separators, quotes ("") and line breaks. Blank lines
 * are skipped, as R's read.csv does. Rows must have as many fields as the header.
 */
import Papa from 'papaparse';
import { QuadratError } from '../errors/quadratError';
import { type Separator } from './importOptions';
import { LineCounter } from './lineCounter';
import { plainRows } from './plainRows';
import { type RawGrid } from './rawGrid';

export interface DelimitedOptions {
  sep: Separator;
  header: boolean;
  fileName?: string;
}

/** `text` must already have '\n' line ends (see normalizeLineEnds). */
export function parseDelimited(text: string, options: DelimitedOptions): RawGrid {
  return plainGrid(text, options) ?? papaparseGrid(text, options);
}

/**
 * The grid papaparseGrid gives, for plain text (plainRows.ts) that holds no error; otherwise null,
 * and papaparseGrid reads the text and words the error.
 */
function plainGrid(text: string, options: DelimitedOptions): RawGrid | null {
  const plain = plainRows(text, options.sep);
  if (!plain) return null;
  let header: string[] | undefined;
  let headerLine = 0;
  let cells: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = 0; i < plain.rows.length; i++) {
    const fields = plain.rows[i];
    if (fields.length === 1 && fields[0].trim() === '') continue; // a line of blanks
    if (!header) {
      header = options.header ? fields.map((f) => f.trim()) : fields.map((_, j) => `V${j + 1}`);
      cells = header.map(() => []);
      if (options.header) {
        headerLine = plain.lines[i];
        continue;
      }
    }
    if (fields.length !== header.length) return null;
    for (let j = 0; j < fields.length; j++) cells[j].push(fields[j]);
    rowNumbers.push(plain.lines[i]);
  }
  if (!header) return null;
  return { header, cells, rowNumbers, headerLine, unit: 'line' };
}

export function papaparseGrid(text: string, options: DelimitedOptions): RawGrid {
  const { sep, fileName } = options;
  const lines = new LineCounter(text);
  let header: string[] | undefined;
  let headerLine = 0;
  let cells: string[][] = [];
  const rowNumbers: number[] = [];
  let failure: QuadratError | undefined;
  let start = 0;

  Papa.parse<string[]>(text, {
    delimiter: sep,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: true,
    step: (result, parser) => {
      const rowStart = lines.skipBlankLines(start);
      const line = lines.lineAt(rowStart);
      start = result.meta.cursor;
      const fields = result.data;
      if (result.errors.length > 0) {
        failure = quoteError(result.errors, text, lines, line, fileName);
        parser.abort();
        return;
      }
      if (fields.length === 1 && fields[0].trim() === '') return; // a line of blanks
      if (!header) {
        header = options.header ? fields.map((f) => f.trim()) : fields.map((_, j) => `V${j + 1}`);
        cells = header.map(() => []);
        if (options.header) {
          headerLine = line;
          return;
        }
      }
      if (fields.length !== header.length) {
        failure = raggedError(fields.length, header.length, options.header, line, sep, fileName);
        parser.abort();
        return;
      }
      for (let j = 0; j < fields.length; j++) cells[j].push(fields[j]);
      rowNumbers.push(line);
    },
  });
  if (failure) throw failure;
  if (!header) throw new QuadratError('data', 'The file is empty: it has no rows and no column names.', { file: fileName });
  return { header, cells, rowNumbers, headerLine, unit: 'line' };
}

/** CRLF (Windows) and lone CR (old Mac) become LF, so papaparse and line numbers see one kind of line end. */
export function normalizeLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

function quoteError(errors: Papa.ParseError[], text: string, lines: LineCounter, rowLine: number, file?: string): QuadratError {
  const e = errors[0];
  if (e.type !== 'Quotes' || e.index === undefined || e.index < 1) {
    return new QuadratError('data', `Line ${rowLine} could not be read: ${e.message}.`, { file, line: rowLine });
  }
  // papaparse reports the offset just after the opening quote.
  const line = Math.max(rowLine, lines.lineAt(e.index - 1));
  const close = closingQuote(text, e.index);
  if (e.code === 'MissingQuotes' || close < 0 || text.slice(e.index, close).includes('\n')) {
    return new QuadratError(
      'data',
      `A quoted value that starts on line ${line} is never closed: its closing quote (") is missing, so the lines after it would be read as part of that one value.`,
      { file, line },
    );
  }
  return new QuadratError(
    'data',
    `Line ${line} has a quote (") in the wrong place: a quoted value must end at a separator or at the end of the line. ` +
      'To put a quote inside a quoted value, write it twice ("").',
    { file, line },
  );
}

/** Offset of the first quote at or after `from` that is not a doubled (escaped) quote, or -1. */
function closingQuote(text: string, from: number): number {
  let i = text.indexOf('"', from);
  while (i >= 0 && text[i + 1] === '"') i = text.indexOf('"', i + 2);
  return i;
}

function raggedError(found: number, expected: number, hasHeader: boolean, line: number, sep: Separator, file?: string): QuadratError {
  const sepName = sep === '\t' ? 'tab' : `"${sep}"`;
  const hint =
    expected === 1 && hasHeader
      ? `The header row contains no ${sepName} at all: if the file uses another separator (such as ";" or tab), choose that one.`
      : found > expected
      ? `Check for an extra separator (${sepName}) on that line, or a value containing ${sepName} that should be in quotes.`
      : `Check for a missing separator (${sepName}) on that line; leave a missing value empty but keep its separator.`;
  return new QuadratError(
    'data',
    `Line ${line} has ${found} value${found === 1 ? '' : 's'}, but ${hasHeader ? `the header row has ${expected} column name${expected === 1 ? '' : 's'}` : `the first row has ${expected}`}. ${hint}`,
    { file, line },
  );
}
