/**
 * The lmerTest extras for the open fit, one at a time behind small tabs: confidence intervals,
 * random-effect tests, backward elimination, marginal means, R² and ICC, contrasts (contest), and predictions for typed rows. Each is computed on request
 * (refitting the model in a worker) and only while the fit still matches its data.
 */
import { useState } from 'react';
import type { FitSummary } from '../../src-main/api/contract';
import { useWb } from '../app/context';
import { ConfintPanel } from './ConfintPanel';
import { ContrastsPanel } from './ContrastsPanel';
import { EmmeansPanel, R2Panel } from './MeansR2';
import { RanovaPanel, StepPanel } from './RanovaStep';
import { PredictPanel } from './PredictPanel';

const TABS = [
  { id: 'confint', label: 'Confidence intervals' },
  { id: 'ranova', label: 'Random-effect tests' },
  { id: 'step', label: 'Model selection (step)' },
  { id: 'emmeans', label: 'Marginal means' },
  { id: 'r2', label: 'R² and ICC' },
  { id: 'contest', label: 'Contrasts' },
  { id: 'predict', label: 'Predict' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function InferencePanel({ summary, formula, coefficients, digits }: { summary: FitSummary; formula: string; coefficients: readonly string[]; digits: number }) {
  const [tab, setTab] = useState<TabId>('confint');
  const columns = useWb((s) => s.datasets.find((d) => d.id === summary.datasetId)?.columns ?? null);
  const disabled = summary.dataChanged || summary.datasetId === null;
  const props = { fitId: summary.id, digits, disabled };
  // a GLMM has intervals and marginal means; lmerTest's ranova/step, R² and contest are for LMMs
  const glmm = summary.spec.family !== 'gaussian' || (summary.spec.link ?? 'identity') !== 'identity';
  const tabs = glmm ? TABS.filter((t) => t.id === 'confint' || t.id === 'emmeans' || t.id === 'predict') : TABS;
  return (
    <section className="result-block inference" data-testid="inference">
      <div className="block-head">
        <h3>Inference</h3>
      </div>
      <nav className="subtabs" aria-label="Inference">
        {tabs.map((t) => (
          <button key={t.id} type="button" className={tab === t.id ? 'on' : ''} aria-pressed={tab === t.id} data-testid={`inference-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      {disabled && <p className="muted small">The data have changed since this fit, so these need the model fitted again.</p>}
      {glmm && (
        <p className="muted small" data-testid="inference-glmm-note">
          For a GLMM: Wald, profile and bootstrap intervals, marginal means on the response scale with odds or rate ratios, and predictions. Random-effect tests, step, R² and
          contrast tests are not available for GLMMs yet; compare models in the history instead.
        </p>
      )}
      {/* Panels stay mounted so a computed result survives switching between them. */}
      <div hidden={tab !== 'confint'}>
        <ConfintPanel {...props} reml={summary.spec.reml && !glmm} />
      </div>
      <div hidden={tab !== 'ranova'}>
        <RanovaPanel {...props} />
      </div>
      <div hidden={tab !== 'step'}>
        <StepPanel {...props} reml={summary.spec.reml} />
      </div>
      <div hidden={tab !== 'emmeans'}>
        <EmmeansPanel {...props} formula={formula} columns={columns ?? []} reml={summary.spec.reml} />
      </div>
      <div hidden={tab !== 'r2'}>
        <R2Panel {...props} />
      </div>
      <div hidden={tab !== 'contest'}>
        <ContrastsPanel {...props} coefficients={coefficients} reml={summary.spec.reml} />
      </div>
      <div hidden={tab !== 'predict'}>
        <PredictPanel {...props} formula={formula} columns={columns ?? []} glmm={glmm} />
      </div>
    </section>
  );
}
