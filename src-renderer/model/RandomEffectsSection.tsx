/** The builder's random effects: one card per random term, and adding selected variables as grouping factors. */
import type { ColumnInfo } from '../../src-main/api/contract';
import type { BuilderModel } from './formulaTerms';
import { DropZone } from './DropZone';
import { RandomTermCard } from './RandomTermCard';

interface Props {
  builder: BuilderModel;
  columns: ColumnInfo[];
  selected: string[];
  set: (patch: Partial<BuilderModel>) => void;
  addRandomGroups: (names: string[]) => void;
  onCheckCandidates: () => void;
}

export function RandomEffectsSection({ builder, columns, selected: sel, set, addRandomGroups, onCheckCandidates }: Props) {
  return (
    <section>
      <h3 className="section-label">Random effects</h3>
      <DropZone label="Random effects" onDrop={addRandomGroups}>
        {builder.random.map((r, i) => (
          <RandomTermCard
            key={i}
            index={i}
            term={r}
            columns={columns}
            slopeChoices={builder.fixed}
            onChange={(t) => set({ random: builder.random.map((x, k) => (k === i ? t : x)) })}
            onRemove={() => set({ random: builder.random.filter((_, k) => k !== i) })}
          />
        ))}
        {builder.random.length === 0 && <p className="muted small">Select a grouping factor (e.g. site, subject) and add it.</p>}
        <div className="row-actions">
          <button type="button" className="btn small" disabled={sel.length === 0} data-testid="add-random" onClick={() => addRandomGroups(sel)}>
            Add {sel.length ? sel.join(', ') : 'selected'} as grouping factor
          </button>
          <button
            type="button"
            className="link-btn small"
            disabled={!builder.response}
            title={builder.response ? 'Residuals by level, ICC and LRT for each candidate (Zuur et al.)' : 'Choose a response first'}
            data-testid="open-check"
            onClick={onCheckCandidates}
          >
            Check candidate grouping factors…
          </button>
        </div>
      </DropZone>
    </section>
  );
}
