/** A column's summary: n, missing, distinct; numbers as R's summary(); counts per level. */
import type { ColumnSummary } from '../../src-main/api/contract';
import { fmtNum } from '../../src-engine/shared';

export function ColumnSummaryView({ summary }: { summary: ColumnSummary | null }) {
  if (!summary) return <p className="muted small">Reading…</p>;
  const top = summary.counts?.slice(0, 12) ?? [];
  return (
    <div className="col-summary" data-testid="column-summary">
      <dl className="kv-inline">
        <dt>n</dt>
        <dd>{summary.n}</dd>
        <dt>missing</dt>
        <dd className={summary.missing ? 'has-missing' : ''}>{summary.missing}</dd>
        <dt>distinct</dt>
        <dd>{summary.distinct}</dd>
      </dl>
      {summary.numeric && (
        <dl className="kv-inline">
          {(['min', 'q1', 'median', 'mean', 'q3', 'max', 'sd'] as const).map((k) => (
            <span key={k} className="kv-pair">
              <dt>{k === 'q1' ? '1st Qu.' : k === 'q3' ? '3rd Qu.' : k}</dt>
              <dd>{fmtNum(summary.numeric?.[k], 4)}</dd>
            </span>
          ))}
        </dl>
      )}
      {top.length > 0 && (
        <table className="counts">
          <tbody>
            {top.map((c) => (
              <tr key={c.value}>
                <td>{c.value}</td>
                <td className="num">{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(summary.counts?.length ?? 0) > top.length && <p className="muted small">…and {(summary.counts?.length ?? 0) - top.length} more</p>}
    </div>
  );
}
