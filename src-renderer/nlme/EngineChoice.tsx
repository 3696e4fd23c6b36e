/**
 * lme4 (lmer/glmer) or nlme (gls/lme). Switching carries the random part across: lme4's single
 * random term (1 | a/b) becomes nlme's ~ 1 | a/b and back, so the model stays the same model.
 */
import { useWb, useWorkbench } from '../app/context';
import { composeRandom, parseRandom } from './nlmeTerms';

export function EngineChoice() {
  const wb = useWorkbench();
  const nlme = useWb((s) => s.options.nlme);
  const builder = useWb((s) => s.builder);

  const toNlme = () => {
    const r = builder.random.length === 1 ? builder.random[0] : null;
    const random = r ? composeRandom({ slopes: r.slopes, groups: [...r.nestedIn, r.group] }) : '';
    wb.setOptions({ nlme: random ? { random } : {}, family: 'gaussian', link: undefined, nAGQ: 1, tmb: undefined });
    if (r) wb.setBuilder({ ...builder, random: [] });
  };
  const toLme4 = () => {
    const r = nlme?.random ? parseRandom(nlme.random) : null;
    wb.setOptions({ nlme: undefined });
    if (r) wb.setBuilder({ ...builder, random: [{ group: r.groups[r.groups.length - 1], nestedIn: r.groups.slice(0, -1), intercept: true, slopes: r.slopes, correlated: true }] });
  };

  return (
    <div className="opt engine-choice">
      <label className="section-label" htmlFor="engine-select">
        Engine
      </label>
      <select id="engine-select" data-testid="engine-select" value={nlme ? 'nlme' : 'lme4'} onChange={(e) => (e.target.value === 'nlme' ? toNlme() : toLme4())}>
        <option value="lme4" title="lmer / glmer">
          lme4 (lmer/glmer)
        </option>
        <option value="nlme" title="gls / lme with variance functions and correlation structures">
          nlme (gls/lme)
        </option>
      </select>
    </div>
  );
}
