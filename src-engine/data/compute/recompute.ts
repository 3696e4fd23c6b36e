/**
 * Keeping computed columns current: after any change to a table (a cell edit, rows added or deleted,
 * a column renamed, deleted or retyped, an undo), every computed column that reads a changed column,
 * directly or through another computed column, is computed again, sources first. Its notes (rows
 * that are NA, and why) are repeated only when its number of NA rows changes.
 */
import { deparseName } from '../../formula/deparse';
import { type LevelOrder } from '../levels';
import { type Column, missingCount, type Table } from '../table';
import { computeColumn } from './computeColumn';
import { parseDataExpr } from './exprSyntax';

/** The columns a definition reads ([] when it no longer parses: it is then recomputed as NA once, with a note). */
export function definitionSources(definition: string): readonly string[] {
  try {
    return parseDataExpr(definition).columns;
  } catch {
    return [];
  }
}

/**
 * `after` with its computed columns brought up to date. A column counts as changed when it is not the
 * very same object as before (tables are immutable), or has gone.
 */
export function recomputeDependents(before: Table, after: Table, levelOrder: LevelOrder = 'locale'): { table: Table; warnings: string[] } {
  const old = new Map(before.columns.map((c) => [c.name, c]));
  const changed = new Set<string>(before.columns.filter((c) => !after.columns.some((a) => a.name === c.name)).map((c) => c.name));
  for (const c of after.columns) if (old.get(c.name) !== c) changed.add(c.name);
  const computed = new Map(after.columns.filter((c) => c.definition !== undefined).map((c) => [c.name, definitionSources(c.definition!)]));
  if (computed.size === 0) return { table: after, warnings: [] };

  // dirty: reads a changed column, or a dirty computed one
  const dirty = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, sources] of computed) {
      if (!dirty.has(name) && sources.some((s) => changed.has(s) || dirty.has(s))) {
        dirty.add(name);
        grew = true;
      }
    }
  }
  const columns = after.columns.slice();
  const warnings: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    const k = columns.findIndex((c) => c.name === name);
    if (state.get(name) === 'visiting') {
      // a cycle (made by renames): these columns cannot be computed
      columns[k] = naColumn(columns[k], after.nrow);
      warnings.push(`"${name}": its definition reads itself through other computed columns, so all ${after.nrow} rows are NA.`);
      state.set(name, 'done');
      return;
    }
    state.set(name, 'visiting');
    for (const s of computed.get(name)!) if (dirty.has(s)) visit(s);
    if (state.get(name) === 'done') return;
    const table = { nrow: after.nrow, columns };
    const previous = columns[k];
    const r = computeColumn(name, previous.definition!, table, { mode: 'recompute', levelOrder, previous });
    columns[k] = r.column;
    // said again only when it changed: editing a source cell should not repeat "log(mass) is NA for 2 rows" each time
    if (missingCount(r.column) !== missingCount(previous) || r.column.type !== previous.type) warnings.push(...r.warnings);
    state.set(name, 'done');
  };
  for (const name of computed.keys()) if (dirty.has(name)) visit(name);
  return { table: { nrow: after.nrow, columns }, warnings };
}

function naColumn(c: Column, n: number): Column {
  switch (c.type) {
    case 'numeric':
      return { ...c, values: new Float64Array(n).fill(NaN) };
    case 'factor':
      return { ...c, codes: new Int32Array(n).fill(-1) };
    case 'logical':
      return { ...c, values: new Int8Array(n).fill(-1) };
    case 'text':
      return { ...c, values: new Array<null>(n).fill(null) };
  }
}

/** The definition with every use of column `from` renamed to `to` (backticked when R needs it). */
export function renameInDefinition(definition: string, from: string, to: string): string {
  let refs;
  try {
    refs = parseDataExpr(definition).refs.filter((r) => r.name === from);
  } catch {
    return definition;
  }
  let out = definition;
  for (const r of [...refs].reverse()) out = out.slice(0, r.start) + deparseName(to) + out.slice(r.end);
  return out;
}
