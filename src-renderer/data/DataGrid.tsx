/**
 * The spreadsheet view of one dataset. The dataset lives on the other side of the API: the grid
 * reads pages of rows, edits go back as dataset.setCells (one undo step each, our own undo stack),
 * and pastes from Excel/LibreOffice are read here (the grid's clipboard is enterprise-only).
 */
import { AgGridReact } from 'ag-grid-react';
import type {
  CellClickedEvent,
  CellEditRequestEvent,
  ColDef,
  GridApi,
  GridReadyEvent,
  IDatasource,
  RowClassRules,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, type ClipboardEvent } from 'react';
import type { CellEdit, DatasetInfo } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { formatCell, parseCell, parseClipboardBlock } from './cellValues';
import { ColumnHeader, type ColumnHeaderParams } from './ColumnHeader';
import { gridTheme, PAGE_ROWS, type GridRow } from './gridSetup';

interface Props {
  dataset: DatasetInfo;
  onColumnMenu: (column: string, anchor: DOMRect) => void;
}

const ROW_COL = '__row';

function isEditingTarget(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable);
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
  const datasource = useMemo<IDatasource>(
    () => ({
      rowCount: undefined,
      getRows(p) {
        const limit = Math.max(1, p.endRow - p.startRow);
        wb.api.dataset
          .rows({ datasetId, offset: p.startRow, limit })
          .then((page) => p.successCallback(page.rows.map((cells, i) => ({ r: page.offset + i, cells })), page.nrow))
          .catch(() => p.failCallback());
      },
    }),
    [wb, datasetId],
  );

  // Column definitions depend on names, types and levels only, not on the values.
  const columnsKey = JSON.stringify(dataset.columns.map((c) => [c.name, c.type, c.missing, c.definition]));
  const columnDefs = useMemo<ColDef<GridRow>[]>(() => {
    const rowCol: ColDef<GridRow> = {
      colId: ROW_COL,
      headerName: '',
      pinned: 'left',
      width: 68,
      editable: false,
      resizable: false,
      valueGetter: (p) => (p.data ? p.data.r + 1 : ''),
      cellClass: 'row-num',
    };
    const cols = datasetRef.current.columns.map<ColDef<GridRow>>((c, j) => ({
      colId: c.name,
      headerName: c.name,
      // a computed column changes through its sources or its definition (column menu), not by typing
      editable: c.definition === undefined,
      width: Math.min(260, Math.max(c.type === 'numeric' ? 110 : 120, 70 + c.name.length * 8)),
      valueGetter: (p) => p.data?.cells[j],
      valueFormatter: (p) => (p.data ? formatCell(p.value as GridRow['cells'][number]) : ''),
      cellClass: (p) => [`t-${c.type}`, c.definition !== undefined ? 'cell-computed' : '', p.data && p.value == null ? 'cell-na' : ''],
      headerComponent: ColumnHeader,
      headerComponentParams: { info: c, onMenu: onColumnMenu } satisfies ColumnHeaderParams,
    }));
    return [rowCol, ...cols];
  }, [columnsKey, onColumnMenu]);

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

  const onPaste = useCallback(
    (ev: ClipboardEvent<HTMLDivElement>) => {
      if (isEditingTarget(ev.target)) return;
      const api = gridRef.current;
      const focus = api?.getFocusedCell();
      if (!api || !focus) return;
      ev.preventDefault();
      const block = parseClipboardBlock(ev.clipboardData.getData('text/plain'));
      if (block.length === 0) return;
      const cols = api.getAllDisplayedColumns().map((c) => c.getColId()).filter((c) => c !== ROW_COL);
      const startCol = Math.max(0, cols.indexOf(focus.column.getColId()));
      const infos = new Map(datasetRef.current.columns.map((c) => [c.name, c]));
      const cells: CellEdit[] = [];
      const problems: string[] = [];
      let dropped = 0;
      block.forEach((line, i) => {
        line.forEach((text, k) => {
          const column = cols[startCol + k];
          if (!column) {
            dropped++;
            return;
          }
          const parsed = parseCell(text, infos.get(column)?.type ?? 'text');
          if (parsed.ok) cells.push({ row: focus.rowIndex + i, column, value: parsed.value });
          else if (problems.length < 3) problems.push(`row ${focus.rowIndex + i + 1}, ${column}: ${parsed.message}`);
          else problems.push('');
        });
      });
      if (problems.length) {
        wb.notify('error', `Nothing was pasted: ${problems.filter(Boolean).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}.`);
        return;
      }
      if (dropped) wb.notify('warning', `${dropped} pasted cells fell beyond the last column and were left out.`);
      if (cells.length) void writeCells(cells, `Paste ${block.length}×${block[0].length} cells`);
    },
    [wb, writeCells],
  );

  const onCopy = useCallback((ev: ClipboardEvent<HTMLDivElement>) => {
    if (isEditingTarget(ev.target)) return;
    const api = gridRef.current;
    const focus = api?.getFocusedCell();
    if (!api || !focus) return;
    const node = api.getDisplayedRowAtIndex(focus.rowIndex);
    const value = node ? api.getCellValue({ rowNode: node, colKey: focus.column }) : null;
    ev.preventDefault();
    ev.clipboardData.setData('text/plain', formatCell(value as GridRow['cells'][number]));
  }, []);

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
