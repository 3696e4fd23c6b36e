/**
 * The sections of the column menu that change the column, each one undo step: its type, its factor
 * levels' order and reference level, its name, and deleting it.
 */
import { useEffect, useState } from 'react';
import type { ColumnInfo, ColumnTypeName } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { RadioGroup } from '../app/RadioGroup';

const TYPES: { type: ColumnTypeName; label: string; hint: string }[] = [
  { type: 'numeric', label: 'Numeric', hint: 'numbers; used as a covariate' },
  { type: 'factor', label: 'Factor', hint: 'categories; levels and a reference level' },
  { type: 'logical', label: 'Logical', hint: 'TRUE / FALSE' },
  { type: 'text', label: 'Text', hint: 'labels and notes; not used in models' },
];

/** Numeric, factor, logical or text; a computed column's type comes from its definition. */
export function TypeSection({ column, info }: { column: string; info: ColumnInfo }) {
  const wb = useWorkbench();
  const setType = (type: ColumnTypeName) =>
    type !== info.type &&
    void wb.edit(`Make ${column} ${type}`, (id) => wb.api.dataset.setColumnType({ datasetId: id, column, type }));
  return (
    <section>
      <h4>Type</h4>
      <RadioGroup
        label="Column type"
        className="type-choices"
        optionClass="choice"
        options={TYPES.map((t) => ({ value: t.type, label: t.label, title: t.hint, testId: `type-${t.type}`, disabled: info.definition !== undefined && info.type !== t.type }))}
        value={info.type}
        onChange={setType}
      />
    </section>
  );
}

/** A factor's levels: the first is the reference; reorder with the arrows, then apply. */
export function LevelsSection({ column, levels }: { column: string; levels: string[] }) {
  const wb = useWorkbench();
  const [order, setOrder] = useState<string[]>(levels);
  const levelsKey = levels.join('\u0000');
  useEffect(() => setOrder(levels), [levelsKey]);
  const orderChanged = order.join('\u0000') !== levelsKey;
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= order.length) return;
    const next = order.slice();
    [next[i], next[j]] = [next[j], next[i]];
    setOrder(next);
  };
  return (
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
          <button type="button" className="btn small" onClick={() => setOrder(levels)}>
            Reset
          </button>
        </div>
      )}
    </section>
  );
}

export function RenameSection({ column, onDone }: { column: string; onDone: () => void }) {
  const wb = useWorkbench();
  const [name, setName] = useState(column);
  const rename = async () => {
    const to = name.trim();
    if (!to || to === column) return;
    const ok = await wb.edit(`Rename ${column}`, (id) => wb.api.dataset.renameColumn({ datasetId: id, column, to }));
    if (ok) onDone();
  };
  return (
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
  );
}

/** Deleting asks once more (undo brings the column back). */
export function DeleteSection({ column, onDone }: { column: string; onDone: () => void }) {
  const wb = useWorkbench();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <section className="danger-zone">
      {confirmDelete ? (
        <div className="row-actions">
          <span>Delete “{column}”? (Undo brings it back.)</span>
          <button
            type="button"
            className="btn danger small"
            onClick={async () => {
              if (await wb.edit(`Delete ${column}`, (id) => wb.api.dataset.deleteColumn({ datasetId: id, column }))) onDone();
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
  );
}
