/**
 * Confidence intervals for a stored fit, as lme4's confint(m, method = …): Wald (fixed effects only),
 * profile likelihood, or a seeded parametric bootstrap that shows its progress and can be cancelled.
 */
import { useState } from 'react';
import type { ConfintResult } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { Num } from '../results/Num';
import { TableHeading } from '../results/TableActions';
import { LevelSelect, pct } from './LevelSelect';
import { JobProgressLine, useJobRun } from './useJobRun';

type Method = ConfintResult['method'];

const METHODS: { id: Method; label: string }[] = [
  { id: 'profile', label: 'Profile likelihood' },
  { id: 'wald', label: 'Wald' },
  { id: 'boot', label: 'Parametric bootstrap' },
];

export function ConfintPanel({ fitId, digits, disabled, reml = false }: { fitId: number; digits: number; disabled: boolean; reml?: boolean }) {
  const wb = useWorkbench();
  const [method, setMethod] = useState<Method>('profile');
  const [level, setLevel] = useState(0.95);
  const [nsim, setNsim] = useState(500);
  const [seed, setSeed] = useState(1);
  const job = useJobRun<ConfintResult>();
  const { state } = job;
  const compute = () =>
    job.start(
      () => wb.api.model.confint({ fitId, method, level, ...(method === 'boot' ? { nsim, seed } : {}) }),
      (jobId) => wb.api.model.confintResult({ jobId }),
    );

  const r = state.result;
  const mlCentre = reml && r?.method === 'profile';
  const a = r ? (1 - r.level) / 2 : 0;
  const validBoot = Number.isInteger(nsim) && nsim >= 10 && nsim <= 100_000 && Number.isInteger(seed) && seed >= 0;
  return (
    <div data-testid="confint-panel">
      <div className="row-actions">
        <select aria-label="Interval method" value={method} onChange={(e) => setMethod(e.target.value as Method)} data-testid="confint-method">
          {METHODS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <LevelSelect level={level} onChange={setLevel} />
        {method === 'boot' && (
          <>
            <label className="small">
              Simulations{' '}
              <input type="number" min={10} max={100000} step={100} value={nsim} onChange={(e) => setNsim(Number(e.target.value))} style={{ width: '6em' }} data-testid="confint-nsim" />
            </label>
            <label className="small">
              Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} style={{ width: '5em' }} data-testid="confint-seed" />
            </label>
          </>
        )}
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading' || (method === 'boot' && !validBoot)} onClick={compute} data-testid="confint-run">
          Compute intervals
        </button>
        <JobProgressLine job={job} unit={method === 'boot' ? 'simulations' : 'parameters'} idle="Computing…" testId="confint" cancellable={method !== 'wald'} />
      </div>
      {method === 'boot' && state.status !== 'loading' && <p className="table-note">Each simulation refits the model; 500 take a few seconds for a small model and minutes for a large one.</p>}
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && (
        <>
          <TableHeading title={`${pct(r.level)} confidence intervals`} source={{ kind: 'confint', confint: { method: r.method, level: r.level, nsim: r.nsim, seed: r.seed, rows: r.rows } }} name="confint" />
          <table className="result-table" data-testid="confint-table">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                {/* lme4 profiles the ML deviance (refitML), so a REML fit's profile is centred on the ML estimates */}
                <th scope="col">{mlCentre ? 'ML estimate' : 'Estimate'}</th>
                <th scope="col">{pct(a)}</th>
                <th scope="col">{pct(1 - a)}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr key={row.term} data-term={row.term}>
                  <th scope="row">
                    <code>{row.term}</code>
                  </th>
                  <Num x={row.estimate} digits={digits} />
                  <Num x={row.lower} digits={digits} />
                  <Num x={row.upper} digits={digits} />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-note">
            {r.method === 'wald' && 'Wald intervals (estimate ± z·SE) exist for the fixed effects only, as in lme4. '}
            {r.method === 'profile' && 'Profile-likelihood intervals, as lme4 confint(m). '}
            {mlCentre && 'lme4 profiles the ML deviance, so the intervals are centred on the ML estimates shown here, not on the REML estimates of the results. '}
            {r.messages.join(' ')}
          </p>
        </>
      )}
    </div>
  );
}
