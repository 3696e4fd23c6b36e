/**
 * Column types as R's read.csv infers them (type.convert): all numbers → numeric, all logical values
 * → logical, anything else → factor; an empty column → logical, all missing. A column that is mostly
 * numbers (or mostly TRUE/FALSE) with a few stray cells still becomes a factor, as in R, but gets a
 * note naming the stray cells so the user can fix them or declare them missing.
 */
import { type ColumnNote, type DecimalMark } from './importOptions';
import { type LevelOrder, makeFactor } from './levels';
import { parseLogical } from './logical';
import { parseNumber } from './parseNumber';
import { type Column } from './table';

export interface CellContext {
  naStrings: ReadonlySet<string>;
  decimal: DecimalMark;
  /** Source line/row of each data row, for messages. */
  rowNumbers: readonly number[];
  unit: 'line' | 'row';
  /** How text columns' factor levels are sorted (levels.ts). */
  levelOrder: LevelOrder;
}

export interface InferredColumn {
  column: Column;
  note?: ColumnNote;
}

const EXAMPLES = 3;

export function isMissingCell(cell: string, naStrings: ReadonlySet<string>): boolean {
  if (naStrings.has(cell)) return true;
  const t = cell.trim();
  return t === '' || naStrings.has(t);
}

/** Labels with missing cells as null. */
export function labelsOf(raw: readonly string[], naStrings: ReadonlySet<string>): (string | null)[] {
  return raw.map((cell) => (isMissingCell(cell, naStrings) ? null : cell));
}

export function inferColumn(name: string, raw: readonly string[], ctx: CellContext): InferredColumn {
  const n = raw.length;
  const numbers = new Float64Array(n);
  const logicals = new Int8Array(n);
  let present = 0;
  let numeric = 0;
  let logical = 0;
  const notNumeric: number[] = [];
  const notLogical: number[] = [];
  for (let i = 0; i < n; i++) {
    const cell = raw[i];
    if (isMissingCell(cell, ctx.naStrings)) {
      numbers[i] = NaN;
      logicals[i] = -1;
      continue;
    }
    present++;
    const x = parseNumber(cell, ctx.decimal);
    if (x === undefined) notNumeric.push(i);
    else {
      numeric++;
      numbers[i] = x;
    }
    const b = parseLogical(cell);
    if (b === undefined) notLogical.push(i);
    else {
      logical++;
      logicals[i] = b;
    }
  }
  if (present === 0) {
    const message = `Column "${name}" has no values: every cell is empty or marked missing. It was read as an empty logical column.`;
    return { column: { name, type: 'logical', values: logicals }, note: { columnName: name, kind: 'allMissing', message } };
  }
  if (logical === present) return { column: { name, type: 'logical', values: logicals } };
  if (numeric === present) return { column: { name, type: 'numeric', values: numbers } };
  const column = makeFactor(name, labelsOf(raw, ctx.naStrings), ctx.decimal, undefined, ctx.levelOrder);
  if (numeric * 2 >= present) return { column, note: mixedNote(name, 'numeric', NOT_NUMBERS, notNumeric, raw, ctx) };
  if (logical * 2 >= present) return { column, note: mixedNote(name, 'logical (TRUE/FALSE)', NOT_LOGICAL, notLogical, raw, ctx) };
  return { column };
}

/** "2 cells are not numbers: line 5 "abc", line 9 "?"" — how many cells are wrong, and the first few. */
export function badCells(what: readonly [string, string], rows: readonly number[], raw: readonly string[], ctx: CellContext): string {
  const k = rows.length;
  return `${k} cell${k === 1 ? ' is not ' + what[0] : 's are not ' + what[1]}: ${listCells(rows, raw, ctx)}`;
}
export const NOT_NUMBERS = ['a number', 'numbers'] as const;
export const NOT_LOGICAL = ['TRUE or FALSE', 'TRUE or FALSE'] as const;

/** "line 5 "abc", line 9 "?"" — the first few offending cells. */
export function listCells(rows: readonly number[], raw: readonly string[], ctx: CellContext): string {
  const shown = rows.slice(0, EXAMPLES).map((i) => `${ctx.unit} ${ctx.rowNumbers[i]} "${raw[i]}"`);
  return shown.join(', ') + (rows.length > EXAMPLES ? ', …' : '');
}

function mixedNote(name: string, looks: string, what: readonly [string, string], bad: number[], raw: readonly string[], ctx: CellContext): ColumnNote {
  const message =
    `Column "${name}" looks ${looks} but ${badCells(what, bad, raw, ctx)}. ` +
    'It was read as a factor. If these cells mean "missing", add them to the missing-value codes; otherwise correct them.';
  return { columnName: name, kind: 'mixed', message };
}
