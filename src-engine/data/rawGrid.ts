/**
 * The untyped cells of a table, as read from a file before type inference: every cell a string
 * (spreadsheet numbers already written with a '.' decimal mark).
 */
export interface RawGrid {
  /** Header cells (or V1…Vn when the file has no header). */
  header: string[];
  /** Column-major: cells[j][i] is row i of column j. */
  cells: string[][];
  /** Where each data row starts in the source (file line or spreadsheet row), 1-based. */
  rowNumbers: number[];
  /** Line of the header row, or 0 when there is none. */
  headerLine: number;
  /** How messages name a source position: a text file has lines, a sheet has rows. */
  unit: 'line' | 'row';
}
