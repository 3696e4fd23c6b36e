/**
 * Reading a value typed or pasted into a cell as the column's type. Unlike a type conversion, an
 * unreadable value is refused (the edit does not happen) with a message naming the cell.
 */
import { formatRNumber as formatNumber } from '../../src-engine/data/rNumber';
import { parseLogical } from '../../src-engine/data/logical';
import { parseNumber } from '../../src-engine/data/parseNumber';
import { type ColumnType } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type Cell } from '../api/shapes';

/** numeric: number (NaN = missing); logical: 1/0/-1; factor and text: a label or null. */
export type Coerced = number | string | null;

export function coerceCell(value: Cell, type: ColumnType, columnName: string, row: number): Coerced {
  const refuse = (what: string) =>
    new QuadratError('input', `"${String(value)}" is not ${what} (column "${columnName}", row ${row + 1}).`, {
      columnName,
      line: row + 1,
    });
  const blank = value === null || (typeof value === 'string' && value.trim() === '');
  switch (type) {
    case 'numeric': {
      if (blank) return NaN;
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      const v = parseNumber(value as string);
      if (v === undefined) throw refuse('a number');
      return v;
    }
    case 'logical': {
      if (blank) return -1;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number') {
        if (Number.isNaN(value)) return -1;
        return value === 0 ? 0 : 1;
      }
      const v = parseLogical((value as string).trim());
      if (v === undefined) throw refuse('TRUE or FALSE');
      return v;
    }
    case 'factor':
    case 'text':
      if (blank) return null;
      if (typeof value === 'number') return formatNumber(value);
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      return type === 'factor' ? (value as string).trim() : (value as string);
  }
}
