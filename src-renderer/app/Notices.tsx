/** Messages that are not tied to one place: import warnings, failed actions (errors stay 20 s, others 8 s). */
import { useWb, useWorkbench } from './context';

export function Notices() {
  const wb = useWorkbench();
  const notices = useWb((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`} data-notice-id={n.id}>
          <span>{n.text}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => wb.dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
