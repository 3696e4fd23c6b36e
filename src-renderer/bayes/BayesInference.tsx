/**
 * Tests and comparisons on the open Bayesian fit (issue 12): brms's hypothesis() on its draws,
 * PSIS-LOO with the Pareto k diagnostics and loo_compare() against other Bayesian fits of the same
 * data, and the brms R code that refits it.
 */
import { useEffect, useState } from 'react';
import type { BayesFitSummary, HypothesisRowsShape, LooResultShape } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { HeadCells } from '../results/HeadCells';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const f2 = (v: number) => v.toFixed(2);
const num = (v: number | null, digits: number) => (v === null ? 'NA' : Number.isFinite(v) ? v.toPrecision(digits) : v > 0 ? 'Inf' : '-Inf');

function Hypotheses({ bayesId, digits }: { bayesId: number; digits: number }) {
  const wb = useWorkbench();
  const [text, setText] = useState('');
  const [alpha, setAlpha] = useState(0.05);
  const [result, setResult] = useState<HypothesisRowsShape | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    const hypotheses = text.split('\n').map((h) => h.trim()).filter(Boolean);
    wb.api.bayes.hypothesis({ bayesId, hypotheses, alpha }).then(
      (r) => (setResult(r), setError(null)),
      (e: unknown) => (setResult(null), setError(messageOf(e))),
    );
  };
  return (
    <details data-testid="bayes-hypothesis">
      <summary>Hypotheses (brms&apos;s hypothesis())</summary>
      <p className="muted small">
        One per line, in brms&apos;s coefficient names: <code>treatmentexposed &gt; 0</code> (the posterior probability that it is positive), <code>treatmentexposed = populationWild</code> (a two-sided interval of the difference).
      </p>
      <textarea rows={3} cols={60} value={text} aria-label="Hypotheses" data-testid="hypothesis-text" onChange={(e) => setText(e.target.value)} />
      <div className="row-actions">
        <label className="small">
          alpha <input type="number" min={0.001} max={0.49} step={0.01} value={alpha} aria-label="alpha" onChange={(e) => setAlpha(Number(e.target.value))} style={{ width: '5em' }} />
        </label>
        <button type="button" className="btn" data-testid="hypothesis-run" onClick={run} disabled={!text.trim()}>
          Test
        </button>
      </div>
      {error && <div className="banner warning">{error}</div>}
      {result && (
        <>
          <table className="result-table" data-testid="hypothesis-table">
            <thead>
              <tr>
                <HeadCells heads={['Hypothesis', 'Estimate', 'Est.Error', 'CI.Lower', 'CI.Upper', 'Evid.Ratio', 'Post.Prob', 'Star']} left={['Hypothesis']} />
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.Hypothesis}>
                  <td className="left">{r.Hypothesis}</td>
                  <td>{num(r.Estimate, digits)}</td>
                  <td>{num(r['Est.Error'], digits)}</td>
                  <td>{num(r['CI.Lower'], digits)}</td>
                  <td>{num(r['CI.Upper'], digits)}</td>
                  <td>{num(r['Evid.Ratio'], digits)}</td>
                  <td>{num(r['Post.Prob'], digits)}</td>
                  <td>{r.Star}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            {`Note: '*' marks a one-sided hypothesis whose posterior probability exceeds ${1 - result.alpha}, or a two-sided one whose ${Math.round(100 * (1 - result.alpha))}% interval excludes the value. The Evid.Ratio of a point hypothesis is the Savage–Dickey ratio of the posterior and prior densities at the point, from draws of each coefficient's prior (brms's sample_prior = "yes"); under brms's default flat prior on b there are none, and it is NA as in brms.`}
          </p>
        </>
      )}
    </details>
  );
}

function Loo({ bayesId, datasetId }: { bayesId: number; datasetId: number | null }) {
  const wb = useWorkbench();
  const [others, setOthers] = useState<BayesFitSummary[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [result, setResult] = useState<LooResultShape | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (datasetId === null) return;
    let live = true;
    wb.api.bayes.list({ datasetId }).then((l) => live && setOthers(l.filter((f) => f.id !== bayesId)), () => undefined);
    return () => {
      live = false;
    };
  }, [wb, bayesId, datasetId]);
  const run = () => {
    setBusy(true);
    wb.api.bayes.loo({ bayesIds: [bayesId, ...chosen] }).then(
      (r) => (setResult(r), setError(null), setBusy(false)),
      (e: unknown) => (setResult(null), setError(messageOf(e)), setBusy(false)),
    );
  };
  return (
    <details data-testid="bayes-loo">
      <summary>LOO cross-validation (loo, loo_compare)</summary>
      {others.length > 0 && (
        <fieldset className="small">
          <legend>Compare with</legend>
          {others.map((o) => (
            <label key={o.id} style={{ marginRight: '1em' }}>
              <input type="checkbox" checked={chosen.includes(o.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id))} /> {o.name}
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" className="btn" data-testid="loo-run" onClick={run} disabled={busy}>
        {busy ? 'Computing…' : chosen.length ? 'Compute LOO and compare' : 'Compute LOO'}
      </button>
      {error && <div className="banner warning">{error}</div>}
      {result && (
        <>
          <table className="result-table" data-testid="loo-table">
            <thead>
              <tr>
                {['model', 'elpd_loo', 'SE', 'p_loo', 'SE', 'looic', 'SE', 'Pareto k ≤ 0.7', 'k > 0.7'].map((h, i) => (
                  <th key={i} scope="col" className={i === 0 ? 'left' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.models.map((m) => (
                <tr key={m.bayesId}>
                  <td className="left">{m.name}</td>
                  <td>{f2(m.elpd_loo.estimate)}</td>
                  <td>{f2(m.elpd_loo.se)}</td>
                  <td>{f2(m.p_loo.estimate)}</td>
                  <td>{f2(m.p_loo.se)}</td>
                  <td>{f2(m.looic.estimate)}</td>
                  <td>{f2(m.looic.se)}</td>
                  <td>{m.paretoK.good + m.paretoK.ok}</td>
                  <td>{m.paretoK.bad + m.paretoK.veryBad}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.models.some((m) => m.badObservations.length > 0) && (
            <div className="banner info" data-testid="loo-pareto-warning">
              {result.models
                .filter((m) => m.badObservations.length > 0)
                .map((m) => `${m.name}: ${m.badObservations.length} observation${m.badObservations.length === 1 ? '' : 's'} with Pareto k > 0.7 (${m.badObservations.slice(0, 10).join(', ')}${m.badObservations.length > 10 ? ', …' : ''})`)
                .join('; ')}
              . There the importance-sampling estimate is unreliable and the model is sensitive to that observation; brms would suggest reloo or k-fold cross-validation.
            </div>
          )}
          {result.compare && (
            <table className="result-table" data-testid="loo-compare">
              <thead>
                <tr>
                  <HeadCells heads={['model', 'elpd_diff', 'se_diff']} left={['model']} />
                </tr>
              </thead>
              <tbody>
                {result.compare.map((r) => (
                  <tr key={r.model}>
                    <td className="left">{r.model}</td>
                    <td>{f2(r.elpd_diff)}</td>
                    <td>{f2(r.se_diff)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.compare && <p className="muted small">As loo_compare: the best model first; an elpd_diff within about two se_diff of 0 is no clear difference.</p>}
        </>
      )}
    </details>
  );
}

function RCode({ bayesId }: { bayesId: number }) {
  const wb = useWorkbench();
  const [code, setCode] = useState<{ code: string; methods: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details data-testid="bayes-rcode" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && !code && wb.api.bayes.rCode({ bayesId }).then(setCode, (err: unknown) => setError(messageOf(err)))}>
      <summary>R code (brms) and methods paragraph</summary>
      {error && <div className="banner warning">{error}</div>}
      {code && (
        <>
          <pre className="r-code" data-testid="bayes-rcode-text">
            {code.code}
          </pre>
          <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(code.code)}>
            Copy the R code
          </button>
          <p className="small" data-testid="bayes-methods">
            {code.methods}
          </p>
        </>
      )}
    </details>
  );
}

export function BayesInference({ bayesId, datasetId, digits }: { bayesId: number; datasetId: number | null; digits: number }) {
  return (
    <section className="bayes-inference">
      <Hypotheses bayesId={bayesId} digits={digits} />
      <Loo bayesId={bayesId} datasetId={datasetId} />
      <RCode bayesId={bayesId} />
    </section>
  );
}
