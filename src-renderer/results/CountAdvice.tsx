/**
 * The count advisor's findings under a count-model result (tmb.advice, made with the fit by
 * src-engine/advisor/count/countAdvice.ts): each with its title, what it means, what to do, and the
 * refits it suggests as buttons (another family or zero part of the same model, fitted at once).
 */
import type { ReportHead } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';

export function CountAdvice({ r, fitId }: { r: ReportHead; fitId: number | null }) {
  const wb = useWorkbench();
  const busy = useWb((s) => s.job !== null);
  const advice = r.tmb?.advice;
  if (!advice) return null;
  if (advice.length === 0) {
    return (
      <p className="small muted" data-testid="count-advice" data-state="clean">
        Advisor: glmmTMB gave no warning, no random effect is at the boundary{r.tmb?.simulated ? ', and the simulated residuals show no dispersion or zero problem' : ''}.
      </p>
    );
  }
  return (
    <section className="design-check result-block" data-testid="count-advice" data-state="findings" aria-label="Advice on this count model">
      <h3>Advice</h3>
      <ul>
        {advice.map((f) => (
          <li key={f.code} className={f.severity} data-testid="count-finding" data-code={f.code}>
            <strong>{f.title}</strong>
            <p>{f.meaning}</p>
            <p className="small">{f.action}</p>
            {fitId != null &&
              f.fixes.map((x) => (
                <button key={x.label} type="button" className="btn small" disabled={busy} data-testid="count-fix" data-family={x.family} onClick={() => void wb.refitCount(fitId, x)}>
                  {x.label}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
