/** All rows of a dataset (in pages through the API), for plots that need the data beside the fit. */
import { useEffect, useState } from 'react';
import type { Cell, DatasetInfo } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';

export const MAX_PLOT_ROWS = 200_000;
const PAGE = 20_000;

export function useDatasetRows(dataset: DatasetInfo | null): { rows: Cell[][] | null; error: string | null } {
  const wb = useWorkbench();
  const [state, setState] = useState<{ key: string; rows: Cell[][] | null; error: string | null }>({ key: '', rows: null, error: null });
  const key = dataset ? `${dataset.id}:${dataset.revision}` : '';

  useEffect(() => {
    if (!dataset) return;
    let live = true;
    (async () => {
      const rows: Cell[][] = [];
      const n = Math.min(dataset.nrow, MAX_PLOT_ROWS);
      for (let offset = 0; offset < n; offset += PAGE) {
        const page = await wb.api.dataset.rows({ datasetId: dataset.id, offset, limit: Math.min(PAGE, n - offset) });
        rows.push(...page.rows);
        if (!live) return;
      }
      if (live) setState({ key, rows, error: null });
    })().catch((e: unknown) => live && setState({ key, rows: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
    // The key covers id and revision.
  }, [wb, key]);

  return state.key === key ? { rows: state.rows, error: state.error } : { rows: null, error: null };
}
