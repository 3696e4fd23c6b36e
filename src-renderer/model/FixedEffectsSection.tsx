/** The builder's fixed effects: the intercept, the terms as chips, and adding a selection as terms, a:b or a*b. */
import type { BuilderModel } from './formulaTerms';
import { quoteName } from './formulaTerms';
import { DropZone } from './DropZone';

interface Props {
  builder: BuilderModel;
  /** The variables selected in the list. */
  selected: string[];
  set: (patch: Partial<BuilderModel>) => void;
  addFixed: (terms: string[]) => void;
}

/** The buttons that add two or more selected variables as one term. */
const COMBINE = [
  { join: ':', label: 'a:b', title: 'Interaction only', testId: 'add-interaction' },
  { join: '*', label: 'a*b', title: 'Main effects and their interaction', testId: 'add-crossed' },
];

export function FixedEffectsSection({ builder, selected: sel, set, addFixed }: Props) {
  return (
    <section>
      <div className="section-head">
        <h3 className="section-label">Fixed effects</h3>
        <label className="check small" title="Unticked writes 0 + … (no intercept)">
          <input type="checkbox" checked={builder.intercept} onChange={(e) => set({ intercept: e.target.checked })} />
          Intercept
        </label>
      </div>
      <DropZone label="Fixed effects" onDrop={(n) => addFixed(n.map(quoteName))}>
        <ul className="chips" data-testid="fixed-terms">
          {builder.fixed.map((t) => (
            <li key={t} className="chip">
              <code>{t}</code>
              <button type="button" aria-label={`Remove ${t}`} onClick={() => set({ fixed: builder.fixed.filter((x) => x !== t) })}>
                ×
              </button>
            </li>
          ))}
          {builder.fixed.length === 0 && <li className="muted small">None yet (intercept only).</li>}
        </ul>
        <div className="row-actions">
          <button type="button" className="btn small" disabled={sel.length === 0} data-testid="add-fixed" onClick={() => addFixed(sel.map(quoteName))}>
            Add {sel.length > 1 ? `${sel.length} selected` : (sel[0] ?? 'selected')}
          </button>
          {COMBINE.map((c) => (
            <button
              key={c.testId}
              type="button"
              className="btn small"
              disabled={sel.length < 2}
              title={c.title}
              data-testid={c.testId}
              onClick={() => addFixed([sel.map(quoteName).join(c.join)])}
            >
              {c.label}
            </button>
          ))}
        </div>
      </DropZone>
    </section>
  );
}
