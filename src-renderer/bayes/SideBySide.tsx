/**
 * A separated GLMM beside its Bayesian refit: glmer's estimates and Wald SEs (running off towards
 * ±∞ on separated cells) next to the posterior means, SDs and 95% intervals under normal(0, 2.5) on b.
 */
import type { BayesReportWire, StoredFitReport } from '../../src-main/api/contract';
import { Num } from '../results/Num';

/** glmer's term name as brms labels it: (Intercept) → Intercept. */
const brmsLabel = (term: string) => (term === '(Intercept)' ? 'Intercept' : term);

export function SideBySide({ name, glmm, bayes, digits }: { name: string; glmm: StoredFitReport; bayes: BayesReportWire; digits: number }) {
  const flagged = new Set(glmm.glmm?.separation?.terms ?? []);
  return (
    <section className="side-by-side" data-testid="bayes-side-by-side">
      <h3>
        Beside the GLMM “{name}” <span className="muted small">(glmer, maximum likelihood)</span>
      </h3>
      <table className="result-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">glmer Estimate</th>
            <th scope="col">Std. Error</th>
            <th scope="col">brms Estimate</th>
            <th scope="col">Est.Error</th>
            <th scope="col">l-95% CI</th>
            <th scope="col">u-95% CI</th>
          </tr>
        </thead>
        <tbody>
          {glmm.fixed.map((f) => {
            const b = bayes.fixed.find((r) => r.label === brmsLabel(f.term));
            return (
              <tr key={f.term} data-term={f.term} className={flagged.has(f.term) ? 'flag-warn' : undefined}>
                <th scope="row">
                  <code>{f.term}</code>
                  {flagged.has(f.term) && <span className="tag warn">separated</span>}
                </th>
                <Num x={f.estimate} digits={digits} />
                <Num x={f.stdError} digits={digits} />
                <Num x={b?.Estimate} digits={digits} />
                <Num x={b?.['Est.Error']} digits={digits} />
                <Num x={b?.['l-95% CI']} digits={digits} />
                <Num x={b?.['u-95% CI']} digits={digits} />
              </tr>
            );
          })}
        </tbody>
      </table>
      {glmm.glmm?.separation && <p className="muted small">{glmm.glmm.separation.message}</p>}
    </section>
  );
}
