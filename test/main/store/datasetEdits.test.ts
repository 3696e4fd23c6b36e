import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Table } from '../../../src-engine/data/table';
import { cellAt } from '../../../src-main/store/columnBuild';
import { Project } from '../../../src-main/store/project';
import { type EditOp } from '../../../src-main/store/tableEdits';
import { smallTable } from '../helpers/tables';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let n = 0;

function rows(t: Table): unknown[][] {
  return Array.from({ length: t.nrow }, (_, i) => t.columns.map((c) => cellAt(c, i)));
}
function shape(t: Table) {
  return { names: t.columns.map((c) => c.name), types: t.columns.map((c) => c.type), levels: t.columns.map((c) => (c.type === 'factor' ? c.levels : null)), rows: rows(t) };
}

/** Applies op, checks the result, then undo restores the original and redo the result — also after reopening. */
function roundTrip(op: EditOp, check: (t: Table, warnings: string[]) => void) {
  const path = join(dir, `e${++n}.quadrat`);
  let p = Project.create(path, 'test');
  const id = p.datasets.add('d', smallTable(), null).id;
  const original = shape(p.datasets.table(id));
  const { warnings } = p.datasets.edit(id, op, 'edit');
  const edited = shape(p.datasets.table(id));
  check(p.datasets.table(id), warnings);
  p.close();
  p = Project.open(path);
  expect(shape(p.datasets.table(id))).toEqual(edited);
  expect(p.datasets.undo(id).canRedo).toBe(true);
  expect(shape(p.datasets.table(id))).toEqual(original);
  p.close();
  p = Project.open(path);
  expect(shape(p.datasets.table(id))).toEqual(original);
  p.datasets.redo(id);
  expect(shape(p.datasets.table(id))).toEqual(edited);
  expect(p.datasets.info(id).canRedo).toBe(false);
  p.close();
}

describe('dataset edits with undo/redo', () => {
  it('sets cells of every type, adding a new factor level at the end', () =>
    roundTrip(
      { op: 'setCells', cells: [
        { row: 0, column: 'y', value: '2,5'.replace(',', '.') },
        { row: 1, column: 'site', value: 'C' },
        { row: 2, column: 'wet', value: 'TRUE' },
        { row: 3, column: 'note', value: '' },
        { row: 0, column: 'y', value: 9 },
      ] },
      (t) => {
        expect(rows(t)[0][0]).toBe(9);
        expect(t.columns[1]).toMatchObject({ levels: ['A', 'B', 'C'] });
        expect(rows(t)[1][1]).toBe('C');
        expect(rows(t)[2][2]).toBe(true);
        expect(rows(t)[3][3]).toBe(null);
      },
    ));

  it('grows the table when pasting below the last row', () =>
    roundTrip({ op: 'setCells', cells: [{ row: 5, column: 'site', value: 'Z' }] }, (t) => {
      expect(t.nrow).toBe(6);
      expect(rows(t)[4]).toEqual([null, null, null, null]);
      expect(rows(t)[5][1]).toBe('Z');
    }));

  it('keeps infinite values through undo', () => {
    const path = join(dir, `inf.quadrat`);
    const p = Project.create(path, 'test');
    const t0 = smallTable();
    (t0.columns[0] as { values: Float64Array }).values[0] = Infinity;
    const id = p.datasets.add('d', t0, null).id;
    p.datasets.edit(id, { op: 'setCells', cells: [{ row: 0, column: 'y', value: 1 }] }, 'e');
    p.datasets.undo(id);
    expect((p.datasets.table(id).columns[0] as { values: Float64Array }).values[0]).toBe(Infinity);
    p.close();
  });

  it('refuses a value that does not fit the column, changing nothing', () => {
    const p = Project.create(join(dir, 'refuse.quadrat'), 'test');
    const id = p.datasets.add('d', smallTable(), null).id;
    expect(() => p.datasets.edit(id, { op: 'setCells', cells: [{ row: 2, column: 'y', value: 'abc' }] }, 'e')).toThrow(
      '"abc" is not a number (column "y", row 3).',
    );
    expect(p.datasets.info(id)).toMatchObject({ revision: 0, canUndo: false });
    p.close();
  });

  it('inserts and deletes rows', () => {
    roundTrip({ op: 'insertRows', at: 1, count: 2 }, (t) => {
      expect(t.nrow).toBe(6);
      expect(rows(t)[1]).toEqual([null, null, null, null]);
      expect(rows(t)[3][0]).toBe(null);
    });
    roundTrip({ op: 'deleteRows', rows: [2, 0] }, (t) => {
      expect(rows(t)).toEqual([
        [null, 'B', false, null],
        [-2, null, true, 'd'],
      ]);
    });
  });

  it('adds, renames and deletes columns', () => {
    roundTrip({ op: 'addColumn', name: 'plot', type: 'factor', at: 1 }, (t) => {
      expect(t.columns.map((c) => c.name)).toEqual(['y', 'plot', 'site', 'wet', 'note']);
    });
    // an observation ID for (1 | obs): factor(seq_len(n)), levels in numeric order
    roundTrip({ op: 'addColumn', name: 'obs', type: 'factor', at: 4, fill: 'rowNumber' }, (t) => {
      expect(t.columns[4]).toMatchObject({ name: 'obs', type: 'factor', levels: ['1', '2', '3', '4'] });
      expect(rows(t).map((r) => r[4])).toEqual(['1', '2', '3', '4']);
    });
    roundTrip({ op: 'addColumn', name: 'row', type: 'numeric', at: 0, fill: 'rowNumber' }, (t) => expect(rows(t).map((r) => r[0])).toEqual([1, 2, 3, 4]));
    expect(() => roundTrip({ op: 'addColumn', name: 'b', type: 'logical', at: 0, fill: 'rowNumber' }, () => {})).toThrow(/Row numbers cannot be a TRUE\/FALSE column/);
    roundTrip({ op: 'renameColumn', from: 'site', to: 'block' }, (t) => expect(t.columns[1].name).toBe('block'));
    roundTrip({ op: 'deleteColumn', name: 'site' }, (t) => expect(t.columns.map((c) => c.name)).toEqual(['y', 'wet', 'note']));
  });

  it('converts types as R does', () => {
    roundTrip({ op: 'setColumnType', name: 'y', type: 'factor' }, (t) => {
      expect(t.columns[0]).toMatchObject({ type: 'factor', levels: ['-2', '1.5', '3'] });
    });
    roundTrip({ op: 'setColumnType', name: 'wet', type: 'numeric' }, (t) => {
      expect(rows(t).map((r) => r[2])).toEqual([1, 0, null, 1]);
    });
    roundTrip({ op: 'setColumnType', name: 'site', type: 'text' }, (t) => {
      expect(t.columns[1].type).toBe('text');
      expect(rows(t).map((r) => r[1])).toEqual(['A', 'B', 'B', null]);
    });
  });

  it('refuses a conversion that would lose values, changing nothing', () => {
    const p = Project.create(join(dir, 'conv.quadrat'), 'test');
    const id = p.datasets.add('d', smallTable(), null).id;
    expect(() => p.datasets.edit(id, { op: 'setColumnType', name: 'note', type: 'numeric' }, 'e')).toThrow(/row 1/);
    expect(p.datasets.info(id).revision).toBe(0);
    p.close();
  });

  it('reorders factor levels (the reference level is the first)', () =>
    roundTrip({ op: 'setLevels', name: 'site', levels: ['B', 'A'] }, (t) => {
      expect(t.columns[1]).toMatchObject({ levels: ['B', 'A'] });
      expect(rows(t).map((r) => r[1])).toEqual(['A', 'B', 'B', null]);
    }));

  it('a new edit clears the redo steps', () => {
    const p = Project.create(join(dir, 'redo.quadrat'), 'test');
    const id = p.datasets.add('d', smallTable(), null).id;
    p.datasets.edit(id, { op: 'renameColumn', from: 'y', to: 'z' }, 'Rename');
    p.datasets.undo(id);
    p.datasets.edit(id, { op: 'deleteColumn', name: 'note' }, 'Delete');
    expect(p.datasets.info(id)).toMatchObject({ canRedo: false, canUndo: true, undoLabel: 'Delete' });
    p.datasets.undo(id);
    expect(() => p.datasets.undo(id)).toThrow('There is nothing to undo in this dataset.');
    p.close();
  });
});
