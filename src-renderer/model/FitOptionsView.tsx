/** Estimation options: REML or ML, the denominator-df method, and the ANOVA type. */
import { useWb, useWorkbench } from '../app/context';
import type { FitOptions } from '../app/state';

const DDF: { value: FitOptions['ddf']; label: string; hint: string }[] = [
  { value: 'satterthwaite', label: 'Satterthwaite', hint: "lmerTest's default" },
  { value: 'kenward-roger', label: 'Kenward–Roger', hint: 'better for small samples; slower (REML only)' },
  { value: 'none', label: 'None', hint: 'no df or p-values, as lme4 prints' },
];

export function FitOptionsView() {
  const wb = useWorkbench();
  const o = useWb((s) => s.options);
  return (
    <div className="fit-options">
      <div className="opt">
        <span className="section-label">Estimation</span>
        <div className="segmented" role="radiogroup" aria-label="Estimation method">
          {[true, false].map((reml) => (
            <button
              key={String(reml)}
              type="button"
              role="radio"
              aria-checked={o.reml === reml}
              className={o.reml === reml ? 'on' : ''}
              onClick={() => wb.setOptions({ reml, ...(reml ? {} : o.ddf === 'kenward-roger' ? { ddf: 'satterthwaite' } : {}) })}
              title={reml ? 'Restricted maximum likelihood: unbiased variances (default)' : 'Maximum likelihood: needed to compare fixed effects by LRT'}
            >
              {reml ? 'REML' : 'ML'}
            </button>
          ))}
        </div>
      </div>
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
    </div>
  );
}
