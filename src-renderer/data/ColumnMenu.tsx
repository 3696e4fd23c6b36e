/**
 * The column menu: a computed column's definition, summary (type, levels, missing), type (numeric /
 * factor / logical / text), factor level order and reference level, a new column computed from this
 * one, rename, delete. Every change is one undo step.
 */
import { useEffect, useRef, useState } from 'react';
import type { ColumnSummary, DatasetInfo } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { ColumnSummaryView } from './ColumnSummaryView';
import { type ComputedColumnTarget } from './ComputedColumnDialog';
import { DeleteSection, LevelsSection, RenameSection, TypeSection } from './columnMenuSections';

interface Props {
  dataset: DatasetInfo;
  column: string;
  anchor: DOMRect;
  onClose: () => void;
  /** Opens the computed-column dialog (a new column, or this one's definition). */
  onCompute: (target: ComputedColumnTarget) => void;
}

export function ColumnMenu({ dataset, column, anchor, onClose, onCompute }: Props) {
  const wb = useWorkbench();
  const info = dataset.columns.find((c) => c.name === column);
  const [summary, setSummary] = useState<ColumnSummary | null>(null);
  const ref = useRef<HTMLDivElement>(null);

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

      <TypeSection column={column} info={info} />

      {info.type === 'factor' && <LevelsSection column={column} levels={info.levels} />}

      <section>
        <h4>Summary</h4>
        <ColumnSummaryView summary={summary} />
      </section>

      <section>
        <button type="button" className="btn small" data-testid="compute-from" onClick={() => (onCompute({ expression: info.type === 'numeric' ? `log(${column})` : column }), onClose())}>
          New column computed from “{column}”…
        </button>
      </section>

      <RenameSection column={column} onDone={onClose} />

      <DeleteSection column={column} onDone={onClose} />
    </div>
  );
}
