/**
 * The prior table as brms's get_prior() prints it, for the builder's model, before fitting — with
 * the user's priors applied and marked "user" — and an editor to add priors by class, coefficient
 * and group (normal, student_t, cauchy, exponential, gamma, lkj) with bounds on b and Intercept.
 * A separated design with the flat default on b is flagged, with normal(0, 2.5) on b one click away.
 */
import { useEffect, useMemo, useState } from 'react';
import type { UserPriorWire } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { useBayes } from './bayesBench';
import { PriorTable } from './PriorTable';
import { familiesFor, PRIOR_PARAMS, priorText, type PriorFamily } from './priorText';

function describe(p: UserPriorWire): string {
  const where = [p.coef ? `coef ${p.coef}` : '', p.group ? `group ${p.group}` : ''].filter(Boolean).join(', ');
  const bounds = [p.lb != null ? `lb = ${p.lb}` : '', p.ub != null ? `ub = ${p.ub}` : ''].filter(Boolean).join(', ');
  return `${p.prior} on ${p.class}${where ? ` (${where})` : ''}${bounds ? `, ${bounds}` : ''}`;
}

function AddPrior({ classes, rows, onAdd }: { classes: string[]; rows: { class: string; coef: string; group: string }[]; onAdd: (p: UserPriorWire) => void }) {
  const [cls, setCls] = useState(classes[0] ?? 'b');
  const [target, setTarget] = useState('');
  const families = familiesFor(cls);
  const [family, setFamily] = useState<PriorFamily>(families[0]);
  const [values, setValues] = useState<string[]>(PRIOR_PARAMS[families[0]].map((p) => String(p.initial)));
  const [lb, setLb] = useState('');
  const [ub, setUb] = useState('');
  // coefficient/group targets of this class, as get_prior() lists them
  const targets = rows.filter((r) => r.class === cls && (r.coef !== '' || r.group !== '')).map((r) => `${r.group}\u0000${r.coef}`);
  const pickClass = (c: string) => {
    setCls(c);
    setTarget('');
    const f = familiesFor(c)[0];
    setFamily(f);
    setValues(PRIOR_PARAMS[f].map((p) => String(p.initial)));
  };
  const pickFamily = (f: PriorFamily) => {
    setFamily(f);
    setValues(PRIOR_PARAMS[f].map((p) => String(p.initial)));
  };
  const nums = values.map(Number);
  // brms bounds a whole class (b or Intercept), never one coefficient
  const bounded = (cls === 'b' || cls === 'Intercept') && target === '';
  const valid = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v))) && [lb, ub].every((v) => v.trim() === '' || Number.isFinite(Number(v)));
  return (
    <form
      className="prior-add"
      data-testid="prior-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const [group, coef] = target ? target.split('\u0000') : ['', ''];
        onAdd({
          prior: priorText(family, nums),
          class: cls,
          ...(coef ? { coef } : {}),
          ...(group ? { group } : {}),
          ...(bounded && lb.trim() !== '' ? { lb: Number(lb) } : {}),
          ...(bounded && ub.trim() !== '' ? { ub: Number(ub) } : {}),
        });
      }}
    >
      <label className="small">
        class{' '}
        <select data-testid="prior-class" value={cls} onChange={(e) => pickClass(e.target.value)}>
          {classes.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="small">
        coef / group{' '}
        <select data-testid="prior-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">(the whole class)</option>
          {targets.map((t) => {
            const [g, c] = t.split('\u0000');
            return (
              <option key={t} value={t}>
                {[g && `group ${g}`, c && `coef ${c}`].filter(Boolean).join(', ')}
              </option>
            );
          })}
        </select>
      </label>
      <label className="small">
        distribution{' '}
        <select data-testid="prior-family" value={family} onChange={(e) => pickFamily(e.target.value as PriorFamily)}>
          {families.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      {PRIOR_PARAMS[family].map((p, i) => (
        <label key={p.name} className="small">
          {p.name}{' '}
          <input className="num-input" data-testid={`prior-param-${p.name}`} value={values[i] ?? ''} onChange={(e) => setValues(values.map((v, k) => (k === i ? e.target.value : v)))} />
        </label>
      ))}
      {bounded && (
        <>
          <label className="small" title="Lower bound of the whole class (brms: lb)">
            lb <input className="num-input" data-testid="prior-lb" value={lb} onChange={(e) => setLb(e.target.value)} />
          </label>
          <label className="small" title="Upper bound of the whole class (brms: ub)">
            ub <input className="num-input" data-testid="prior-ub" value={ub} onChange={(e) => setUb(e.target.value)} />
          </label>
        </>
      )}
      <button type="submit" className="btn small" disabled={!valid} data-testid="prior-add-button">
        Add {priorText(family, nums)}
      </button>
    </form>
  );
}

export function PriorEditor() {
  const wb = useWorkbench();
  const formula = useWb((s) => s.formulaText);
  const datasetId = useWb((s) => s.activeDatasetId);
  const table = useBayes((s) => s.priorTable);
  const error = useBayes((s) => s.priorError);
  const loading = useBayes((s) => s.priorLoading);
  const priors = useBayes((s) => s.priors);
  const family = useBayes((s) => s.family);

  // the table follows the builder (a moment after the last keystroke)
  useEffect(() => {
    const t = setTimeout(() => void wb.bayes.loadPriors(), 300);
    return () => clearTimeout(t);
  }, [wb, formula, datasetId, family]);

  const classes = useMemo(() => [...new Set((table?.rows ?? []).map((r) => r.class))], [table]);
  if (!formula.trim()) return <p className="muted">Build a model on the left to see its priors.</p>;
  return (
    <section className="prior-editor" data-testid="prior-editor">
      <h3>
        Priors <span className="muted small">(brms's get_prior(){loading ? ' · updating…' : ''})</span>
      </h3>
      {error && (
        <div className="banner error" role="alert" data-testid="prior-error">
          {error}
        </div>
      )}
      {table?.improper && (
        <div className="banner warning" role="alert" data-testid="prior-improper">
          <strong>Improper posterior.</strong> {table.improper.message}{' '}
          <button type="button" className="btn small" data-testid="use-weakly-informative" onClick={() => wb.bayes.setPriors([...priors, table.improper!.suggestion])}>
            Use {table.improper.suggestion.prior} on {table.improper.suggestion.class}
          </button>
        </div>
      )}
      {table && (
        <PriorTable testId="prior-table">
          {table.rows.map((r, i) => (
            <tr key={i} data-class={r.class} data-coef={r.coef} data-source={r.source}>
              <td className="left">
                <code>{r.prior || (r.class === 'b' && r.coef === '' ? '(flat)' : '(vectorized)')}</code>
              </td>
              <td className="left">{r.class}</td>
              <td className="left">{r.coef}</td>
              <td className="left">{r.group}</td>
              <td className="left">{r.lb}</td>
              <td className="left">{r.ub}</td>
              <td className="left">{r.source}</td>
            </tr>
          ))}
        </PriorTable>
      )}
      {priors.length > 0 && (
        <ul className="prior-list" data-testid="user-priors">
          {priors.map((p, i) => (
            <li key={i}>
              <code>{describe(p)}</code>{' '}
              <button type="button" className="link-btn danger small" aria-label={`Remove ${describe(p)}`} onClick={() => wb.bayes.setPriors(priors.filter((_, k) => k !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {table && <AddPrior key={classes.join()} classes={classes} rows={table.rows} onAdd={(p) => wb.bayes.setPriors([...priors, p])} />}
    </section>
  );
}
