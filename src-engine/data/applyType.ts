/**
 * A column read as the type the user asked for (an import override), instead of the inferred one.
 * Cells that cannot be read as that type are an error naming the first of them: a silent NA would
 * drop rows from the model without anyone noticing.
 */
import { QuadratError } from '../errors/quadratError';
import { badCells, type CellContext, isMissingCell, labelsOf, NOT_LOGICAL, NOT_NUMBERS } from './inferTypes';
import { makeFactor } from './levels';
import { parseLogical } from './logical';
import { parseNumber } from './parseNumber';
import { formatRNumber } from './rNumber';
import { type Column, type ColumnType } from './table';

export function applyType(name: string, raw: readonly string[], type: ColumnType, ctx: CellContext, file?: string): Column {
  switch (type) {
    case 'factor':
      return makeFactor(name, factorLabels(labelsOf(raw, ctx.naStrings), ctx), ctx.decimal, undefined, ctx.levelOrder);
    case 'text':
      return { name, type: 'text', values: labelsOf(raw, ctx.naStrings) };
    case 'numeric': {
      const values = new Float64Array(raw.length);
      const bad: number[] = [];
      raw.forEach((cell, i) => {
        const x = isMissingCell(cell, ctx.naStrings) ? NaN : parseNumber(cell, ctx.decimal);
        if (x === undefined) bad.push(i);
        else values[i] = x;
      });
      if (bad.length) throw conversionError(name, 'numbers', NOT_NUMBERS, bad, raw, ctx, file, decimalHint(raw[bad[0]], ctx));
      return { name, type: 'numeric', values };
    }
    case 'logical': {
      const values = new Int8Array(raw.length);
      const bad: number[] = [];
      raw.forEach((cell, i) => {
        const b = isMissingCell(cell, ctx.naStrings) ? -1 : parseLogical(cell);
        if (b === undefined) bad.push(i);
        else values[i] = b;
      });
      if (bad.length) throw conversionError(name, 'TRUE/FALSE values', NOT_LOGICAL, bad, raw, ctx, file, '');
      return { name, type: 'logical', values };
    }
  }
}

function decimalHint(cell: string, ctx: CellContext): string {
  const other = ctx.decimal === '.' ? ',' : '.';
  return parseNumber(cell, other) !== undefined ? ` If the file writes decimals with "${other}", set the decimal mark to "${other}".` : '';
}

function conversionError(
  name: string,
  title: string,
  what: readonly [string, string],
  bad: number[],
  raw: readonly string[],
  ctx: CellContext,
  file: string | undefined,
  hint: string,
): QuadratError {
  return new QuadratError(
    'data',
    `Column "${name}" cannot be read as ${title}: ${badCells(what, bad, raw, ctx)}.${hint}`,
    { file, line: ctx.rowNumbers[bad[0]], columnName: name },
  );
}

/**
 * Labels of a column the user reads as a factor. A column of numbers gets R's factor() of the numbers,
 * as `d$x <- factor(d$x)` after read.csv: labels are R's as.character of the values, so "2.50" and
 * "2.5" are one level, "2.5".
 */
function factorLabels(labels: (string | null)[], ctx: CellContext): (string | null)[] {
  // each distinct label once: a locus column has 9,600 cells but 200 labels
  const asNumber = new Map<string, string>();
  for (const l of labels) {
    if (l === null || asNumber.has(l)) continue;
    const x = parseNumber(l, ctx.decimal);
    if (x === undefined) return labels;
    asNumber.set(l, formatRNumber(x));
  }
  return labels.map((l) => (l === null ? null : asNumber.get(l)!));
}
