/**
 * The spreadsheet view of one dataset. The dataset lives on the other side of the API: the grid
 * reads pages of rows, edits go back as dataset.setCells (one undo step each, our own undo stack),
 * and pastes from Excel/LibreOffice are read here (the grid's clipboard is enterprise-only).
 */
import { AgGridReact } from 'ag-grid-react';
import type {
  CellClickedEvent,
  CellEditRequestEvent,
  GridApi,
  GridReadyEvent,
  RowClassRules,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CellEdit, DatasetInfo } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { parseCell } from './cellValues';
import { useGridClipboard } from './gridClipboard';
import { gridColumns, ROW_COL } from './gridColumns';
import { gridTheme, PAGE_ROWS, rowPages, type GridRow } from './gridSetup';

interface Props {
  dataset: DatasetInfo;
  onColumnMenu: (column: string, anchor: DOMRect) => void;
}

export function DataGrid({ dataset, onColumnMenu }: Props) {
  const wb = useWorkbench();
  const dataVersion = useWb((s) => s.dataVersion);
  const selectedRow = useWb((s) => s.selectedRow);
  const gridRef = useRef<GridApi<GridRow> | null>(null);
  const pickedRef = useRef<number | null>(selectedRow);
  const datasetRef = useRef(dataset);
  datasetRef.current = dataset;

  const datasetId = dataset.id;
  const datasource = useMemo(() => rowPages(wb.api, datasetId), [wb, datasetId]);

  // Column definitions depend on names, types and levels only, not on the values.
  const columnsKey = JSON.stringify(dataset.columns.map((c) => [c.name, c.type, c.missing, c.definition]));
  const columnDefs = useMemo(() => gridColumns(datasetRef.current.columns, onColumnMenu), [columnsKey, onColumnMenu]);

  const rowClassRules = useMemo<RowClassRules<GridRow>>(
    () => ({ 'row-picked': (p) => p.data != null && p.data.r === pickedRef.current }),
    [],
  );

  // Values changed (edit, undo, paste, type change): re-read the pages on screen.
  const firstVersion = useRef(dataVersion);
  useEffect(() => {
    if (dataVersion === firstVersion.current) return;
    gridRef.current?.refreshInfiniteCache();
  }, [dataVersion]);

  // A row picked in a plot: bring it into view and mark it.
  useEffect(() => {
    pickedRef.current = selectedRow;
    const api = gridRef.current;
    if (!api) return;
    api.redrawRows();
    if (selectedRow != null && selectedRow < datasetRef.current.nrow) {
      api.ensureIndexVisible(selectedRow, 'middle');
      const first = datasetRef.current.columns[0]?.name;
      if (first) api.setFocusedCell(selectedRow, first);
    }
  }, [selectedRow]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<GridRow>) => {
      gridRef.current = e.api;
      if (pickedRef.current != null) setTimeout(() => e.api.ensureIndexVisible(pickedRef.current ?? 0, 'middle'), 50);
    },
    [],
  );

  const writeCells = useCallback(
    (cells: CellEdit[], label: string) =>
      wb.edit(label, (id) => wb.api.dataset.setCells({ datasetId: id, cells, label })),
    [wb],
  );

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<GridRow>) => {
      const column = e.column.getColId();
      const info = datasetRef.current.columns.find((c) => c.name === column);
      if (!info || !e.data) return;
      const parsed = parseCell(e.newValue == null ? '' : String(e.newValue), info.type);
      if (!parsed.ok) {
        wb.notify('error', parsed.message);
        return;
      }
      // The grid's own Delete key arrives here too, as an edit to an empty value: a missing cell.
      const verb = parsed.value === null ? 'Clear' : 'Edit';
      void writeCells([{ row: e.data.r, column, value: parsed.value }], `${verb} ${column} row ${e.data.r + 1}`);
    },
    [wb, writeCells],
  );

  // Clicking a row number selects the row (for Delete row, and to match plots).
  const onCellClicked = useCallback(
    (e: CellClickedEvent<GridRow>) => {
      if (e.column.getColId() === ROW_COL && e.data) wb.selectRow(e.data.r === pickedRef.current ? null : e.data.r);
    },
    [wb],
  );

  const { onPaste, onCopy } = useGridClipboard(gridRef, datasetRef, writeCells);

  return (
    <div className="grid-wrap" onPaste={onPaste} onCopy={onCopy} data-testid="data-grid">
      <AgGridReact<GridRow>
        key={datasetId}
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={PAGE_ROWS}
        maxBlocksInCache={60}
        infiniteInitialRowCount={Math.max(1, dataset.nrow)}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: false, resizable: true, suppressMovable: true }}
        getRowId={(p) => String(p.data.r)}
        rowClassRules={rowClassRules}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        onCellClicked={onCellClicked}
        onGridReady={onGridReady}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        undoRedoCellEditing={false}
      />
    </div>
  );
}
