/**
 * The lmerTest-style summary as tables: fixed effects, random effects (with correlations), fit
 * statistics and the ANOVA table. Each number carries its full value in data-value (and a tooltip)
 * so it can be copied or checked exactly, whatever the digits setting.
 */
import type { ReportHead } from '../../src-main/api/contract';
import { Num } from './Num';
import { StatTable, starsColumn, tTestColumns, termHeader } from './StatTable';
import { TableActions } from './TableActions';
import { columnDecimals, fmtNum, fmtP, isOverdispersed } from '../../src-engine/shared';

function Heading({ title, fitId, table }: { title: string; fitId: number | null; table: 'fixed' | 'random' | 'anova' }) {
  return (
    <div className="block-head">
      <h3>{title}</h3>
      {fitId != null && <TableActions source={{ kind: 'fit', fitId, table }} name={table} />}
    </div>
  );
}


const DDF_LABEL: Record<string, string> = {
  satterthwaite: "Satterthwaite's method",
  'kenward-roger': 'Kenward–Roger method',
  none: 'no df method',
};

/** glmer's coefficient table: Estimate, Std. Error, z value, Pr(>|z|), with separated terms flagged. */
function GlmmFixedEffectsTable({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  const flagged = new Set(r.glmm?.separation?.terms ?? []);
  // as printCoefmat in summary(glmer): Estimate and SE share their decimals, z has its own
  const coefDecimals = columnDecimals(r.fixed.flatMap((f) => [f.estimate, f.stdError]), digits);
  const zDecimals = columnDecimals(r.fixed.map((f) => f.statistic), digits);
  return (
    <section className="result-block">
      <Heading title="Fixed effects" fitId={fitId} table="fixed" />
      <StatTable
        testId="fixed-table"
        rows={r.fixed}
        rowKey={(f) => f.term}
        rowProps={(f) => ({ 'data-term': f.term, ...(flagged.has(f.term) ? { className: 'flagged', 'data-separated': 'true', title: 'Separation: this estimate is not a result' } : {}) })}
        columns={[
          { head: 'Term', cell: (f) => termHeader(f.term) },
          { head: 'Estimate', cell: (f) => <Num x={f.estimate} digits={digits} decimals={coefDecimals} /> },
          { head: 'Std. error', cell: (f) => <Num x={f.stdError} digits={digits} decimals={coefDecimals} /> },
          { head: r.glmm?.statisticName ?? 'z value', cell: (f) => <Num x={f.statistic} digits={digits} decimals={zDecimals} /> },
          { head: 'Pr(>|z|)', cell: (f) => <Num x={f.pValue} digits={digits} kind="p" /> },
          starsColumn('pValue'),
        ]}
      />
      <p className="table-note">
        Wald {r.glmm?.statisticName === 't value' ? 't' : 'z'} tests, as glmer reports them{r.glmm?.vcovSource === 'RX' ? ' (standard errors from R_X: the Hessian was not positive definite)' : ''}. Codes: *** p &lt; .001, ** p &lt; .01, * p &lt; .05, . p &lt; .1
      </p>
    </section>
  );
}

/** A model with scale(x) terms: the same fixed effects per unit of x (the design check's promise when it offers scaling). */
export function OriginalScaleTable({ r, digits }: { r: ReportHead; digits: number }) {
  const o = r.originalScale;
  if (!o) return null;
  return (
    <section className="result-block" data-testid="original-scale">
      <div className="block-head">
        <h3>On the original scale</h3>
      </div>
      <StatTable
        testId="original-scale-table"
        rows={o.rows}
        rowKey={(f) => f.term}
        columns={[
          { head: 'Term', cell: (f) => termHeader(f.term) },
          { head: 'Estimate', cell: (f) => <Num x={f.estimate} digits={digits} /> },
          { head: 'Std. error', cell: (f) => <Num x={f.stdError} digits={digits} /> },
        ]}
      />
      <p className="table-note">
        The same model, its coefficients per unit of {o.scaled.map((s) => s.variable).join(', ')} rather than per SD (
        {o.scaled.map((s) => `${s.variable}: mean ${Number(s.mean.toPrecision(digits))}, SD ${Number(s.sd.toPrecision(digits))}`).join('; ')}); the intercept is at{' '}
        {o.scaled.map((s) => s.variable).join(' = ')} = 0. The tests of the slopes are those above; report these numbers when readers think in the original units.
      </p>
    </section>
  );
}

export function FixedEffectsTable({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  if (r.glmm) return <GlmmFixedEffectsTable r={r} digits={digits} fitId={fitId} />;
  const hasP = r.fixed.some((f) => f.pValue != null);
  return (
    <section className="result-block">
      <Heading title="Fixed effects" fitId={fitId} table="fixed" />
      <StatTable
        testId="fixed-table"
        rows={r.fixed}
        rowKey={(f) => f.term}
        rowProps={(f) => ({ 'data-term': f.term })}
        columns={[
          { head: 'Term', cell: (f) => termHeader(f.term) },
          ...tTestColumns(digits, { estimate: 'estimate', se: 'stdError', df: 'df', t: 'statistic', p: 'pValue' }, 'Std. error', r.fixed),
        ]}
      />
      <p className="table-note">
        {hasP
          ? `t-tests use ${DDF_LABEL[r.ddf ?? 'satterthwaite']} for the denominator degrees of freedom. Codes: *** p < .001, ** p < .01, * p < .05, . p < .1`
          : r.ddf === 'none'
            ? 'No df or p-values: the df method is “none” (as lme4 prints).'
            : 'Degrees of freedom and p-values are not available for this fit.'}
      </p>
    </section>
  );
}

export function RandomEffectsTable({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  let lastGroup = '';
  return (
    <section className="result-block">
      <Heading title="Random effects" fitId={fitId} table="random" />
      <table className="result-table" data-testid="random-table">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="left">
              Effect
            </th>
            <th scope="col">Variance</th>
            <th scope="col">Std. dev.</th>
          </tr>
        </thead>
        <tbody>
          {r.random.map((row, i) => {
            const first = row.group !== lastGroup;
            lastGroup = row.group;
            return (
              <tr key={i} className={first && i > 0 ? 'group-start' : ''}>
                <th scope="row">{first ? row.group : ''}</th>
                <td>{row.term ?? ''}</td>
                <Num x={row.variance} digits={digits} />
                <Num x={row.sd} digits={digits} />
              </tr>
            );
          })}
        </tbody>
      </table>
      {r.correlations.length > 0 && (
        <table className="result-table compact" data-testid="corr-table">
          <caption>Correlations of random effects</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="left">
                Between
              </th>
              <th scope="col">Correlation</th>
            </tr>
          </thead>
          <tbody>
            {r.correlations.map((c, i) => (
              <tr key={i}>
                <th scope="row">{c.group}</th>
                <td>
                  {c.term1} · {c.term2}
                </td>
                <Num x={c.corr} digits={Math.min(digits, 3)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function FitStatistics({ r, digits }: { r: ReportHead; digits: number }) {
  const groups = Object.entries(r.groups);
  return (
    <section className="result-block">
      <h3>Fit</h3>
      <table className="result-table kv" data-testid="fit-stats">
        <tbody>
          {r.remlCriterion != null && (
            <tr>
              <th scope="row">REML criterion</th>
              <Num x={r.remlCriterion} digits={digits + 2} />
            </tr>
          )}
          <tr>
            <th scope="row">log-likelihood</th>
            <Num x={r.logLik} digits={digits + 2} />
          </tr>
          <tr>
            <th scope="row">AIC</th>
            <Num x={r.aic} digits={digits + 2} />
          </tr>
          <tr>
            <th scope="row">BIC</th>
            <Num x={r.bic} digits={digits + 2} />
          </tr>
          {/* as summary(lmer): a REML fit prints its REML criterion, not the ML deviance lme4 deprecates for it */}
          {r.remlCriterion == null && (
            <tr>
              <th scope="row">Deviance</th>
              <Num x={r.deviance} digits={digits + 2} />
            </tr>
          )}
          {r.glmm ? (
            <tr>
              <th scope="row">Residual df</th>
              <Num x={r.glmm.dfResid} digits={digits} kind="int" />
            </tr>
          ) : (
            <tr>
              <th scope="row">Residual SD (σ)</th>
              <Num x={r.sigma} digits={digits} />
            </tr>
          )}
          <tr>
            <th scope="row">Observations</th>
            <Num x={r.nobs} digits={digits} kind="int" />
          </tr>
          {groups.map(([g, n]) => (
            <tr key={g}>
              <th scope="row">Groups: {g}</th>
              <Num x={n} digits={digits} kind="int" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AnovaTable({ r, digits, type, fitId }: { r: ReportHead; digits: number; type: number | null; fitId: number | null }) {
  if (r.anova.length === 0) return null;
  const hasSS = r.anova.some((a) => a.sumSq != null);
  return (
    <section className="result-block">
      <Heading title={`ANOVA${type ? ` (Type ${'I'.repeat(type)})` : ''}`} fitId={fitId} table="anova" />
      <StatTable
        testId="anova-table"
        rows={r.anova}
        rowKey={(a) => a.term}
        columns={[
          { head: 'Term', cell: (a) => termHeader(a.term) },
          hasSS && { head: 'Sum Sq', cell: (a) => <Num x={a.sumSq} digits={digits} /> },
          hasSS && { head: 'Mean Sq', cell: (a) => <Num x={a.meanSq} digits={digits} /> },
          { head: 'NumDF', cell: (a) => <Num x={a.numDf} digits={digits} kind="int" /> },
          { head: 'DenDF', cell: (a) => <Num x={a.denDf} digits={digits} kind="df" /> },
          { head: 'F', cell: (a) => <Num x={a.fValue} digits={digits} /> },
          { head: 'p', cell: (a) => <Num x={a.pValue} digits={digits} kind="p" /> },
          starsColumn('pValue'),
        ]}
      />
    </section>
  );
}

/** car::Anova(m, type = "II"): Wald χ² per term of a GLMM. */
export function WaldAnovaTable({ r, digits }: { r: ReportHead; digits: number }) {
  const rows = r.glmm?.waldAnova.type2 ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="result-block">
      <h3>Wald χ² tests (Type II)</h3>
      <StatTable
        testId="wald-anova-table"
        rows={rows}
        rowKey={(a) => a.term}
        columns={[
          { head: 'Term', cell: (a) => termHeader(a.term) },
          { head: 'Chisq', cell: (a) => <Num x={a.chisq} digits={digits} /> },
          { head: 'Df', cell: (a) => <Num x={a.df} digits={digits} kind="int" /> },
          { head: 'Pr(>Chisq)', cell: (a) => <Num x={a.pValue} digits={digits} kind="p" /> },
          starsColumn('pValue'),
        ]}
      />
      <p className="table-note">As car::Anova(m) gives them: each term after all others except those that contain it.</p>
    </section>
  );
}

/** What a count or proportion model needs checked beyond glmer's output: overdispersion and separation. */
export function GlmmChecks({ r, digits, onAddObservationEffect }: { r: ReportHead; digits: number; onAddObservationEffect?: () => void }) {
  const g = r.glmm;
  if (!g) return null;
  const o = g.overdispersion;
  const over = isOverdispersed(o);
  // a grouping factor with a level per observation is already an observation-level effect
  const hasObservationEffect = Object.values(r.groups).some((n) => n === r.nobs);
  return (
    <section className="result-block" data-testid="glmm-checks">
      <h3>Checks for counts and proportions</h3>
      {o && (
        <p data-testid="overdispersion" className={over ? 'warn' : ''}>
          Overdispersion: Pearson χ² / df = {fmtNum(o.ratio, 3)} (χ² = {fmtNum(o.pearsonChi2, digits)} on {o.df} df, p {o.pValue < 0.001 ? "" : "= "}{fmtP(o.pValue)}).{' '}
          {over
            ? 'The data vary more than the model allows: standard errors are too small. Add an observation-level random effect, (1 | obs) with a column numbering the rows, and fit again.'
            : 'No sign that the data vary more than the model allows.'}{' '}
          {over && !hasObservationEffect && onAddObservationEffect && (
            <button type="button" className="btn small" data-testid="add-olre" onClick={onAddObservationEffect}>
              Add (1 | obs) and fit again
            </button>
          )}
        </p>
      )}
      {g.separation && (
        <div className="banner warning" role="alert" data-testid="separation">
          <strong>Separation.</strong> {g.separation.message}
          <ul>
            {g.separation.cells.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {!o && !g.separation && <p className="muted">No separation in the fixed-effects design.</p>}
    </section>
  );
}
