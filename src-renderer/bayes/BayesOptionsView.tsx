/**
 * The model builder's options when "Bayesian" is chosen: brms's family and the sampler settings under
 * brms's names (chains, iter, warmup, seed, adapt_delta, max_treedepth). The priors are edited in the
 * Bayesian tab, where get_prior()'s table is shown before fitting.
 */
import type { BayesFamily } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { RadioGroup } from '../app/RadioGroup';
import { useBayes } from './bayesBench';
import { effectiveFamily, type SamplerSettings } from './bayesState';

const FAMILIES: { value: BayesFamily; label: string }[] = [
  { value: 'gaussian', label: 'Gaussian' },
  { value: 'bernoulli', label: 'Bernoulli (0/1)' },
  { value: 'binomial', label: 'Binomial (successes of trials)' },
  { value: 'poisson', label: 'Poisson (counts)' },
  { value: 'negbinomial', label: 'Negative binomial (overdispersed counts)' },
];

/** REML | ML | Bayesian (Gaussian), or Likelihood | Bayesian (other families): how the model is estimated. */
export function EstimationChoice({ reml, gaussian }: { reml: boolean; gaussian: boolean }) {
  const wb = useWorkbench();
  const enabled = useBayes((s) => s.enabled);
  const choices: { id: string; label: string; title: string; on: boolean; pick: () => void }[] = [
    ...(gaussian
      ? [
          { id: 'reml', label: 'REML', title: 'Restricted maximum likelihood: unbiased variances (default)', on: !enabled && reml, pick: () => wb.setOptions({ reml: true }) },
          { id: 'ml', label: 'ML', title: 'Maximum likelihood: needed to compare fixed effects by LRT', on: !enabled && !reml, pick: () => wb.setOptions({ reml: false, ...(wb.store.get().options.ddf === 'kenward-roger' ? { ddf: 'satterthwaite' as const } : {}) }) },
        ]
      : [{ id: 'ml', label: 'Likelihood', title: 'Maximum likelihood, as glmer', on: !enabled, pick: () => undefined }]),
    { id: 'bayes', label: 'Bayesian', title: "Posterior by NUTS with brms's model and priors", on: enabled, pick: () => undefined },
  ];
  return (
    <div className="opt">
      <span className="section-label">Estimation</span>
      <RadioGroup
        label="Estimation method"
        options={choices.map((c) => ({ value: c.id, label: c.label, title: c.title, testId: `estimation-${c.id}` }))}
        value={choices.find((c) => c.on)?.id}
        onChange={(id) => {
          if (id === 'bayes') {
            if (!enabled) wb.bayes.setEnabled(true);
            return;
          }
          if (enabled) wb.bayes.setEnabled(false);
          choices.find((c) => c.id === id)?.pick();
        }}
      />
    </div>
  );
}

function NumberField({ id, label, value, onChange, step, min, max, title, placeholder }: { id: string; label: string; value: number | null; onChange: (v: number | null) => void; step?: number; min?: number; max?: number; title: string; placeholder?: string }) {
  return (
    <label className="bayes-field" title={title} htmlFor={`bayes-${id}`}>
      <span className="small">{label}</span>
      <input
        id={`bayes-${id}`}
        data-testid={`bayes-${id}`}
        type="number"
        value={value ?? ''}
        placeholder={placeholder}
        step={step ?? 1}
        min={min}
        max={max}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    </label>
  );
}

export function BayesOptionsView() {
  const wb = useWorkbench();
  const family = useBayes((s) => s.family);
  const sampler = useBayes((s) => s.sampler);
  const formula = useWb((s) => s.formulaText);
  const reml = useWb((s) => s.options.reml);
  const used = effectiveFamily(family, formula);
  const set = (k: keyof SamplerSettings) => (v: number | null) => {
    if (k === 'warmup') wb.bayes.setSampler({ warmup: v });
    else if (v != null && Number.isFinite(v)) wb.bayes.setSampler({ [k]: v });
  };
  return (
    <div className="fit-options bayes-options" data-testid="bayes-options">
      <EstimationChoice reml={reml} gaussian={family === 'gaussian'} />
      <div className="opt">
        <label className="section-label" htmlFor="bayes-family-select">
          Family
        </label>
        <select id="bayes-family-select" data-testid="bayes-family-select" value={family} onChange={(e) => wb.bayes.setFamily(e.target.value as BayesFamily)}>
          {FAMILIES.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {used !== family && (
        <p className="muted small" data-testid="bayes-family-note">
          The response {used === 'binomial' ? 'gives trials' : 'has no trials'}, so brms's <code>{used}</code> family is used.
        </p>
      )}
      <div className="bayes-sampler">
        <NumberField id="chains" label="chains" value={sampler.chains} min={1} max={64} onChange={set('chains')} title="Markov chains, run in parallel on the engine workers (brms: 4)" />
        <NumberField id="iter" label="iter" value={sampler.iter} min={2} onChange={set('iter')} title="Iterations per chain, warm-up included (brms: 2000)" />
        <NumberField id="warmup" label="warmup" value={sampler.warmup} min={0} placeholder={String(Math.floor(sampler.iter / 2))} onChange={set('warmup')} title="Warm-up iterations per chain (brms: iter / 2); at least 150 for the metric to adapt" />
        <NumberField id="seed" label="seed" value={sampler.seed} min={0} onChange={set('seed')} title="The same seed gives the same draws, bit for bit" />
        <NumberField id="adapt-delta" label="adapt_delta" value={sampler.adaptDelta} step={0.01} min={0.5} max={0.999} onChange={set('adaptDelta')} title="Target acceptance of the step-size adaptation (0.8); 0.95–0.99 against divergent transitions" />
        <NumberField id="max-treedepth" label="max_treedepth" value={sampler.maxTreedepth} min={1} max={20} onChange={set('maxTreedepth')} title="Maximum NUTS tree depth (10)" />
      </div>
      <button type="button" className="link-btn small" data-testid="open-priors" onClick={() => wb.setTab('bayes')}>
        Priors (get_prior) and results…
      </button>
    </div>
  );
}
