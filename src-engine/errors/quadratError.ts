/**
 * The one error type users see. `message` is written for a non-programmer; `where` says where in
 * their input it happened, so the UI and CLI can point at it.
 */
export interface ErrorLocation {
  file?: string;
  line?: number; // 1-based
  column?: number; // 1-based (a character column in a formula, or a data column number)
  columnName?: string;
}

export type ErrorKind = 'data' | 'formula' | 'model' | 'fit' | 'project' | 'input' | 'cancelled';

export class QuadratError extends Error {
  readonly kind: ErrorKind;
  readonly where: ErrorLocation | undefined;

  constructor(kind: ErrorKind, message: string, where?: ErrorLocation) {
    super(message);
    this.name = 'QuadratError';
    this.kind = kind;
    this.where = where;
  }

  /** One line for a terminal: message plus location. */
  describe(): string {
    const w = this.where;
    if (!w) return this.message;
    const parts: string[] = [];
    if (w.file) parts.push(w.file);
    if (w.line !== undefined) parts.push(`line ${w.line}`);
    // in a formula the position is a character; in a data file it is a column of the table
    if (w.column !== undefined) parts.push(this.kind === 'formula' ? `at character ${w.column} of the formula` : `column ${w.column}`);
    if (w.columnName !== undefined) parts.push(`column "${w.columnName}"`);
    return parts.length ? `${this.message} (${parts.join(', ')})` : this.message;
  }
}

export function isQuadratError(e: unknown): e is QuadratError {
  return e instanceof QuadratError;
}
