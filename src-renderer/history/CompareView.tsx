/** anova(m1, m2, …): AIC/BIC for all, likelihood-ratio tests between neighbours in parameter count. */
import { useWb, useWorkbench } from '../app/context';
import { TableActions } from '../results/TableActions';
import { CompareRow } from './CompareRow';

export function CompareView() {
  const wb = useWorkbench();
  const cmp = useWb((s) => s.compare);
  const fits = useWb((s) => s.fits);
  const digits = useWb((s) => s.settings?.digits ?? 4);

  if (cmp.loading) return <div className="empty-state"><h2>Comparing…</h2></div>;
  if (cmp.error) {
    return (
      <div className="outcome failed" data-testid="compare-error" role="alert">
        <h2>These models cannot be compared</h2>
        <p>{cmp.error}</p>
        <p className="muted">Likelihood-ratio tests need models fitted to the same data (same rows used).</p>
      </div>
    );
  }
  if (!cmp.result) {
    return (
      <div className="empty-state" data-testid="compare-empty">
        <h2>Compare models</h2>
        <p className="muted">Tick two or more models in the history and press Compare.</p>
        {cmp.fitIds.length >= 2 && (
          <button type="button" className="btn primary" onClick={() => void wb.runCompare()}>
            Compare {cmp.fitIds.length} models
          </button>
        )}
      </div>
    );
  }
  const r = cmp.result;
  const minAic = Math.min(...r.rows.map((x) => x.aic));
  const byId = (id: number) => fits.find((f) => f.id === id);
  return (
    <div className="compare" data-testid="compare">
      <div className="block-head">
        <h2>Model comparison</h2>
        <TableActions
          source={{ kind: 'comparison', comparison: r, formulas: r.rows.map((x) => byId(x.fitId)?.spec.formula ?? '') }}
          name="comparison"
        />
      </div>
      {r.refitted && <div className="banner info">REML fits were refitted with ML for these tests, as R’s anova() does.</div>}
      {r.warnings.filter((w) => !(r.refitted && /refitting/i.test(w))).map((w) => (
        <div key={w} className="banner warning">
          {w}
        </div>
      ))}
      <div className="table-scroll">
        <table className="result-table compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">npar</th>
              <th scope="col">AIC</th>
              <th scope="col">ΔAIC</th>
              <th scope="col">BIC</th>
              <th scope="col">logLik</th>
              <th scope="col">deviance</th>
              <th scope="col">χ²</th>
              <th scope="col">Df</th>
              <th scope="col">p</th>
              <th scope="col" aria-label="significance" />
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x, i) => (
              <CompareRow
                key={x.fitId}
                row={x}
                fit={byId(x.fitId)}
                above={i > 0 ? byId(r.rows[i - 1].fitId) : undefined}
                aboveName={i > 0 ? r.rows[i - 1].name : undefined}
                minAic={minAic}
                digits={digits}
                onOpen={(id) => void wb.openFit(id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {r.note ? (
        <p className="table-note" data-testid="compare-note">
          {r.note}
        </p>
      ) : (
      <p className="table-note">
        Each χ² tests a model against the one above it (rows ordered by number of parameters). The tests assume the models are nested; AIC and BIC
        compare any models fitted to the same data — lower is better.
      </p>
      )}
    </div>
  );
}
