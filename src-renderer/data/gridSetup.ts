/**
 * AG Grid Community only (no enterprise modules): the infinite row model reads the dataset in
 * pages through the API, so 100k-row tables scroll without loading every row.
 */
import {
  CellStyleModule,
  ColumnApiModule,
  EventApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  TextEditorModule,
  TooltipModule,
  themeQuartz,
  type IDatasource,
} from 'ag-grid-community';
import type { QuadratApi } from '../../src-main/api/client';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  TextEditorModule,
  CellStyleModule,
  RowStyleModule,
  ScrollApiModule,
  RenderApiModule,
  RowApiModule,
  ColumnApiModule,
  EventApiModule,
  TooltipModule,
]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12.5,
  spacing: 5,
  rowHeight: 28,
  headerHeight: 40,
  accentColor: '#2f6f5e',
  borderColor: '#dfe3e1',
  headerBackgroundColor: '#f4f6f5',
  oddRowBackgroundColor: '#fbfcfb',
  wrapperBorderRadius: 0,
});

/** One row as the grid holds it: its 0-based number in the dataset and its cells in column order. */
export interface GridRow {
  r: number;
  cells: (number | string | boolean | null)[];
}

export const PAGE_ROWS = 500;

/** The infinite row model's source: pages of one dataset's rows through dataset.rows. */
export function rowPages(api: QuadratApi, datasetId: number): IDatasource {
  return {
    rowCount: undefined,
    getRows(p) {
      const limit = Math.max(1, p.endRow - p.startRow);
      api.dataset
        .rows({ datasetId, offset: p.startRow, limit })
        .then((page) => p.successCallback(page.rows.map((cells, i) => ({ r: page.offset + i, cells })), page.nrow))
        .catch(() => p.failCallback());
    },
  };
}
