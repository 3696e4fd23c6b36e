/**
 * Messages that are not tied to one place: import warnings, failed actions (errors stay 20 s, others
 * 8 s; Escape closes the newest). In the workbench they sit in a strip under the open view, taking
 * their own room, so they never cover a result; before a project is open they float.
 */
import { useWb, useWorkbench } from './context';

export function Notices({ docked = false }: { docked?: boolean }) {
  const wb = useWorkbench();
  const notices = useWb((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className={`notices${docked ? ' docked' : ''}`} aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`} data-notice-id={n.id}>
          <span>
            {n.text}
            {n.count > 1 && <span className="notice-count" title={`This message came ${n.count} times`}> ×{n.count}</span>}
          </span>
          <button type="button" className="icon-btn" aria-label="Dismiss" title="Dismiss (Esc)" onClick={() => wb.dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
      {notices.length > 1 && (
        <button type="button" className="btn small notices-clear" onClick={() => wb.dismissAll()}>
          Dismiss all
        </button>
      )}
    </div>
  );
}
