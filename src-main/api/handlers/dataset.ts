/** dataset.*: import, read and edit datasets. Every edit is one undo step, committed at once. */
import { type Table } from '../../../src-engine/data/table';
import { filterRows } from '../../../src-engine/data/compute/rowFilter';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { cellAt, columnLength } from '../../store/columnBuild';
import { type EditOp } from '../../store/tableEdits';
import { type AppContext, requireProject } from '../context';
import { type DomainHandlers } from '../dispatch';
import { type EditResult } from '../shapes';
import { summarizeColumn } from '../columnSummary';
import { importInto, toJobSource } from './datasetImport';
import { ensureProject } from './session';

/** Columns up to this long are summarized at once (well under a millisecond); longer ones in a worker. */
export const INLINE_SUMMARY_ROWS = 20_000;

function edit(ctx: AppContext, datasetId: number, op: EditOp, label: string): EditResult {
  // computed factor columns sort new levels as the user's setting says (R's locale)
  const { info, warnings } = requireProject(ctx).datasets.edit(datasetId, op, label, ctx.userData.settings().levelOrder);
  return { dataset: info, warnings };
}

function columnOf(table: Table, name: string) {
  const c = table.columns.find((c) => c.name === name);
  if (!c) throw new QuadratError('input', `There is no column "${name}".`, { columnName: name });
  return c;
}

export const datasetHandlers = {
  'dataset.import': (p, ctx) => {
    const project = ensureProject(ctx);
    return importInto(ctx, project, toJobSource(ctx, p.source), p.name, p.sheet, p.levelOrder ?? ctx.userData.settings().levelOrder);
  },
  'dataset.list': (_p, ctx) => (ctx.project ? ctx.project.datasets.list() : []),
  'dataset.get': (p, ctx) => requireProject(ctx).datasets.info(p.datasetId),
  'dataset.rows': (p, ctx) => {
    const t = requireProject(ctx).datasets.table(p.datasetId);
    const end = Math.min(t.nrow, p.offset + p.limit);
    const rows = [];
    for (let i = p.offset; i < end; i++) rows.push(t.columns.map((c) => cellAt(c, i)));
    return { nrow: t.nrow, offset: p.offset, rows };
  },
  'dataset.rename': (p, ctx) => requireProject(ctx).datasets.rename(p.datasetId, p.name),
  'dataset.delete': (p, ctx) => {
    requireProject(ctx).datasets.delete(p.datasetId);
    return { ok: true as const };
  },
  /** A large column is summarized in a worker (it sorts every value), so other calls are answered meanwhile. */
  'dataset.summary': async (p, ctx) => {
    const column = columnOf(requireProject(ctx).datasets.table(p.datasetId), p.column);
    if (columnLength(column) <= INLINE_SUMMARY_ROWS) return summarizeColumn(column);
    return ctx.host.run({ kind: 'column-summary', column }).result;
  },

  'dataset.describe': async (p, ctx) => {
    const table = requireProject(ctx).datasets.table(p.datasetId);
    return ctx.host.run({ kind: 'describe', table, columns: p.columns, by: p.by }).result;
  },

  'dataset.setCells': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'setCells', cells: p.cells }, p.label ?? (p.cells.length === 1 ? 'Edit cell' : `Edit ${p.cells.length} cells`)),
  'dataset.insertRows': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'insertRows', at: p.at, count: p.count }, p.count === 1 ? 'Insert row' : `Insert ${p.count} rows`),
  'dataset.deleteRows': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'deleteRows', rows: p.rows }, p.rows.length === 1 ? 'Delete row' : `Delete ${p.rows.length} rows`),
  'dataset.addColumn': (p, ctx) => {
    const ncol = requireProject(ctx).datasets.table(p.datasetId).columns.length;
    return edit(ctx, p.datasetId, { op: 'addColumn', name: p.name, type: p.type, at: p.at ?? ncol, fill: p.fill === 'rowNumber' ? 'rowNumber' : undefined }, `Add column "${p.name}"`);
  },
  'dataset.renameColumn': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'renameColumn', from: p.column, to: p.to }, `Rename "${p.column}" to "${p.to}"`),
  'dataset.deleteColumn': (p, ctx) => edit(ctx, p.datasetId, { op: 'deleteColumn', name: p.column }, `Delete column "${p.column}"`),
  'dataset.setColumnType': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'setColumnType', name: p.column, type: p.type, levelOrder: ctx.userData.settings().levelOrder }, `Make "${p.column}" ${p.type}`),
  'dataset.setLevels': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'setLevels', name: p.column, levels: p.levels }, `Reorder levels of "${p.column}"`),
  'dataset.setReferenceLevel': (p, ctx) => {
    const col = columnOf(requireProject(ctx).datasets.table(p.datasetId), p.column);
    if (col.type !== 'factor') throw new QuadratError('input', `"${p.column}" is not a factor, so it has no reference level.`, { columnName: p.column });
    if (!col.levels.includes(p.level))
      throw new QuadratError('input', `"${p.column}" has no level "${p.level}".`, { columnName: p.column });
    const levels = [p.level, ...col.levels.filter((l) => l !== p.level)];
    return edit(ctx, p.datasetId, { op: 'setLevels', name: p.column, levels }, `Make "${p.level}" the reference level of "${p.column}"`);
  },
  'dataset.addComputedColumn': (p, ctx) => {
    const ncol = requireProject(ctx).datasets.table(p.datasetId).columns.length;
    return edit(ctx, p.datasetId, { op: 'defineColumn', name: p.name, definition: p.expression, at: p.at ?? ncol }, `Add computed column "${p.name}"`);
  },
  'dataset.setColumnDefinition': (p, ctx) =>
    edit(ctx, p.datasetId, { op: 'setDefinition', name: p.column, definition: p.expression }, p.expression === null ? `Keep the values of "${p.column}"` : `Change the definition of "${p.column}"`),
  'dataset.checkFilter': (p, ctx) => {
    const table = requireProject(ctx).datasets.table(p.datasetId);
    const { rows, notes } = filterRows(table, p.filter);
    return { kept: rows.length, nrow: table.nrow, notes };
  },
  'dataset.undo': (p, ctx) => ({ dataset: requireProject(ctx).datasets.undo(p.datasetId, ctx.userData.settings().levelOrder), warnings: [] }),
  'dataset.redo': (p, ctx) => ({ dataset: requireProject(ctx).datasets.redo(p.datasetId, ctx.userData.settings().levelOrder), warnings: [] }),
} satisfies DomainHandlers<'dataset'>;
