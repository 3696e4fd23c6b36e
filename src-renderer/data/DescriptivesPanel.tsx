/**
 * Descriptives before modelling (issue 17): every numeric column's n, missing, mean, SD, min, median and
 * max, over all rows or by the levels of a factor — the numbers R's tapply gives (dataset.describe, in a
 * worker). Shown above the grid; recomputed when the data change.
 */
import { useEffect, useState } from 'react';
import type { DatasetInfo, Result } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { fmtNum } from '../../src-engine/shared';

type Rows = Result<'dataset.describe'>;

export function DescriptivesPanel({ dataset, onClose }: { dataset: DatasetInfo; onClose: () => void }) {
  const wb = useWorkbench();
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const numeric = dataset.columns.filter((c) => c.type === 'numeric').map((c) => c.name);
  const groups = dataset.columns.filter((c) => c.type === 'factor' || c.type === 'text' || c.type === 'logical').map((c) => c.name);
  const [by, setBy] = useState<string>('');
  const [rows, setRows] = useState<{ key: string; rows: Rows | null; error: string | null } | null>(null);
  const key = `${dataset.id}\u0000${dataset.dataHash}\u0000${by}`;

  useEffect(() => {
    if (numeric.length === 0) return;
    let current = true;
    wb.api.dataset
      .describe({ datasetId: dataset.id, columns: numeric, by: by || null })
      .then((r) => current && setRows({ key, rows: r, error: null }))
      .catch((e: unknown) => current && setRows({ key, rows: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      current = false;
    };
    // numeric follows the dataset: the key (dataset, its data, the grouping) says when to ask again
  }, [wb, key]);

  const shown = rows?.key === key ? rows : null;
  return (
    <section className="descriptives result-block" data-testid="descriptives" data-state={shown?.rows ? 'ready' : 'loading'}>
      <div className="block-head">
        <h3>Descriptives</h3>
        <label className="small">
          by{' '}
          <select aria-label="Group descriptives by" data-testid="descriptives-by" value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="">— all rows —</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn small" onClick={onClose} aria-label="Close the descriptives">
          ×
        </button>
      </div>
      {numeric.length === 0 && <p className="muted small">No numeric columns to describe.</p>}
      {shown?.error && <p className="warn">{shown.error}</p>}
      {shown?.rows && (
        <div className="descriptives-scroll">
          <table className="result-table compact" data-testid="descriptives-table">
            <thead>
              <tr>
                <th scope="col">Column</th>
                {by && <th scope="col">{by}</th>}
                <th scope="col">n</th>
                <th scope="col">missing</th>
                <th scope="col">mean</th>
                <th scope="col">SD</th>
                <th scope="col">min</th>
                <th scope="col">median</th>
                <th scope="col">max</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((r) => (
                <tr key={`${r.column}\u0000${r.group ?? ''}`} data-column={r.column} data-group={r.group ?? ''}>
                  <th scope="row">{r.column}</th>
                  {by && <td>{r.group}</td>}
                  <td className="num">{r.n}</td>
                  <td className="num">{r.missing}</td>
                  {(['mean', 'sd', 'min', 'median', 'max'] as const).map((k) => (
                    <td key={k} className="num" data-stat={k} data-value={r[k] ?? ''}>
                      {r[k] === null ? 'NA' : fmtNum(r[k], digits)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="table-note">As R: tapply(x, group, mean, na.rm = TRUE) and likewise sd, min, median, max; SD with n − 1.</p>
    </section>
  );
}
