/** The fit's messages as banners (singular fit, convergence, dropped rows…), each with what to try; a singular fit offers simpler models. */
import type { StoredFitReport } from '../../src-main/api/contract';
import { fitMessages } from './fitMessages';
import { SimplifyActions } from './SimplifyActions';

export function FitBanners({ report }: { report: StoredFitReport }) {
  return (
    <>
    {fitMessages(report).map((m, i) => (
      <div key={i} className={`banner ${m.level}`} role={m.level === 'warning' ? 'alert' : undefined} data-testid={m.title === 'Singular fit' ? 'singular-message' : undefined}>
        <strong>{m.title}.</strong> {m.body}
        {m.tryThis.length > 0 && (
          <ul>
            {m.tryThis.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        )}
        {m.title === 'Singular fit' && <SimplifyActions formula={report.formula} />}
      </div>
    ))}
    </>
  );
}
