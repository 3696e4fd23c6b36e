/** "Settings ▾": app preferences kept in the user data folder (settings.update), for every project. */
import type { Settings } from '../../src-main/api/contract';
import { useWb, useWorkbench } from './context';
import { Dropdown } from './Dropdown';

export function SettingsMenu() {
  const wb = useWorkbench();
  const settings = useWb((s) => s.settings);
  if (!settings) return null;
  return (
    <Dropdown label="Settings ▾" className="btn" testId="settings-button">
      {() => (
        <div className="settings-panel" role="dialog" aria-label="Settings" data-testid="settings-panel">
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
    </Dropdown>
  );
}
