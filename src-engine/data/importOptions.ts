/**
 * Options and results shared by every importer (delimited text and spreadsheets). The defaults copy
 * R's read.csv: header row, type inference by type.convert, missing-value tokens.
 */
import { type LevelOrder } from './levels';
import { type ColumnType, type Table } from './table';

/** Non-empty cell contents read as missing. Empty (or blank) cells are always missing. */
export const DEFAULT_NA_STRINGS: readonly string[] = ['NA', 'na', '.', '-'];

export type Separator = ',' | ';' | '\t' | '|';
export type DecimalMark = '.' | ',';

export interface ImportOptions {
  /** Shown in error messages; the importer never touches the file system. */
  fileName?: string;
  /** Field separator; detected when omitted. */
  sep?: Separator;
  /** Decimal mark; detected when omitted (',' for ';'-separated files, as R's read.csv2). */
  decimal?: DecimalMark;
  /** Replaces DEFAULT_NA_STRINGS. */
  naStrings?: readonly string[];
  /** Column name → type, overriding inference. Unknown names are an error. */
  columnTypes?: Readonly<Record<string, ColumnType>>;
  /** false: the first row is data; columns are named V1, V2, … as R's read.csv(header = FALSE). */
  header?: boolean;
  /** Factor levels of text columns: R's order in a UTF-8 locale (default) or in the C locale (levels.ts). */
  levelOrder?: LevelOrder;
}

/** Something the user should know about a column that did not stop the import. */
export interface ColumnNote {
  columnName: string;
  kind: 'mixed' | 'allMissing';
  message: string;
}

export type SourceFormat =
  | { kind: 'delimited'; sep: Separator; decimal: DecimalMark; encoding: TextEncoding }
  | { kind: 'xlsx'; sheet: string; sheets: readonly string[] };

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface ImportResult {
  table: Table;
  notes: ColumnNote[];
  format: SourceFormat;
}
