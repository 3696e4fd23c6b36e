/**
 * The grid's column definitions: the pinned row number, then one column per data column, typed by
 * its class, editable unless it is computed (a computed column changes through its sources or its
 * definition in the column menu), headed by ColumnHeader with its menu.
 */
import type { ColDef } from 'ag-grid-community';
import type { ColumnInfo } from '../../src-main/api/contract';
import { formatCell } from './cellValues';
import { ColumnHeader, type ColumnHeaderParams } from './ColumnHeader';
import type { GridRow } from './gridSetup';

/** The column id of the row numbers. */
export const ROW_COL = '__row';

export function gridColumns(columns: readonly ColumnInfo[], onColumnMenu: ColumnHeaderParams['onMenu']): ColDef<GridRow>[] {
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
  const cols = columns.map<ColDef<GridRow>>((c, j) => ({
    colId: c.name,
    headerName: c.name,
    editable: c.definition === undefined,
    width: Math.min(260, Math.max(c.type === 'numeric' ? 110 : 120, 70 + c.name.length * 8)),
    valueGetter: (p) => p.data?.cells[j],
    valueFormatter: (p) => (p.data ? formatCell(p.value as GridRow['cells'][number]) : ''),
    cellClass: (p) => [`t-${c.type}`, c.definition !== undefined ? 'cell-computed' : '', p.data && p.value == null ? 'cell-na' : ''],
    headerComponent: ColumnHeader,
    headerComponentParams: { info: c, onMenu: onColumnMenu } satisfies ColumnHeaderParams,
  }));
  return [rowCol, ...cols];
}
