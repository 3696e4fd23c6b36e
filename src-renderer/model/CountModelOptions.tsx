/**
 * The zero-inflation (or hurdle) and dispersion formulas of a count model, each a text box that
 * follows the same grammar as the main formula (oneSidedFormula.ts) with the dataset's columns to
 * pick as terms, and a line saying what the part models. glmer's options (link, nAGQ, REML, df) do
 * not apply to glmmTMB's fits; the note says so instead of showing them.
 */
import { useWb, useWorkbench } from '../app/context';
import { activeDataset } from '../app/state';
import { allowsZeroInflation, familyOf, hasDispersion, isTruncated, offersChooser, TMB_GAUSSIAN, tmbLink, withCountFormula } from './families';
import { addTerm, parseOneSided, removeTerm } from './oneSidedFormula';
import { CountChooser } from './CountChooser';

type Part = 'ziformula' | 'dispformula';

function PartBox({ part, label, explain, placeholder }: { part: Part; label: string; explain: string; placeholder: string }) {
  const wb = useWorkbench();
  const o = useWb((s) => s.options);
  const response = useWb((s) => s.builder.response.replace(/^`|`$/g, ''));
  const columns = useWb((s) => activeDataset(s)?.columns ?? []);
  const text = o.tmb?.[part] ?? '';
  // glmmTMB takes random effects in the zero-inflation formula, not in the dispersion formula
  const opts = { random: part === 'ziformula' };
  const parsed = parseOneSided(text, opts);
  const set = (t: string) => wb.setOptions(withCountFormula(o, part, t));
  const id = `count-${part}`;
  return (
    <div className="opt count-part" data-testid={`count-${part}-box`}>
      <label className="section-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} data-testid={id} className="nlme-text" spellCheck={false} value={text} placeholder={placeholder} onChange={(e) => set(e.target.value)} />
      {parsed && 'error' in parsed && (
        <p className="warn small" role="alert" data-testid={`${id}-issue`}>
          {parsed.error}
        </p>
      )}
      {parsed && !('error' in parsed) && parsed.terms.length > 0 && (
        <ul className="chips">
          {parsed.terms.map((t) => (
            <li key={t} className="chip">
              <code>{t}</code>
              <button type="button" aria-label={`Remove ${t} from the ${label.toLowerCase()}`} onClick={() => set(removeTerm(text, t, opts))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <select aria-label={`Add a term to the ${label.toLowerCase()}`} data-testid={`${id}-add`} value="" onChange={(e) => e.target.value && set(e.target.value === '~ 1' ? '~ 1' : addTerm(text, e.target.value, opts))}>
        <option value="">Add a term…</option>
        <option value="~ 1">intercept only (~ 1)</option>
        {columns
          .filter((c) => c.name !== response)
          .map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
      </select>
      <p className="muted small">{explain}</p>
    </div>
  );
}

export function CountModelOptions() {
  const o = useWb((s) => s.options);
  const family = familyOf(o);
  const hurdle = isTruncated(family);
  const gaussian = family === TMB_GAUSSIAN;
  // glmmTMB's gaussian without a dispersion formula is lmer's model, and fitted as lmer (tmbSpec.ts)
  const asLmer = gaussian && !o.tmb?.dispformula;
  return (
    <div className="count-options" data-testid="count-options">
      {allowsZeroInflation(family) ? (
        <PartBox
          part="ziformula"
          label={hurdle ? 'Zero (hurdle) formula' : 'Zero-inflation formula'}
          placeholder="empty: none; ~ 1, ~ spp or ~ 1 + (1 | site)"
          explain={
            hurdle
              ? 'Hurdle model: this formula gives the probability of a zero (logit); counts above zero follow the zero-truncated family.'
              : 'Extra zeros: the probability of a structural zero (logit) on top of the count distribution’s own zeros (glmmTMB ziformula).'
          }
        />
      ) : (
        <p className="muted small" data-testid="count-no-zi">
          Zero inflation is available with the Poisson, negative binomial, generalized Poisson, beta-binomial and Tweedie families so far.
        </p>
      )}
      {hasDispersion(family) ? (
        gaussian ? (
          <PartBox part="dispformula" label="Dispersion formula" placeholder="~ group" explain="log σ² (the residual variance) as a function of these terms (glmmTMB dispformula); empty is lmer’s one residual variance." />
        ) : (
          <PartBox part="dispformula" label="Dispersion formula" placeholder="empty: one φ; ~ mined" explain="log φ as a function of these terms (glmmTMB dispformula); empty is one dispersion parameter." />
        )
      ) : (
        <p className="muted small" data-testid="count-no-dispersion">
          A Poisson distribution has no dispersion parameter, so there is no dispersion formula; choose a negative binomial family for overdispersed counts.
        </p>
      )}
      {o.tmb && !asLmer && (
        <p className="muted small" data-testid="count-engine-note">
          Fitted as glmmTMB does: maximum likelihood with the Laplace approximation, {tmbLink(family)} link, Wald z tests. REML, the df method, nAGQ and other links do not
          apply to these models.
        </p>
      )}
      {offersChooser(family) && <CountChooser />}
    </div>
  );
}
