/**
 * Changing a column's type the way R's as.* functions do: factor(x) sorts levels (numerically for
 * numbers), as.numeric(as.character(f)) reads labels, as.logical reads TRUE/FALSE/T/F. Values that
 * cannot be converted become missing, and the caller gets a warning that says how many.
 */
import { formatNumber } from '../../src-engine/data/formatNumber';
import { makeFactor } from '../../src-engine/data/levels';
import { parseLogical } from '../../src-engine/data/logical';
import { parseNumber } from '../../src-engine/data/parseNumber';
import { type Column, type ColumnType } from '../../src-engine/data/table';
import { columnLength } from './columnBuild';

/** Each value as text (null = missing), as R's as.character. */
function labels(col: Column): (string | null)[] {
  const n = columnLength(col);
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    switch (col.type) {
      case 'numeric':
        out[i] = Number.isNaN(col.values[i]) ? null : formatNumber(col.values[i]);
        break;
      case 'factor':
        out[i] = col.codes[i] < 0 ? null : col.levels[col.codes[i]];
        break;
      case 'logical':
        out[i] = col.values[i] < 0 ? null : col.values[i] === 1 ? 'TRUE' : 'FALSE';
        break;
      case 'text':
        out[i] = col.values[i];
        break;
    }
  }
  return out;
}

export function convertColumn(col: Column, type: ColumnType): { column: Column; warnings: string[] } {
  const name = col.name;
  const n = columnLength(col);
  let lost = 0;
  let column: Column;
  if (type === 'text') {
    column = { name, type, values: labels(col) };
  } else if (type === 'factor') {
    column = makeFactor(name, labels(col));
  } else if (type === 'numeric') {
    const values = new Float64Array(n);
    if (col.type === 'logical') {
      for (let i = 0; i < n; i++) values[i] = col.values[i] < 0 ? NaN : col.values[i];
    } else {
      const text = labels(col);
      for (let i = 0; i < n; i++) {
        const t = text[i];
        const v = t === null ? NaN : parseNumber(t);
        if (v === undefined) lost++;
        values[i] = v ?? NaN;
      }
    }
    column = { name, type, values };
  } else {
    const values = new Int8Array(n);
    if (col.type === 'numeric') {
      // as.logical(x): 0 is FALSE, any other number TRUE.
      for (let i = 0; i < n; i++) values[i] = Number.isNaN(col.values[i]) ? -1 : col.values[i] === 0 ? 0 : 1;
    } else {
      const text = labels(col);
      for (let i = 0; i < n; i++) {
        const t = text[i];
        const v = t === null ? -1 : parseLogical(t.trim());
        if (v === undefined) lost++;
        values[i] = v ?? -1;
      }
    }
    column = { name, type, values };
  }
  const warnings = lost
    ? [`${lost} value${lost === 1 ? '' : 's'} in "${name}" could not be read as ${type === 'numeric' ? 'numbers' : 'TRUE/FALSE'} and ${lost === 1 ? 'is' : 'are'} now missing.`]
    : [];
  return { column, warnings };
}
