/**
 * brms's conditional_effects for the open Bayesian fit (issue 12): the posterior median of the mean
 * over a numeric predictor with its 95 % interval, a curve per level of a factor, on the response scale
 * (a probability for binomial and bernoulli models), from the stored draws. Drawn like the effect plot.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo, ConditionalEffectsShape } from '../../src-main/api/contract';
import { predictorColumns } from '../../src-engine/shared';
import { useWorkbench } from '../app/context';
import { FigureExport } from '../plots/FigureExport';
import { Plot } from '../plots/Plot';
import { effectFigure, EffectPickers, useEffectPicks } from '../plots/EffectPlot';

/** The right-hand side's columns (a brms left side such as `y | trials(n)` is not an lme4 one). */
function rhsColumns(formula: string): string[] {
  const t = formula.indexOf('~');
  try {
    return [...predictorColumns(`y ${formula.slice(t)}`).columns];
  } catch {
    return [];
  }
}

export function BayesEffects({ bayesId, formula, columns }: { bayesId: number; formula: string; columns: readonly ColumnInfo[] }) {
  const wb = useWorkbench();
  const vars = useMemo(() => rhsColumns(formula), [formula]);
  const picks = useEffectPicks(vars, columns);
  const { x, by } = picks;
  const key = `${bayesId}/${x}/${by ?? ''}`;
  const [state, setState] = useState<{ key: string; e: ConditionalEffectsShape | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!x) return;
    let live = true;
    wb.api.bayes.conditionalEffects({ bayesId, x, by }).then(
      (e) => live && setState({ key, e, error: null }),
      (err: unknown) => live && setState({ key, e: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [wb, bayesId, x, by, key]);
  const current = state?.key === key ? state : null;
  const figure = useMemo(() => (current?.e ? effectFigure(current.e) : null), [current]);
  if (!x) return <p className="muted small" data-testid="bayes-effects-none">The model has no numeric predictor to draw conditional effects over.</p>;
  return (
    <section className="bayes-plots" data-testid="bayes-effects">
      <div className="row-actions">
        <strong className="small">Conditional effects</strong>
        <EffectPickers picks={picks} label="of" ariaLabel="Conditional effect of" testId="bayes-effects" />
        {figure && <FigureExport figure={figure} name={`conditional effect of ${x}`} />}
      </div>
      {!current && <p className="muted small">Evaluating the draws…</p>}
      {current?.error && <div className="banner warning">{current.error}</div>}
      {figure && <Plot data={figure.data} layout={figure.layout} testId="bayes-effects-plot" height={340} />}
      {current?.e && (
        <p className="muted small" data-testid="bayes-effects-note">
          Posterior median of the mean with its 95 % interval, random effects left out (brms&apos;s conditional_effects with re_formula = NA)
          {current.e.held.length ? `; ${current.e.held.join(', ')}` : ''}.
        </p>
      )}
    </section>
  );
}
