/** The bar shown when a plot point picked a data row: show it in the grid, or clear the selection. */
import { useWb, useWorkbench } from '../app/context';

export function PickedRowBar({ testId }: { testId: string }) {
  const wb = useWorkbench();
  const selected = useWb((s) => s.selectedRow);
  if (selected == null) return null;
  return (
    <div className="picked-bar" data-testid={testId}>
      Row {selected + 1} selected.
      <button type="button" className="btn small" onClick={() => wb.selectRow(selected, true)}>
        Show in data grid
      </button>
      <button type="button" className="link-btn" onClick={() => wb.selectRow(null)}>
        clear
      </button>
    </div>
  );
}
