/**
 * Zuur's variance-structure step (ch. 4) beside the weights picker: with the fixed effects, random
 * part and correlation of the builder, fit the homogeneous model and each candidate variance
 * function by REML (nlme.varianceStep, one worker job), show df, logLik, AIC, ΔAIC and the
 * likelihood ratio against the homogeneous model, the Pearson residuals against the fitted values of
 * the row picked, and use the chosen function in the model.
 */
import { useState } from 'react';
import type { VarianceStepResult } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { useRun } from '../inference/useRun';
import { Plot } from '../plots/Plot';
import { spreadFigure } from './nlmePlots';
import { VarianceStepTable } from './VarianceStepTable';

const mentions = (formula: string, name: string) => new RegExp(`(^|[^A-Za-z0-9._])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9._]|$)`).test(formula);

export function VarianceStepPanel({ factors, numeric, onUse }: { factors: string[]; numeric: string[]; onUse: (weights: string | null) => void }) {
  const wb = useWorkbench();
  const datasetId = useWb((s) => s.activeDatasetId);
  const formula = useWb((s) => s.formulaText);
  const nlme = useWb((s) => s.options.nlme) ?? {};
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const [lhs, rhs = ''] = formula.split('~');
  const response = lhs.trim().replace(/^`|`$/g, '');
  const [groups, setGroups] = useState<string[]>(() => factors.filter((f) => mentions(rhs, f)));
  const covariateChoices = numeric.filter((v) => v !== response);
  const [covariates, setCovariates] = useState<string[]>(() => covariateChoices.filter((v) => mentions(rhs, v)));
  const [state, run] = useRun<VarianceStepResult>();
  const [shown, setShown] = useState<number>(0);
  const result = state.result;

  const start = () => {
    if (datasetId === null) return;
    const { random, correlation } = nlme;
    setShown(0);
    void run(() =>
      wb.api.nlme.varianceStep({
        datasetId,
        spec: { formula, reml: true, nlme: { ...(random ? { random } : {}), ...(correlation ? { correlation } : {}) } },
        groups,
        covariates,
      }),
    );
  };
  const toggle = (list: string[], set: (l: string[]) => void, v: string, on: boolean) => set(on ? [...list, v] : list.filter((x) => x !== v));
  const row = result?.rows[shown] ?? null;

  return (
    <div className="variance-step" data-testid="variance-step">
      <p className="muted small">
        Candidates: varIdent per grouping factor; varFixed, varPower, varExp and varConstPower per covariate; varPower of the fitted values. All by REML with the same fixed
        effects, so their AICs compare (Zuur et al. 2009, §4.1).
      </p>
      <div className="variance-step-picks">
        <fieldset>
          <legend className="small">Grouping factors</legend>
          {factors.map((f) => (
            <label key={f} className="check small">
              <input type="checkbox" checked={groups.includes(f)} onChange={(e) => toggle(groups, setGroups, f, e.target.checked)} /> {f}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="small">Covariates</legend>
          {covariateChoices.map((v) => (
            <label key={v} className="check small">
              <input type="checkbox" checked={covariates.includes(v)} onChange={(e) => toggle(covariates, setCovariates, v, e.target.checked)} /> {v}
            </label>
          ))}
        </fieldset>
      </div>
      <button type="button" className="btn small" data-testid="variance-step-run" disabled={state.status === 'loading' || !formula.includes('~')} onClick={start}>
        {state.status === 'loading' ? 'Fitting the candidates…' : 'Fit the candidates'}
      </button>
      {state.error && <p className="error small">{state.error}</p>}
      {result && (
        <>
          <VarianceStepTable result={result} digits={digits} onShow={setShown} onUse={onUse} />
          {result.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
          {row?.spread && <Plot {...spreadFigure(row.spread, row.weights ?? 'constant variance')} testId="variance-step-spread" />}
        </>
      )}
    </div>
  );
}
