/**
 * Level order of a factor column: R's relevel() (choose the reference level, which treatment
 * contrasts compare every other level against) and factor(x, levels = …) (any order). Pure: each
 * returns a new Table.
 */
import { QuadratError } from '../errors/quadratError';
import { type FactorColumn, getColumn, replaceColumn, type Table } from './table';

export function factorColumn(table: Table, name: string): FactorColumn {
  const col = getColumn(table, name);
  if (!col) {
    throw new QuadratError('input', `There is no column named "${name}". The columns are: ${table.columns.map((c) => c.name).join(', ')}.`, {
      columnName: name,
    });
  }
  if (col.type !== 'factor') {
    throw new QuadratError('input', `Column "${name}" is ${col.type}, not a factor, so it has no levels to reorder. Convert it to a factor first.`, {
      columnName: name,
    });
  }
  return col;
}

/** Make `ref` the first (reference) level, keeping the others in their order, as R's relevel(). */
export function relevel(table: Table, name: string, ref: string): Table {
  const col = factorColumn(table, name);
  if (!col.levels.includes(ref)) throw unknownLevel(col, ref);
  return reorderLevels(table, name, [ref, ...col.levels.filter((l) => l !== ref)]);
}

/** Put the levels in the given order; it must list every level exactly once. */
export function reorderLevels(table: Table, name: string, levels: readonly string[]): Table {
  const col = factorColumn(table, name);
  for (const l of levels) if (!col.levels.includes(l)) throw unknownLevel(col, l);
  const missing = col.levels.filter((l) => !levels.includes(l));
  if (missing.length > 0 || new Set(levels).size !== levels.length) {
    throw new QuadratError(
      'input',
      `The new order for "${name}" must list each of its ${col.levels.length} levels exactly once` +
        (missing.length ? `; missing: ${missing.map((l) => `"${l}"`).join(', ')}.` : '; a level is listed twice.'),
      { columnName: name },
    );
  }
  const newIndex = new Map(levels.map((l, k) => [l, k]));
  const remap = col.levels.map((l) => newIndex.get(l)!);
  const codes = col.codes.map((c) => (c < 0 ? c : remap[c]));
  return replaceColumn(table, { name, type: 'factor', codes, levels: [...levels] });
}

function unknownLevel(col: FactorColumn, level: string): QuadratError {
  const shown = col.levels.slice(0, 10).map((l) => `"${l}"`).join(', ') + (col.levels.length > 10 ? ', …' : '');
  return new QuadratError('input', `Column "${col.name}" has no level "${level}". Its levels are: ${shown}.`, { columnName: col.name });
}
