/**
 * "Keep rows where …": a row filter for the next fit (R's subset(d, …)), checked as it is typed —
 * how many rows it keeps, or the character its error points at. Stored with the fit, shown in the
 * history and written into the fit's R code.
 */
import { useEffect, useState } from 'react';
import { useWb, useWorkbench } from '../app/context';
import { ExpressionField } from '../data/ExpressionField';
import { type ExpressionIssue, issueOf } from '../data/expressionIssue';

export function RowFilterBox({ datasetId, dataVersion }: { datasetId: number; dataVersion: string }) {
  const wb = useWorkbench();
  const filter = useWb((s) => s.options.filter) ?? '';
  const [text, setText] = useState(filter);
  const [open, setOpen] = useState(filter !== '');
  const [issue, setIssue] = useState<ExpressionIssue | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // another dataset's builder, or options restored: show its filter
  useEffect(() => {
    setText(filter);
    if (filter) setOpen(true);
  }, [filter, datasetId]);

  useEffect(() => {
    setIssue(null);
    setStatus(null);
    if (!filter.trim()) return;
    let live = true;
    const t = setTimeout(() => {
      wb.api.dataset
        .checkFilter({ datasetId, filter })
        .then((r) => live && setStatus(`Keeps ${r.kept.toLocaleString()} of ${r.nrow.toLocaleString()} rows${r.notes.length ? `; ${r.notes.join('; ')}` : ''}.`))
        .catch((e: unknown) => live && setIssue(issueOf(e)));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [wb, datasetId, filter, dataVersion]);

  if (!open) {
    return (
      <button type="button" className="link-btn small" data-testid="row-filter-open" onClick={() => setOpen(true)}>
        + Keep only some rows (filter)…
      </button>
    );
  }
  return (
    <div className="row-filter">
      <ExpressionField
        id="row-filter"
        label="Keep rows where"
        testId="row-filter"
        value={text}
        issue={issue}
        placeholder={'e.g.  year >= 2010 & site != "B3"   or   !is.na(mass)'}
        onChange={(t) => {
          setText(t);
          wb.setOptions({ filter: t.trim() ? t : undefined });
        }}
      />
      {status && (
        <p className="filter-status muted" data-testid="row-filter-status">
          {status}
        </p>
      )}
    </div>
  );
}
