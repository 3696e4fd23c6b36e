/** The bar across the top: project, datasets, import and examples, save and close. */
import { useEffect, useRef, useState } from 'react';
import { ImportButton } from '../data/ImportButton';
import { useWb, useWorkbench } from './context';
import { SettingsMenu } from './SettingsMenu';
import { ShortcutsHelp } from './ShortcutsHelp';

function ExamplesMenu() {
  const wb = useWorkbench();
  const examples = useWb((s) => s.examples);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  if (examples.length === 0) return null;
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Examples ▾
      </button>
      {open && (
        <ul className="menu-list" role="menu">
          {examples.map((e) => (
            <li key={e.name} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  void wb.openExample(e.name);
                }}
              >
                <strong>{e.title}</strong>
                <span className="muted small">{e.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SaveAs() {
  const wb = useWorkbench();
  const fileDialogs = useWb((s) => s.appInfo?.fileDialogs ?? false);
  const projectsDir = useWb((s) => s.appInfo?.projectsDir ?? '');
  const project = useWb((s) => s.project);
  const [editing, setEditing] = useState(false);
  const [path, setPath] = useState('');
  if (fileDialogs) {
    return (
      <button type="button" className="btn" onClick={() => void wb.saveProjectAs(null)}>
        Save as…
      </button>
    );
  }
  if (!editing) {
    return (
      <button
        type="button"
        className="btn"
        onClick={() => {
          // a name is enough (it goes to the projects folder); a saved project offers its own path
          setPath(project?.untitled ? '' : (project?.path ?? ''));
          setEditing(true);
        }}
      >
        Save as…
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void wb.saveProjectAs(path.trim()).then(() => setEditing(false));
      }}
    >
      <input
        autoFocus
        placeholder="Project name"
        aria-label="Save project as: a name, or a full path"
        title={`A name saves the project in ${projectsDir}; a full path saves it there.`}
        data-testid="save-as-name"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
      />
      <span className="muted small" data-testid="save-as-folder">
        in {projectsDir}
      </span>
      <button type="submit" className="btn small primary" disabled={!path.trim()}>
        Save
      </button>
    </form>
  );
}

export function TopBar() {
  const wb = useWorkbench();
  const project = useWb((s) => s.project);
  const datasets = useWb((s) => s.datasets);
  const activeId = useWb((s) => s.activeDatasetId);
  const busy = useWb((s) => s.busy);
  return (
    <header className="topbar">
      <div className="brand">
        <img src="./icon.svg" alt="" width={22} height={22} />
        <span>Quadrat</span>
      </div>
      <div className="project-title" title={project?.path} data-testid="project-title">
        {project?.title}
        {project?.untitled && <span className="tag info">unsaved name</span>}
        {project?.readOnly && (
          <span className="tag warn" title={project.readOnlyReason ?? undefined}>
            read-only
          </span>
        )}
      </div>
      {datasets.length > 0 && (
        <label className="dataset-pick">
          <span className="muted small">Dataset</span>
          <select aria-label="Active dataset" value={activeId ?? ''} onChange={(e) => wb.selectDataset(Number(e.target.value))} data-testid="dataset-select">
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.nrow} × {d.columns.length})
              </option>
            ))}
          </select>
        </label>
      )}
      {busy && (
        <span className="busy small" role="status">
          <span className="spinner" /> {busy}
        </span>
      )}
      <span className="grow" />
      <ImportButton />
      <ExamplesMenu />
      <SaveAs />
      <SettingsMenu />
      <button type="button" className="btn" onClick={() => void wb.closeProject()} data-testid="close-project">
        Close
      </button>
      <ShortcutsHelp />
    </header>
  );
}
