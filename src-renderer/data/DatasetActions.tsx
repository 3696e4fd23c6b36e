/** The dataset itself: rename, export as CSV, delete (from the Data toolbar). */
import { useEffect, useRef, useState } from 'react';
import type { DatasetInfo } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';

export function DatasetActions({ dataset }: { dataset: DatasetInfo }) {
  const wb = useWorkbench();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'menu' | 'rename' | 'delete'>('menu');
  const [name, setName] = useState(dataset.name);
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

  const exportCsv = async () => {
    setOpen(false);
    await wb.exportCurrent(); // on the Data tab: the active dataset, as CSV
  };

  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn small"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          setMode('menu');
          setName(dataset.name);
          setOpen(!open);
        }}
      >
        {dataset.name} ▾
      </button>
      {open && (
        <div className="menu-list left" role="menu">
          {mode === 'menu' && (
            <>
              <button type="button" role="menuitem" onClick={() => setMode('rename')}>
                Rename dataset…
              </button>
              <button type="button" role="menuitem" onClick={() => void exportCsv()}>
                Export as CSV
              </button>
              <button type="button" role="menuitem" className="danger" onClick={() => setMode('delete')}>
                Delete dataset…
              </button>
              {dataset.sourceFile && <span className="muted small menu-note">Imported from {dataset.sourceFile}</span>}
            </>
          )}
          {mode === 'rename' && (
            <form
              className="inline-form menu-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (name.trim()) void wb.renameDataset(name.trim()).then(() => setOpen(false));
              }}
            >
              <input autoFocus aria-label="Dataset name" value={name} onChange={(e) => setName(e.target.value)} />
              <button type="submit" className="btn small primary" disabled={!name.trim()}>
                Rename
              </button>
            </form>
          )}
          {mode === 'delete' && (
            <div className="menu-form">
              <p className="small">
                Delete “{dataset.name}” from the project? Models fitted to it stay in the history, marked as describing older data.
              </p>
              <div className="row-actions">
                <button
                  type="button"
                  className="btn danger small"
                  onClick={() => {
                    setOpen(false);
                    void wb.deleteDataset(dataset.id);
                  }}
                >
                  Delete
                </button>
                <button type="button" className="btn small" onClick={() => setMode('menu')}>
                  Keep
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
