/** "Settings ▾": app preferences kept in the user data folder (settings.update), for every project. */
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../src-main/api/contract';
import { useWb, useWorkbench } from './context';

export function SettingsMenu() {
  const wb = useWorkbench();
  const settings = useWb((s) => s.settings);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);
  if (!settings) return null;
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="settings-button">
        Settings ▾
      </button>
      {open && (
        <div className="menu-list settings-panel" role="dialog" aria-label="Settings" data-testid="settings-panel">
          <label>
            <span>Factor level order (new imports)</span>
            <select
              value={settings.levelOrder}
              data-testid="setting-level-order"
              onChange={(e) => void wb.updateSettings({ levelOrder: e.target.value as Settings['levelOrder'] })}
            >
              <option value="locale">As R in a UTF-8 locale: control before Warm (default)</option>
              <option value="C">C locale, by code point: Warm before control</option>
            </select>
          </label>
          <p className="muted small">
            Sorting decides each factor's reference level, so coefficient names and signs. Datasets already imported keep their
            levels (reorder them from a column's menu).
          </p>
        </div>
      )}
    </div>
  );
}
