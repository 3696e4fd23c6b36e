/**
 * One random-effects term: grouping factor, optional outer factor it is nested in, intercept and
 * slopes, correlated or not. Shows the lme4 term it writes.
 */
import type { ColumnInfo } from '../../src-main/api/contract';
import { randomTermToString, type RandomTerm } from './formulaTerms';

interface Props {
  index: number;
  term: RandomTerm;
  columns: ColumnInfo[];
  /** Candidate slopes: the fixed terms first, then any other column. */
  slopeChoices: string[];
  onChange: (t: RandomTerm) => void;
  onRemove: () => void;
}

const isGroupType = (c: ColumnInfo) => c.type !== 'numeric';

export function RandomTermCard({ index, term, columns, slopeChoices, onChange, onRemove }: Props) {
  const groupChoices = columns.filter(isGroupType).map((c) => c.name);
  if (!groupChoices.includes(term.group)) groupChoices.unshift(term.group);
  const nestedValue = term.nestedIn.join('/');
  const nestChoices = columns.filter((c) => isGroupType(c) && c.name !== term.group).map((c) => c.name);
  if (nestedValue && !nestChoices.includes(nestedValue)) nestChoices.unshift(nestedValue);
  const slopes = [...new Set([...slopeChoices, ...term.slopes])];
  const effects = term.slopes.length + (term.intercept ? 1 : 0);
  const label = `random term ${index + 1}`;

  const toggleSlope = (s: string, on: boolean) => {
    const next = on ? [...term.slopes, s] : term.slopes.filter((x) => x !== s);
    // Keep at least one effect: removing the last slope brings the intercept back.
    onChange({ ...term, slopes: next, intercept: next.length === 0 ? true : term.intercept });
  };

  return (
    <div className="re-card" data-testid={`re-card-${index}`} aria-label={label}>
      <div className="re-head">
        <code className="re-term">{randomTermToString(term)}</code>
        <button type="button" className="icon-btn" aria-label={`Remove ${label}`} onClick={onRemove}>
          ×
        </button>
      </div>
      <div className="re-grid">
        <label htmlFor={`re-group-${index}`}>Grouping factor</label>
        <select id={`re-group-${index}`} value={term.group} onChange={(e) => onChange({ ...term, group: e.target.value })}>
          {groupChoices.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <label htmlFor={`re-nest-${index}`}>Nested in</label>
        <select
          id={`re-nest-${index}`}
          value={nestedValue}
          onChange={(e) => onChange({ ...term, nestedIn: e.target.value ? e.target.value.split('/') : [] })}
        >
          <option value="">— (not nested)</option>
          {nestChoices.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="re-effects">
        <label className="check">
          <input
            type="checkbox"
            checked={term.intercept}
            disabled={term.intercept && term.slopes.length === 0}
            onChange={(e) => onChange({ ...term, intercept: e.target.checked })}
          />
          Intercept
        </label>
        {slopes.map((s) => (
          <label className="check" key={s}>
            <input
              type="checkbox"
              checked={term.slopes.includes(s)}
              data-testid={`re-slope-${index}-${s}`}
              onChange={(e) => toggleSlope(s, e.target.checked)}
            />
            {s} <span className="muted small">slope</span>
          </label>
        ))}
        {slopes.length === 0 && <span className="muted small">Add fixed effects to offer random slopes.</span>}
      </div>
      <label className={`check${effects < 2 ? ' disabled' : ''}`} title="Unticked writes || : intercept and slopes vary independently">
        <input
          type="checkbox"
          checked={term.correlated}
          disabled={effects < 2}
          onChange={(e) => onChange({ ...term, correlated: e.target.checked })}
        />
        Correlated intercept and slopes
      </label>
    </div>
  );
}
