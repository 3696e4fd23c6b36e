/**
 * Estimated marginal means of a fixed-effect factor with pairwise contrasts (emmeans-style, Tukey /
 * Holm / no adjustment), and the variance explained: ICC and Nakagawa's marginal/conditional R².
 */
import { useState } from 'react';
import type { ColumnInfo, EmmeansResult, R2Result } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { Num } from '../results/Num';
import { fixedFactors } from './fixedFactors';
import { DdfSelect, type Ddf, effectiveDdf } from './DdfSelect';
import { LevelSelect } from './LevelSelect';
import { useRun } from './useRun';
import { EmmeansResults } from './EmmeansResults';

const ADJUST = [
  { id: 'tukey', label: 'Tukey' },
  { id: 'holm', label: 'Holm' },
  { id: 'none', label: 'none' },
] as const;

type EmmeansProps = { fitId: number; formula: string; columns: readonly ColumnInfo[]; reml: boolean; digits: number; disabled: boolean };

export function EmmeansPanel({ fitId, formula, columns, reml, digits, disabled }: EmmeansProps) {
  const wb = useWorkbench();
  const factors = fixedFactors(formula, columns);
  const [picked, setFactor] = useState(factors[0] ?? '');
  const factor = factors.includes(picked) ? picked : (factors[0] ?? '');
  const [adjust, setAdjust] = useState<EmmeansResult['adjust']>('tukey');
  const [chosenDdf, setDdf] = useState<Ddf>('satterthwaite');
  const ddf = effectiveDdf(chosenDdf, reml);
  const [level, setLevel] = useState(0.95);
  const [pickedBy, setBy] = useState('');
  const byChoices = factors.filter((f) => f !== factor);
  const by = byChoices.includes(pickedBy) ? pickedBy : null; // emmeans' pairwise ~ factor | by
  const [state, run] = useRun<EmmeansResult>();
  if (factors.length === 0) return <p className="muted small" data-testid="emmeans-none">The model has no factor among its fixed effects, so there are no marginal means to compare.</p>;
  const r = state.result;
  return (
    <div data-testid="emmeans-panel">
      <div className="row-actions">
        <select aria-label="Factor" value={factor} onChange={(e) => setFactor(e.target.value)} data-testid="emmeans-factor">
          {factors.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        {byChoices.length > 0 && (
          <select aria-label="Compare within" value={by ?? ''} onChange={(e) => setBy(e.target.value)} data-testid="emmeans-by">
            <option value="">over all levels of the other factors</option>
            {byChoices.map((f) => (
              <option key={f} value={f}>
                within each level of {f}
              </option>
            ))}
          </select>
        )}
        <select aria-label="p-value adjustment" value={adjust} onChange={(e) => setAdjust(e.target.value as EmmeansResult['adjust'])}>
          {ADJUST.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === 'none' ? 'no adjustment' : `${a.label} adjustment`}
            </option>
          ))}
        </select>
        <DdfSelect chosen={chosenDdf} reml={reml} onChange={setDdf} testId="emmeans-ddf" />
        <LevelSelect level={level} onChange={setLevel} />
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading' || !factor} onClick={() => void run(() => wb.api.model.emmeans({ fitId, factor, by, adjust, ddf, level }))} data-testid="emmeans-run">
          Compute means
        </button>
        {state.status === 'loading' && <span className="muted small">Computing…</span>}
      </div>
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && <EmmeansResults r={r} formula={formula} digits={digits} />}
    </div>
  );
}

export function R2Panel({ fitId, digits, disabled }: { fitId: number; digits: number; disabled: boolean }) {
  const wb = useWorkbench();
  const [state, run] = useRun<R2Result>();
  const r = state.result;
  return (
    <div data-testid="r2-panel">
      <div className="row-actions">
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading'} onClick={() => void run(() => wb.api.model.r2({ fitId }))} data-testid="r2-run">
          Compute R² and ICC
        </button>
        {state.status === 'loading' && <span className="muted small">Computing…</span>}
      </div>
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && (
        <>
          <table className="result-table kv" data-testid="r2-table">
            <tbody>
              <tr>
                <th scope="row">Marginal R² (fixed effects)</th>
                <Num x={r.marginal} digits={Math.min(digits, 4)} />
              </tr>
              <tr>
                <th scope="row">Conditional R² (fixed + random)</th>
                <Num x={r.conditional} digits={Math.min(digits, 4)} />
              </tr>
              {(r.icc ?? []).map((g) => (
                <tr key={g.group}>
                  <th scope="row">ICC: {g.group}</th>
                  <Num x={g.icc} digits={Math.min(digits, 4)} />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-note">
            R² as Nakagawa &amp; Schielzeth (2013), with Johnson (2014) for random slopes.{' '}
            {r.icc ? 'ICC: the share of the total variance due to each grouping factor.' : 'The ICC is reported for random-intercept models only.'}
          </p>
        </>
      )}
    </div>
  );
}
