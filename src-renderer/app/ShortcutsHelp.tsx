/** The "?" button: the keyboard shortcuts at a glance (also opened with the ? key). */
import { useEffect, useRef, useState } from 'react';

const KEYS: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Fit the model'],
  ['Esc', 'Cancel a running fit (or Bayesian sampling); close a menu; close the newest message'],
  ['Ctrl/⌘ + Z', 'Undo a data change'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/⌘ + V (grid)', 'Paste a block from a spreadsheet'],
  ['Delete (grid)', 'Make the cell missing (NA)'],
  ['Alt + 1 … 7', 'Data, Results, Plots, Compare, Random-effects check, Batch, Bayesian'],
  ['Alt + M', 'Jump to the model builder (the formula box)'],
  ['?', 'This list'],
];

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable);
}

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target)) setOpen((o) => !o);
      else if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, []);
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn" aria-label="Keyboard shortcuts" aria-expanded={open} onClick={() => setOpen(!open)}>
        ?
      </button>
      {open && (
        <div className="menu-list shortcuts" role="dialog" aria-label="Keyboard shortcuts">
          <table>
            <tbody>
              {KEYS.map(([k, what]) => (
                <tr key={k}>
                  <td>
                    <kbd>{k}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
