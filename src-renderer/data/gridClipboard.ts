/**
 * Copy and paste in the grid (AG Grid's own clipboard is enterprise-only): a block pasted from
 * Excel/LibreOffice is written from the focused cell as one undo step; copy puts the focused cell's
 * text on the clipboard. Neither acts while a cell editor or another text field has the focus.
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback, type ClipboardEvent, type RefObject } from 'react';
import type { CellEdit, DatasetInfo } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { formatCell, parseClipboardBlock } from './cellValues';
import { ROW_COL } from './gridColumns';
import type { GridRow } from './gridSetup';
import { pasteCells, pasteProblemMessage } from './pasteCells';

function isEditingTarget(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable);
}

export function useGridClipboard(
  gridRef: RefObject<GridApi<GridRow> | null>,
  datasetRef: RefObject<DatasetInfo>,
  writeCells: (cells: CellEdit[], label: string) => Promise<boolean>,
) {
  const wb = useWorkbench();
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
      const infos = new Map(datasetRef.current!.columns.map((c) => [c.name, c]));
      const plan = pasteCells(block, cols, startCol, focus.rowIndex, infos);
      if (plan.problemCount) {
        wb.notify('error', pasteProblemMessage(plan));
        return;
      }
      if (plan.dropped) wb.notify('warning', `${plan.dropped} pasted cells fell beyond the last column and were left out.`);
      const { cells } = plan;
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

  return { onPaste, onCopy };
}
