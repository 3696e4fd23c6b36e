/**
 * A computed column: its name and its expression (log, sqrt, centre, scale, arithmetic of columns,
 * recode, interaction…), new or edited. The expression is kept and recomputed when the columns it
 * reads change; errors point at the character, and nothing is changed until it is right.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetInfo } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { ExpressionField } from './ExpressionField';
import { type ExpressionIssue, issueOf } from './expressionIssue';

export interface ComputedColumnTarget {
  /** The computed column being edited; absent for a new one. */
  column?: string;
  /** The expression to start from. */
  expression: string;
}

/** What the expression language offers, as snippets that fill in the column the user started from. */
function snippets(x: string, factors: readonly string[]): { label: string; text: string; hint: string }[] {
  const other = factors.find((f) => f !== x) ?? 'b';
  return [
    { label: 'log', text: `log(${x})`, hint: 'natural log (log10, log2, log1p, exp, sqrt, abs too)' },
    { label: 'sqrt', text: `sqrt(${x})`, hint: 'square root' },
    { label: 'centre', text: `centre(${x})`, hint: 'x minus its mean' },
    { label: 'scale', text: `scale(${x})`, hint: "(x − mean) / sd, as R's scale()" },
    { label: 'recode', text: `recode(${x}, "old" = "new")`, hint: 'rename or merge levels; "old" = NA drops one' },
    { label: 'interaction', text: `interaction(${x}, ${other}, sep = ":")`, hint: "one ID per combination, as R's interaction()" },
  ];
}

interface Props {
  dataset: DatasetInfo;
  target: ComputedColumnTarget;
  onClose: () => void;
}

export function ComputedColumnDialog({ dataset, target, onClose }: Props) {
  const wb = useWorkbench();
  const editing = target.column !== undefined;
  const [name, setName] = useState(target.column ?? '');
  const [expression, setExpression] = useState(target.expression);
  const [issue, setIssue] = useState<ExpressionIssue | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const factors = dataset.columns.filter((c) => c.type === 'factor' || c.type === 'text').map((c) => c.name);
  const first = /^[\w.]+/.exec(target.expression)?.[0] ?? dataset.columns[0]?.name ?? 'x';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLElement>(editing ? 'textarea' : 'input')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, editing]);

  const save = async () => {
    const n = name.trim();
    if (!n || !expression.trim() || busy) return;
    setBusy(true);
    try {
      const r = editing
        ? await wb.api.dataset.setColumnDefinition({ datasetId: dataset.id, column: target.column!, expression })
        : await wb.api.dataset.addComputedColumn({ datasetId: dataset.id, name: n, expression });
      wb.editDone(r);
      onClose();
    } catch (e) {
      setIssue(issueOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="popover computed-dialog" ref={ref} role="dialog" aria-label={editing ? `Definition of ${target.column}` : 'New computed column'} data-testid="computed-dialog">
      <div className="popover-title">
        <strong>{editing ? `Definition of “${target.column}”` : 'New computed column'}</strong>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {!editing && (
        <label className="computed-name">
          <span className="section-label">Name</span>
          <input data-testid="computed-name" value={name} placeholder="e.g. log_mass" onChange={(e) => setName(e.target.value)} />
        </label>
      )}
      <ExpressionField
        id="computed-expression"
        label="Computed as"
        testId="computed-expression"
        value={expression}
        issue={issue}
        placeholder="e.g. log(mass)   scale(temp)   mass / area   interaction(site, plot)"
        onChange={(t) => {
          setExpression(t);
          setIssue(null);
        }}
        onSubmit={() => void save()}
      />
      <div className="snippets" aria-label="Functions">
        {snippets(first, factors).map((s) => (
          <button key={s.label} type="button" className="chip" title={s.hint} onClick={() => (setExpression(s.text), setIssue(null))}>
            {s.label}
          </button>
        ))}
      </div>
      <p className="muted small">
        Columns by name (`odd name` in backticks), numbers, + − × ÷ ^ and parentheses. Recomputed whenever the columns it reads change; rows
        where a value cannot be computed (log of 0, a missing value) are NA, and you are told how many.
      </p>
      <div className="row-actions">
        <button type="button" className="btn primary small" data-testid="computed-save" disabled={busy || !name.trim() || !expression.trim()} onClick={() => void save()}>
          {editing ? 'Save definition' : 'Add column'}
        </button>
        {editing && (
          <button
            type="button"
            className="btn small"
            title="The column keeps its current values as ordinary data and is no longer recomputed"
            onClick={async () => {
              if (await wb.edit(`Keep the values of ${target.column}`, (id) => wb.api.dataset.setColumnDefinition({ datasetId: id, column: target.column!, expression: null }))) onClose();
            }}
          >
            Keep values, drop definition
          </button>
        )}
        <button type="button" className="btn small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
