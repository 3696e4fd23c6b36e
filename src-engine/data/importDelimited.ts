/**
 * CSV, TSV and European CSV (';' separator, ',' decimal mark) → Table, from bytes (any supported
 * encoding) or from text. The separator and decimal mark are detected unless given.
 */
import { buildTable } from './buildTable';
import { decodeText } from './decodeText';
import { detectDialect } from './detectDialect';
import { type ImportOptions, type ImportResult, type TextEncoding } from './importOptions';
import { normalizeLineEnds, parseDelimited } from './parseDelimited';
import { type Table } from './table';

export function importDelimited(input: Uint8Array | string, options: ImportOptions = {}): ImportResult {
  const decoded = typeof input === 'string' ? { text: stripBom(input), encoding: 'utf-8' as TextEncoding } : decodeText(input, options.fileName);
  const text = normalizeLineEnds(decoded.text);
  const { sep, decimal } = detectDialect(text, { sep: options.sep, decimal: options.decimal });
  const grid = parseDelimited(text, { sep, header: options.header ?? true, fileName: options.fileName });
  const { table, notes } = buildTable(grid, decimal, options);
  return { table, notes, format: { kind: 'delimited', sep, decimal, encoding: decoded.encoding } };
}

/** Convenience for tests and other modules: the Table alone. */
export function tableFromCsvText(text: string, options: ImportOptions = {}): Table {
  return importDelimited(text, options).table;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
