/**
 * Estimation options: the family (Gaussian with the identity link = lmer; the rest = glmer) with its links and
 * nAGQ (the link for every family: gaussian with a log or inverse link is a glmer fit); for linear mixed models REML or ML, the denominator-df method and the ANOVA type. Only the
 * options that apply to the chosen family are shown, so a fit never uses a setting the user cannot see. The count
 * families beyond glmer's Poisson are glmmTMB's: their zero-inflation and dispersion formulas replace glmer's options.
 */
import { useWb, useWorkbench } from '../app/context';
import type { FitOptions } from '../app/state';
import { useBayes } from '../bayes/bayesBench';
import { BayesOptionsView, EstimationChoice } from '../bayes/BayesOptionsView';
import { CountModelOptions } from './CountModelOptions';
import { chooseFamily, FAMILY_GROUPS, familyOf, isCountFamily } from './families';

const DDF: { value: FitOptions['ddf']; label: string; hint: string }[] = [
  { value: 'satterthwaite', label: 'Satterthwaite', hint: "lmerTest's default" },
  { value: 'kenward-roger', label: 'Kenward–Roger', hint: 'better for small samples; slower (REML only)' },
  { value: 'none', label: 'None', hint: 'no df or p-values, as lme4 prints' },
];

/** glmer's links per family, the default first. */
export const LINKS: Record<FitOptions['family'], NonNullable<FitOptions['link']>[]> = {
  gaussian: ['identity', 'log', 'inverse'],
  binomial: ['logit', 'probit', 'cloglog', 'cauchit'],
  poisson: ['log', 'sqrt', 'identity'],
  Gamma: ['inverse', 'log', 'identity'],
  'inverse.gaussian': ['1/mu^2', 'log', 'inverse', 'identity'],
};

const NAGQ: { value: number; label: string }[] = [
  { value: 1, label: 'Laplace (default)' },
  { value: 0, label: 'Fast (nAGQ = 0)' },
  { value: 10, label: 'Quadrature, 10 points' },
  { value: 25, label: 'Quadrature, 25 points' },
];

export function FitOptionsView() {
  const wb = useWorkbench();
  const o = useWb((s) => s.options);
  const glmm = o.family !== 'gaussian' || (o.link !== undefined && o.link !== 'identity');
  const bayesian = useBayes((s) => s.enabled);
  const family = familyOf(o);
  if (bayesian) return <BayesOptionsView />;
  return (
    <div className="fit-options">
      <div className="opt">
        <label className="section-label" htmlFor="family-select">
          Family
        </label>
        <select
          id="family-select"
          data-testid="family-select"
          value={family}
          onChange={(e) => wb.setOptions(chooseFamily(o, e.target.value as typeof family))}
        >
          {FAMILY_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.families.map((f) => (
                <option key={f.value} value={f.value} title={f.hint}>
                  {f.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {isCountFamily(family) && <CountModelOptions />}
      {!o.tmb && (
        <div className="opt">
          <label className="section-label" htmlFor="link-select">
            Link
          </label>
          <select id="link-select" data-testid="link-select" value={o.link ?? LINKS[o.family][0]} onChange={(e) => wb.setOptions({ link: e.target.value as FitOptions['link'], nAGQ: 1 })}>
            {LINKS[o.family].map((l, i) => (
              <option key={l} value={l}>
                {l}
                {i === 0 ? (o.family === 'gaussian' ? ' (default: lmer)' : ' (default)') : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {glmm && !o.tmb && (
        <>
          <EstimationChoice reml={o.reml} gaussian={false} />
          <div className="opt">
            <label className="section-label" htmlFor="nagq-select">
              Likelihood
            </label>
            <select id="nagq-select" data-testid="nagq-select" value={o.nAGQ} onChange={(e) => wb.setOptions({ nAGQ: Number(e.target.value) })} title="Quadrature (nAGQ > 1) needs a single random intercept, as in lme4">
              {NAGQ.map((q) => (
                <option key={q.value} value={q.value}>
                  {q.label}
                </option>
              ))}
            </select>
          </div>
          <p className="muted small">
            Fixed effects get Wald {o.family === 'binomial' || o.family === 'poisson' ? 'z' : 't'} tests and a Wald χ² table, as glmer and car::Anova give them.
            {o.family !== 'binomial' && o.family !== 'poisson' ? ' The scale is not in the Laplace objective (as in glmer): see the GLMM guide.' : ''}
          </p>
        </>
      )}
      {!glmm && (
        <>
          <EstimationChoice reml={o.reml} gaussian />
          <div className="opt">
            <label className="section-label" htmlFor="ddf-select">
              df method
            </label>
            <select id="ddf-select" value={o.ddf} onChange={(e) => wb.setOptions({ ddf: e.target.value as FitOptions['ddf'] })}>
              {DDF.map((d) => (
                <option key={d.value} value={d.value} disabled={d.value === 'kenward-roger' && !o.reml} title={d.hint}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div className="opt">
            <label className="section-label" htmlFor="anova-select">
              ANOVA
            </label>
            <select id="anova-select" value={o.anovaType} onChange={(e) => wb.setOptions({ anovaType: Number(e.target.value) as 1 | 2 | 3 })}>
              <option value={3}>Type III</option>
              <option value={2}>Type II</option>
              <option value={1}>Type I</option>
            </select>
          </div>
        </>
      )}
    </div>
  );
}
