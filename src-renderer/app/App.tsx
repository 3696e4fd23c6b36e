/**
 * The workbench: start screen, or the three-pane layout (model builder · data/results/plots/compare/check
 * · history). Global keys: Ctrl/Cmd+Enter fits, Escape cancels a fit, Ctrl/Cmd+Z / Shift+Z undo and
 * redo data edits, Alt+1…5 switch tabs. Files dropped anywhere are imported.
 */
import { useEffect, useState } from 'react';
import { BatchView } from '../batch/BatchView';
import { BayesView } from '../bayes/BayesView';
import { CheckView } from '../checks/CheckView';
import { DataView } from '../data/DataView';
import { CompareView } from '../history/CompareView';
import { HistoryPanel } from '../history/HistoryPanel';
import { ModelBuilder } from '../model/ModelBuilder';
import { DiagnosticsView } from '../plots/DiagnosticsView';
import { ResultsView } from '../results/ResultsView';
import { useWb, useWorkbench } from './context';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { ServerBanner } from './ServerBanner';
import { StartScreen } from './StartScreen';
import type { Tab } from './state';
import { TopBar } from './TopBar';

const TABS: { id: Tab; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'results', label: 'Results' },
  { id: 'plots', label: 'Plots' },
  { id: 'compare', label: 'Compare' },
  { id: 'checks', label: 'Random-effects check' },
  { id: 'batch', label: 'Batch' },
  { id: 'bayes', label: 'Bayesian' },
];

function isTextInput(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable);
}

function useGlobalKeys() {
  const wb = useWorkbench();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        void wb.fit();
      } else if (e.key === 'Escape' && wb.store.get().job) {
        void wb.cancelFit();
      } else if (e.key === 'Escape' && wb.bayes.store.get().job) {
        void wb.bayes.cancel();
      } else if (e.key === 'Escape' && !e.defaultPrevented && !isTextInput(e.target) && !document.querySelector('.menu-list, [role="menu"], [role="dialog"]')) {
        // menus and dialogs close themselves on Escape first
        if (wb.dismissNewest()) e.preventDefault();
      } else if (mod && !isTextInput(e.target) && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
        if (!wb.store.get().project) return;
        e.preventDefault();
        void (e.key === 'y' || e.shiftKey ? wb.redo() : wb.undo());
      } else if (e.altKey && e.code === 'KeyM') {
        // straight to the model builder's formula box (12 Tabs away otherwise); e.code: Alt+M types µ on a Mac
        e.preventDefault();
        document.getElementById('formula-input')?.focus();
      } else if (e.altKey && /^[1-7]$/.test(e.key)) {
        e.preventDefault();
        wb.setTab(TABS[Number(e.key) - 1].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wb]);
}

function useFileDrop(): boolean {
  const wb = useWorkbench();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      void wb.importFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [wb]);
  return over;
}

function Tabs() {
  const wb = useWorkbench();
  const tab = useWb((s) => s.tab);
  const job = useWb((s) => s.job);
  const hasReport = useWb((s) => s.openReport != null);
  return (
    <nav className="tabs" role="tablist" aria-label="Views">
      {TABS.map((t, i) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          className={tab === t.id ? 'on' : ''}
          title={`Alt+${i + 1}`}
          data-testid={`tab-${t.id}`}
          onClick={() => wb.setTab(t.id)}
        >
          {t.label}
          {t.id === 'results' && job && <span className="spinner tiny" aria-label="fitting" />}
          {t.id === 'plots' && !hasReport && <span className="dot-off" />}
        </button>
      ))}
    </nav>
  );
}

function Main() {
  const tab = useWb((s) => s.tab);
  const viewSaved = useWb((s) => s.viewSaved);
  return (
    <div className="workbench" data-view-saved={viewSaved ? 'yes' : 'no'}>
      <TopBar />
      <div className="panes">
        <aside className="left-pane" aria-label="Model builder">
          <ErrorBoundary what="the model builder">
            <ModelBuilder />
          </ErrorBoundary>
        </aside>
        <main className="center-pane">
          <Tabs />
          <div className="tab-body" role="tabpanel">
            <ErrorBoundary key={tab} what={`the ${TABS.find((t) => t.id === tab)?.label ?? tab} view`}>
              {tab === 'data' && <DataView />}
              {tab === 'results' && <ResultsView />}
              {tab === 'plots' && <DiagnosticsView />}
              {tab === 'compare' && <CompareView />}
              {tab === 'checks' && <CheckView />}
              {tab === 'batch' && <BatchView />}
              {tab === 'bayes' && <BayesView />}
            </ErrorBoundary>
          </div>
          <Notices docked />
        </main>
        <ErrorBoundary what="the model history">
          <HistoryPanel />
        </ErrorBoundary>
      </div>
    </div>
  );
}

export function App() {
  const connection = useWb((s) => s.connection);
  const connectionError = useWb((s) => s.connectionError);
  const project = useWb((s) => s.project);
  useGlobalKeys();
  const dropping = useFileDrop();

  const inWorkbench = connection !== 'connecting' && connection !== 'offline' && project != null;
  let body;
  if (connection === 'connecting') {
    body = (
      <div className="center-message">
        <span className="spinner" /> Starting…
      </div>
    );
  } else if (connection === 'offline') {
    body = (
      <div className="center-message error" role="alert">
        <h1>Quadrat cannot reach its engine</h1>
        <p>{connectionError}</p>
        <p className="muted">
          In a browser, open the address printed by <code>npm start</code> or <code>npm run web</code> (it carries the access token). Reloading a tab opened that way also works.
        </p>
      </div>
    );
  } else {
    body = project ? <Main /> : <StartScreen />;
  }
  return (
    <>
      <ServerBanner />
      {body}
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          <div>Drop to import</div>
        </div>
      )}
      {/* the workbench docks its own notices under the open view */}
      {!inWorkbench && <Notices />}
    </>
  );
}
