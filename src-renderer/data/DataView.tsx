/** The Data tab: toolbar (size, add column/row, undo/redo) above the grid; the column menu on demand. */
import { useCallback, useState } from 'react';
import type { ColumnTypeName } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { activeDataset } from '../app/state';
import { ColumnMenu } from './ColumnMenu';
import { ComputedColumnDialog, type ComputedColumnTarget } from './ComputedColumnDialog';
import { DataGrid } from './DataGrid';
import { DatasetActions } from './DatasetActions';
import { ImportButton } from './ImportButton';
import { DescriptivesPanel } from './DescriptivesPanel';
import { ExplorePanel } from './ExplorePanel';

function AddColumn({ onDone }: { onDone: () => void }) {
  const wb = useWorkbench();
  const [name, setName] = useState('');
  const [type, setType] = useState<ColumnTypeName>('numeric');
  return (
    <form
      className="inline-form add-column"
      onSubmit={async (e) => {
        e.preventDefault();
        const n = name.trim();
        if (n && (await wb.edit(`Add column ${n}`, (id) => wb.api.dataset.addColumn({ datasetId: id, name: n, type })))) onDone();
      }}
    >
      <input autoFocus placeholder="Column name" aria-label="New column name" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onDone()} />
      <select aria-label="New column type" value={type} onChange={(e) => setType(e.target.value as ColumnTypeName)}>
        <option value="numeric">numeric</option>
        <option value="factor">factor</option>
        <option value="logical">logical</option>
        <option value="text">text</option>
      </select>
      <button type="submit" className="btn small primary" disabled={!name.trim()}>
        Add
      </button>
      <button type="button" className="btn small" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

export function DataView() {
  const wb = useWorkbench();
  const dataset = useWb(activeDataset);
  const selectedRow = useWb((s) => s.selectedRow);
  const [menu, setMenu] = useState<{ column: string; anchor: DOMRect } | null>(null);
  const [adding, setAdding] = useState(false);
  const [computing, setComputing] = useState<ComputedColumnTarget | null>(null);
  const [describing, setDescribing] = useState(false);
  const [exploring, setExploring] = useState(false);
  const onColumnMenu = useCallback((column: string, anchor: DOMRect) => setMenu({ column, anchor }), []);

  if (!dataset) {
    return (
      <div className="empty-state" data-testid="data-empty">
        <h2>No data yet</h2>
        <p className="muted">Import a CSV, TSV or Excel file (or drop it anywhere on this window), or open one of the examples.</p>
        <ImportButton primary />
      </div>
    );
  }

  return (
    <div className="data-view">
      <div className="toolbar" role="toolbar" aria-label="Data">
        <DatasetActions dataset={dataset} />
        <span className="muted small" data-testid="data-size">
          {dataset.nrow.toLocaleString()} rows × {dataset.columns.length} columns
        </span>
        <span className="sep" />
        <button type="button" className="btn small" disabled={!dataset.canUndo} title={dataset.undoLabel ? `Undo ${dataset.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'} onClick={() => void wb.undo()} data-testid="undo">
          ↶ Undo{dataset.undoLabel ? `: ${dataset.undoLabel}` : ''}
        </button>
        <button type="button" className="btn small" disabled={!dataset.canRedo} title="Redo (Ctrl+Shift+Z)" onClick={() => void wb.redo()} data-testid="redo">
          ↷ Redo
        </button>
        <span className="sep" />
        {adding ? (
          <AddColumn onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn small" onClick={() => setAdding(true)}>
            + Column
          </button>
        )}
        <button type="button" className="btn small" data-testid="add-computed" title="A column computed from others: log, scale, recode, interaction… kept up to date" onClick={() => setComputing({ expression: '' })}>
          + Computed column
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void wb.edit('Add row', (id) => wb.api.dataset.insertRows({ datasetId: id, at: dataset.nrow, count: 1 }))}
        >
          + Row
        </button>
        {selectedRow != null && selectedRow < dataset.nrow && (
          <button
            type="button"
            className="btn small danger-outline"
            onClick={async () => {
              if (await wb.edit(`Delete row ${selectedRow + 1}`, (id) => wb.api.dataset.deleteRows({ datasetId: id, rows: [selectedRow] }))) wb.selectRow(null);
            }}
          >
            Delete row {selectedRow + 1}
          </button>
        )}
        <span className="sep" />
        <button type="button" className="btn small" aria-pressed={describing} data-testid="descriptives-open" onClick={() => setDescribing(!describing)}>
          Descriptives
        </button>
        <button type="button" className="btn small" aria-pressed={exploring} data-testid="explore-open" onClick={() => setExploring(!exploring)}>
          Explore
        </button>
        <span className="grow" />
        <span className="muted small hint">Ctrl+V pastes a block · Delete clears a cell</span>
      </div>
      {describing && <DescriptivesPanel dataset={dataset} onClose={() => setDescribing(false)} />}
      {exploring && <ExplorePanel dataset={dataset} onClose={() => setExploring(false)} />}
      <DataGrid dataset={dataset} onColumnMenu={onColumnMenu} />
      {menu && <ColumnMenu dataset={dataset} column={menu.column} anchor={menu.anchor} onClose={() => setMenu(null)} onCompute={setComputing} />}
      {computing && <ComputedColumnDialog key={dataset.id} dataset={dataset} target={computing} onClose={() => setComputing(null)} />}
    </div>
  );
}
