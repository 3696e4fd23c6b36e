/**
 * Guess the field separator and decimal mark from the start of a text file. The separator is the
 * candidate that splits the sample into the same number (> 1) of fields on every row, the most
 * fields winning; quotes are respected because papaparse does the splitting. A ';' separator implies
 * a ',' decimal mark (R's read.csv2, Excel in most of Europe) unless the numbers plainly use '.'.
 */
import Papa from 'papaparse';
import { type DecimalMark, type Separator } from './importOptions';
import { plainRows } from './plainRows';

export interface Dialect {
  sep: Separator;
  decimal: DecimalMark;
}

const CANDIDATES: readonly Separator[] = [',', ';', '\t', '|'];
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 100;
const COMMA_DECIMAL = /^\s*[-+]?\d+,\d+\s*$/;
const DOT_DECIMAL = /^\s*[-+]?\d*\.\d+(?:[eE][-+]?\d+)?\s*$/;

/** `text` must already have '\n' line ends. */
export function detectDialect(text: string, given: Partial<Dialect> = {}): Dialect {
  const sample = sampleOf(text);
  const sep = given.sep ?? detectSeparator(sample);
  const decimal = given.decimal ?? detectDecimal(sample, sep);
  return { sep, decimal };
}

function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf('\n', SAMPLE_CHARS);
  return cut > 0 ? text.slice(0, cut) : text.slice(0, SAMPLE_CHARS);
}

function splitRows(sample: string, sep: Separator): string[][] {
  const rows = splitSample(sample, sep);
  // A sample cut inside a quoted value ends in a partial row; judge by the complete ones.
  return rows.length > 2 ? rows.slice(0, -1) : rows;
}

/**
 * papaparse's rows of the sample (its first SAMPLE_ROWS), split plainly when that gives the same
 * (plainRows.ts; papaparse's first call costs ~0.1 s of CPU): plain text without empty lines (which
 * papaparse's preview might count).
 */
export function splitSample(sample: string, sep: Separator): string[][] {
  const plain = sample.charCodeAt(0) !== 10 && sample.indexOf('\n\n') < 0 ? plainRows(sample, sep, SAMPLE_ROWS) : null;
  return plain ? plain.rows : papaparseSample(sample, sep);
}

export function papaparseSample(sample: string, sep: Separator): string[][] {
  return Papa.parse<string[]>(sample, { delimiter: sep, newline: '\n', skipEmptyLines: true, preview: SAMPLE_ROWS }).data;
}

function detectSeparator(sample: string): Separator {
  let best: Separator = ',';
  let bestScore = 0;
  for (const sep of CANDIDATES) {
    // without the separator papaparse gives one field per row: not a candidate
    if (sample.indexOf(sep) < 0) continue;
    const rows = splitRows(sample, sep);
    if (rows.length === 0 || rows[0].length < 2) continue;
    const width = rows[0].length;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    // Consistency first (a separator that splits every row alike), then the number of fields.
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

function detectDecimal(sample: string, sep: Separator): DecimalMark {
  if (sep === ',') return '.';
  let comma = 0;
  let dot = 0;
  for (const row of splitRows(sample, sep).slice(1)) {
    for (const cell of row) {
      if (COMMA_DECIMAL.test(cell)) comma++;
      else if (DOT_DECIMAL.test(cell)) dot++;
    }
  }
  if (sep === ';') return dot > 0 && comma === 0 ? '.' : ',';
  return comma > 0 && dot === 0 ? ',' : '.';
}
