/**
 * The dataset's columns as a pick list: click to select (Ctrl/Cmd/Shift for several), or drag a
 * variable onto Response, Fixed effects or Random effects.
 */
import type { ColumnInfo } from '../../src-main/api/contract';

export const DRAG_TYPE = 'application/x-quadrat-variable';

interface Props {
  columns: ColumnInfo[];
  selected: string[];
  onSelect: (names: string[]) => void;
  used: Set<string>;
}

const BADGE: Record<ColumnInfo['type'], string> = { numeric: 'num', factor: 'fct', logical: 'lgl', text: 'txt' };

export function VariableList({ columns, selected, onSelect, used }: Props) {
  const click = (name: string, e: React.MouseEvent | React.KeyboardEvent) => {
    if (e.shiftKey && selected.length) {
      const names = columns.map((c) => c.name);
      const a = names.indexOf(selected[selected.length - 1]);
      const b = names.indexOf(name);
      const [lo, hi] = a < b ? [a, b] : [b, a];
      onSelect([...new Set([...selected, ...names.slice(lo, hi + 1)])]);
    } else if (e.ctrlKey || e.metaKey) {
      onSelect(selected.includes(name) ? selected.filter((s) => s !== name) : [...selected, name]);
    } else {
      // A plain click toggles too, so building a:b needs no modifier keys.
      onSelect(selected.includes(name) ? selected.filter((s) => s !== name) : [...selected, name]);
    }
  };
  if (columns.length === 0) return <p className="muted small">No columns yet.</p>;
  return (
    <ul className="var-list" role="listbox" aria-multiselectable="true" aria-label="Variables" data-testid="variables">
      {columns.map((c) => {
        const on = selected.includes(c.name);
        return (
          <li
            key={c.name}
            role="option"
            aria-selected={on}
            tabIndex={0}
            draggable
            className={`var${on ? ' on' : ''}${used.has(c.name) ? ' used' : ''}`}
            data-testid={`var-${c.name}`}
            title={c.type === 'factor' ? `${c.levels.length} levels` : c.type}
            onClick={(e) => click(c.name, e)}
            onKeyDown={(e) => {
              if (e.key === ' ' || e.key === 'Enter') {
                e.preventDefault();
                click(c.name, e);
              }
            }}
            onDragStart={(e) => {
              const names = on ? selected : [c.name];
              e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(names));
              e.dataTransfer.setData('text/plain', names.join(', '));
              e.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <span className={`type-badge t-${c.type}`}>{BADGE[c.type]}</span>
            <span className="var-name">{c.name}</span>
            {c.type === 'factor' && <span className="muted small">{c.levels.length}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** Reads the variable names dropped on a target, if the drag came from the list. */
export function droppedVariables(e: React.DragEvent): string[] {
  const raw = e.dataTransfer.getData(DRAG_TYPE);
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
