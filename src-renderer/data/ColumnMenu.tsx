/**
 * The column menu: a computed column's definition, summary (type, levels, missing), type (numeric /
 * factor / logical / text), factor level order and reference level, a new column computed from this
 * one, rename, delete. Every change is one undo step.
 */
import { useEffect, useRef, useState } from 'react';
import type { ColumnSummary, ColumnTypeName, DatasetInfo } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { ColumnSummaryView } from './ColumnSummaryView';
import { type ComputedColumnTarget } from './ComputedColumnDialog';

interface Props {
  dataset: DatasetInfo;
  column: string;
  anchor: DOMRect;
  onClose: () => void;
  /** Opens the computed-column dialog (a new column, or this one's definition). */
  onCompute: (target: ComputedColumnTarget) => void;
}

const TYPES: { type: ColumnTypeName; label: string; hint: string }[] = [
  { type: 'numeric', label: 'Numeric', hint: 'numbers; used as a covariate' },
  { type: 'factor', label: 'Factor', hint: 'categories; levels and a reference level' },
  { type: 'logical', label: 'Logical', hint: 'TRUE / FALSE' },
  { type: 'text', label: 'Text', hint: 'labels and notes; not used in models' },
];

export function ColumnMenu({ dataset, column, anchor, onClose, onCompute }: Props) {
  const wb = useWorkbench();
  const info = dataset.columns.find((c) => c.name === column);
  const [name, setName] = useState(column);
  const [order, setOrder] = useState<string[]>(info?.levels ?? []);
  const [summary, setSummary] = useState<ColumnSummary | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const levelsKey = info?.levels.join('\u0000') ?? '';

  useEffect(() => setOrder(info?.levels ?? []), [levelsKey]);
  const exists = dataset.columns.some((c) => c.name === column);
  useEffect(() => {
    if (!exists) return; // renamed or deleted: the menu is closing
    let live = true;
    wb.api.dataset
      .summary({ datasetId: dataset.id, column })
      .then((s) => live && setSummary(s))
      .catch(() => live && setSummary(null));
    return () => {
      live = false;
    };
  }, [wb, dataset.id, column, dataset.revision, exists]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    ref.current?.querySelector<HTMLElement>('button, input')?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  if (!info) return null;
  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - 340));
  const top = Math.min(anchor.bottom + 4, window.innerHeight - 200);
  const orderChanged = order.join('\u0000') !== levelsKey;

  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= order.length) return;
    const next = order.slice();
    [next[i], next[j]] = [next[j], next[i]];
    setOrder(next);
  };

  const setType = (type: ColumnTypeName) =>
    type !== info.type &&
    void wb.edit(`Make ${column} ${type}`, (id) => wb.api.dataset.setColumnType({ datasetId: id, column, type }));

  const rename = async () => {
    const to = name.trim();
    if (!to || to === column) return;
    const ok = await wb.edit(`Rename ${column}`, (id) => wb.api.dataset.renameColumn({ datasetId: id, column, to }));
    if (ok) onClose();
  };

  return (
    <div className="popover column-menu" ref={ref} style={{ left, top }} role="dialog" aria-label={`Column ${column}`} data-testid="column-menu">
      <div className="popover-title">
        <strong>{column}</strong>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>

      {info.definition !== undefined && (
        <section data-testid="column-definition">
          <h4>Computed column</h4>
          <code className="computed-def">{info.definition}</code>
          <button type="button" className="btn small" data-testid="edit-definition" onClick={() => (onCompute({ column, expression: info.definition! }), onClose())}>
            Edit definition…
          </button>
        </section>
      )}

      <section>
        <h4>Type</h4>
        <div className="type-choices" role="radiogroup" aria-label="Column type">
          {TYPES.map((t) => (
            <button
              key={t.type}
              type="button"
              role="radio"
              aria-checked={info.type === t.type}
              className={info.type === t.type ? 'choice on' : 'choice'}
              title={t.hint}
              data-testid={`type-${t.type}`}
              disabled={info.definition !== undefined && info.type !== t.type}
              onClick={() => setType(t.type)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </section>

      {info.type === 'factor' && (
        <section>
          <h4>
            Levels <span className="muted">({order.length}; the first is the reference)</span>
          </h4>
          <ol className="levels">
            {order.map((l, i) => (
              <li key={l} className={i === 0 ? 'ref' : ''}>
                <span className="level-name">{l}</span>
                {i === 0 ? (
                  <span className="ref-tag">reference</span>
                ) : (
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() =>
                      void wb.edit(`Reference level of ${column}`, (id) =>
                        wb.api.dataset.setReferenceLevel({ datasetId: id, column, level: l }),
                      )
                    }
                  >
                    make reference
                  </button>
                )}
                <button type="button" className="icon-btn" aria-label={`Move ${l} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="icon-btn" aria-label={`Move ${l} down`} disabled={i === order.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
              </li>
            ))}
          </ol>
          {orderChanged && (
            <div className="row-actions">
              <button
                type="button"
                className="btn primary small"
                onClick={() => void wb.edit(`Reorder levels of ${column}`, (id) => wb.api.dataset.setLevels({ datasetId: id, column, levels: order }))}
              >
                Apply order
              </button>
              <button type="button" className="btn small" onClick={() => setOrder(info.levels)}>
                Reset
              </button>
            </div>
          )}
        </section>
      )}

      <section>
        <h4>Summary</h4>
        <ColumnSummaryView summary={summary} />
      </section>

      <section>
        <button type="button" className="btn small" data-testid="compute-from" onClick={() => (onCompute({ expression: info.type === 'numeric' ? `log(${column})` : column }), onClose())}>
          New column computed from “{column}”…
        </button>
      </section>

      <section>
        <h4>Rename</h4>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
        >
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label="New column name" />
          <button type="submit" className="btn small" disabled={!name.trim() || name.trim() === column}>
            Rename
          </button>
        </form>
      </section>

      <section className="danger-zone">
        {confirmDelete ? (
          <div className="row-actions">
            <span>Delete “{column}”? (Undo brings it back.)</span>
            <button
              type="button"
              className="btn danger small"
              onClick={async () => {
                if (await wb.edit(`Delete ${column}`, (id) => wb.api.dataset.deleteColumn({ datasetId: id, column }))) onClose();
              }}
            >
              Delete
            </button>
            <button type="button" className="btn small" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </div>
        ) : (
          <button type="button" className="btn danger-outline small" onClick={() => setConfirmDelete(true)}>
            Delete column…
          </button>
        )}
      </section>
    </div>
  );
}
