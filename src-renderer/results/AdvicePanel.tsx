/**
 * The advisor on the open lme4 fit (issue 20), offered where lme4's output leaves the question open:
 * a fit that warned about convergence gets the verdict of refits with other optimizers (as allFit), a
 * singular fit gets its degenerate terms and the simpler models side by side — do the conclusions
 * change? Runs model.advise when asked: a job whose optimizer runs spread over the workers, with its
 * progress and a Cancel.
 */
import type { Result } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { JobProgressLine, useJobRun } from '../inference/useJobRun';
import { fmtNum, fmtP } from '../../src-engine/shared';

type Advice = Result<'model.adviseResult'>;

const VERDICTS: Record<NonNullable<Advice['convergence']>['verdict'], string> = {
  benign: 'Benign',
  'over-parameterised': 'Over-parameterised',
  failed: 'Failed',
  'not-checked': 'Not checked',
};

function SingularTable({ s, digits }: { s: NonNullable<Advice['singular']>; digits: number }) {
  const models = [{ label: 'as fitted', formula: s.original.formula, logLik: s.original.logLik, aic: s.original.aic, singular: true, fixed: s.original.fixed, sameConclusions: true }, ...s.alternatives];
  const terms = s.original.fixed.map((f) => f.term);
  return (
    <>
      <ul className="small">
        {s.terms.map((t) => (
          <li key={`${t.group}:${t.parameter}`} data-testid="advice-degenerate">
            {t.detail}
          </li>
        ))}
      </ul>
      <table className="result-table compact" data-testid="advice-singular-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">logLik</th>
            <th scope="col">AIC</th>
            {terms.map((t) => (
              <th key={t} scope="col" title="estimate (p)">
                {t}
              </th>
            ))}
            <th scope="col">Same conclusions</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.formula} data-formula={m.formula}>
              <th scope="row" title={m.formula}>
                {m.label}
                {m.singular ? ' (singular)' : ''}
              </th>
              <td className="num" data-value={m.logLik}>{fmtNum(m.logLik, digits + 2)}</td>
              <td className="num" data-value={m.aic}>{fmtNum(m.aic, digits + 2)}</td>
              {terms.map((t) => {
                const f = m.fixed.find((x) => x.term === t);
                return (
                  <td key={t} className="num">
                    {f ? `${fmtNum(f.estimate, digits)} (${fmtP(f.pValue)})` : '—'}
                  </td>
                );
              })}
              <td>{m.sameConclusions ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="table-note">
        Same conclusions: every fixed effect on the same side of p = .05 as in the model as fitted. If all say yes, the singular fit does not change what you report.
      </p>
    </>
  );
}

export function AdvicePanel({ fitId, singular, warned, digits }: { fitId: number; singular: boolean; warned: boolean; digits: number }) {
  const wb = useWorkbench();
  const job = useJobRun<{ fitId: number; advice: Advice }>();
  if (!singular && !warned) return null;
  const run = () =>
    job.start(
      () => wb.api.model.advise({ fitId }),
      async (jobId) => ({ fitId, advice: await wb.api.model.adviseResult({ jobId }) }),
    );
  const busy = job.state.status === 'loading';
  const advice = job.state.result?.fitId === fitId ? job.state.result.advice : null;
  const error = job.state.status === 'error' ? job.state.error : null;
  return (
    <section className="result-block" data-testid="advice">
      <div className="block-head">
        <h3>Does it matter?</h3>
        <span className="row-actions">
          <JobProgressLine job={job} unit="optimizer runs" idle="Refitting…" testId="advise" />
          <button type="button" className="btn small" data-testid="advise-run" disabled={busy} onClick={run}>
            {singular ? 'Fit the simpler models' : 'Refit with other optimizers'}
          </button>
        </span>
      </div>
      {error && <p className="warn">{error}</p>}
      {advice?.convergence && (
        <div data-testid="advice-convergence" data-verdict={advice.convergence.verdict}>
          <p>
            <strong>{VERDICTS[advice.convergence.verdict]}.</strong> {advice.convergence.message}
          </p>
          <table className="result-table compact">
            <thead>
              <tr>
                <th scope="col">Optimizer</th>
                <th scope="col">logLik</th>
                <th scope="col">At the optimum</th>
              </tr>
            </thead>
            <tbody>
              {advice.convergence.optimizers.map((o) => (
                <tr key={o.optimizer}>
                  <th scope="row">{o.optimizer}</th>
                  <td className="num">{fmtNum(o.logLik, digits + 3)}</td>
                  <td>{o.atOptimum ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {advice?.singular && <SingularTable s={advice.singular} digits={digits} />}
      {advice && !advice.convergence && !advice.singular && <p className="small">Nothing to check: the refit is neither singular nor warning.</p>}
    </section>
  );
}
