/** anova(m1, m2, …): AIC/BIC for all, likelihood-ratio tests between neighbours in parameter count. */
import { useWb, useWorkbench } from '../app/context';
import { fmtNum, fmtP, stars } from '../../src-engine/shared';
import { TableActions } from '../results/TableActions';
import { diffText, formulaDiff } from './formulaDiff';
import { familyLabel } from '../model/families';

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
  return (
    <div className="compare" data-testid="compare">
      <div className="block-head">
        <h2>Model comparison</h2>
        <TableActions
          source={{ kind: 'comparison', comparison: r, formulas: r.rows.map((x) => fits.find((f) => f.id === x.fitId)?.spec.formula ?? '') }}
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
            {r.rows.map((x, i) => {
              const f = fits.find((y) => y.id === x.fitId);
              // what this model changes against the one above it: similar formulas are told apart
              const above = i > 0 ? fits.find((y) => y.id === r.rows[i - 1].fitId) : undefined;
              const diff = f && above ? formulaDiff(above.spec.formula, f.spec.formula) : null;
              // count models of one formula differ in their family or zero part: say which
              const familyChange = f && above && familyLabel(above.spec) !== familyLabel(f.spec) ? `; ${familyLabel(above.spec)} → ${familyLabel(f.spec)}` : '';
              return (
                <tr key={x.fitId}>
                  <th scope="row" title={f?.spec.formula}>
                    <button type="button" className="link-btn" onClick={() => void wb.openFit(x.fitId)}>
                      {x.name}
                    </button>
                    {f && <code className="small block">{f.spec.formula}</code>}
                    {f && (f.spec.tmb || f.spec.family !== 'gaussian') && (
                      <span className="small muted block" data-testid="compare-family">
                        {f.spec.tmb ? 'glmmTMB ' : 'glmer '}
                        {familyLabel(f.spec)}
                      </span>
                    )}
                    {diff && (
                      <span className="small muted block" data-testid="compare-diff">
                        vs {r.rows[i - 1].name}: {diffText(diff)}
                        {familyChange}
                      </span>
                    )}
                  </th>
                  <td className="num">{x.npar}</td>
                  <td className="num" data-value={x.aic}>{fmtNum(x.aic, digits + 2)}</td>
                  <td className="num">{fmtNum(x.aic - minAic, 3)}</td>
                  <td className="num" data-value={x.bic}>{fmtNum(x.bic, digits + 2)}</td>
                  <td className="num" data-value={x.logLik}>{fmtNum(x.logLik, digits + 2)}</td>
                  <td className="num" data-value={x.deviance}>{fmtNum(x.deviance, digits + 2)}</td>
                  <td className="num" data-value={x.chisq ?? ''}>{x.chisq == null ? '' : fmtNum(x.chisq, digits)}</td>
                  <td className="num">{x.df ?? ''}</td>
                  <td className="num" data-value={x.pValue ?? ''}>{x.pValue == null ? '' : fmtP(x.pValue)}</td>
                  <td className="stars">{stars(x.pValue)}</td>
                </tr>
              );
            })}
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
