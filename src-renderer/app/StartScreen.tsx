/** No project open: start a new one, import a file, open an example or a recent project. */
import { useState } from 'react';
import { ImportButton } from '../data/ImportButton';
import { SettingsMenu } from './SettingsMenu';
import { useWb, useWorkbench } from './context';

export function StartScreen() {
  const wb = useWorkbench();
  const examples = useWb((s) => s.examples);
  const recent = useWb((s) => s.recent);
  const busy = useWb((s) => s.busy);
  const fileDialogs = useWb((s) => s.appInfo?.fileDialogs ?? false);
  const [path, setPath] = useState('');

  return (
    <main className="start" data-testid="start-screen">
      <div className="start-inner">
        <header className="start-head">
          <img src="./icon.svg" alt="" width={48} height={48} />
          <div>
            <h1>Quadrat</h1>
            <p className="muted">Mixed-effects models for field data — the numbers of lme4 and lmerTest, without writing R.</p>
          </div>
        </header>
        {busy && (
          <p className="busy" role="status">
            <span className="spinner" /> {busy}
          </p>
        )}
        <section className="start-actions">
          <ImportButton primary label="Import a data file…" />
          <button type="button" className="btn" onClick={() => void wb.newProject()} data-testid="new-project">
            New empty project
          </button>
          {fileDialogs && (
            <button type="button" className="btn" onClick={() => void wb.pickAndOpenProject()}>
              Open project…
            </button>
          )}
          <SettingsMenu />
          <p className="muted small">CSV, TSV or Excel (.xlsx). You can also drop a file anywhere on this window.</p>
        </section>

        {examples.length > 0 && (
          <section>
            <h2 className="section-label">Examples</h2>
            <ul className="example-cards">
              {examples.map((e) => (
                <li key={e.name}>
                  <button type="button" className="example-card" onClick={() => void wb.openExample(e.name)} data-testid={`example-${e.name}`}>
                    <strong>{e.title}</strong>
                    <span className="muted small">{e.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <h2 className="section-label">Recent projects</h2>
          {recent.length === 0 ? (
            <p className="muted small">None yet. Projects are saved as you work.</p>
          ) : (
            <ul className="recent-list" data-testid="recent-list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="link-btn" disabled={!r.exists} onClick={() => void wb.openProject(r.path)} title={r.path}>
                    {r.title}
                  </button>
                  <span className="muted small path">{r.path}</span>
                  <span className="muted small">{new Date(r.openedAt).toLocaleString()}</span>
                  {!r.exists && <span className="tag warn">missing</span>}
                  <button type="button" className="icon-btn" aria-label={`Forget ${r.title}`} onClick={() => void wb.forgetRecent(r.path)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {!fileDialogs && (
            <form
              className="inline-form open-path"
              onSubmit={(e) => {
                e.preventDefault();
                if (path.trim()) void wb.openProject(path.trim());
              }}
            >
              <input placeholder="/path/to/project.quadrat" aria-label="Project file path" value={path} onChange={(e) => setPath(e.target.value)} />
              <button type="submit" className="btn small" disabled={!path.trim()}>
                Open
              </button>
            </form>
          )}
        </section>
      </div>
    </main>
  );
}
