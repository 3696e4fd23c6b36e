/**
 * summary(glmmTMB) in the app: the information criteria line (AIC, BIC, logLik, deviance, df.resid),
 * the random-effect variances, the dispersion line, and the conditional, zero-inflation (or hurdle)
 * and dispersion tables with Wald z tests, formatted as the glmer coefficient table is (Estimate and
 * SE with shared decimals, z with its own, as printCoefmat does).
 */
import type { ReportHead } from '../../src-main/api/contract';
import { columnDecimals } from '../../src-engine/shared';
import { CountAdvice } from './CountAdvice';
import { CountMeans } from './CountMeans';
import { Num } from './Num';
import { RandomEffectsTable } from './ResultTables';
import { StatTable, starsColumn, termHeader } from './StatTable';
import { TableActions } from './TableActions';
import { HeadCells } from './HeadCells';

interface ZRow {
  term: string;
  estimate: number;
  stdError: number;
  z: number;
  pValue: number | null;
}

function ZTable({ title, rows, testId, table, fitId, digits }: { title: string; rows: ZRow[]; testId: string; table: 'fixed' | 'zi' | 'disp'; fitId: number | null; digits: number }) {
  const coef = columnDecimals(rows.flatMap((r) => [r.estimate, r.stdError]), digits);
  const z = columnDecimals(rows.map((r) => r.z), digits);
  return (
    <section className="result-block">
      <div className="block-head">
        <h3>{title}</h3>
        {fitId != null && <TableActions source={{ kind: 'fit', fitId, table }} name={table} />}
      </div>
      <StatTable
        testId={testId}
        rows={rows}
        rowKey={(r) => r.term}
        rowProps={(r) => ({ 'data-term': r.term })}
        columns={[
          { head: 'Term', cell: (r) => termHeader(r.term) },
          { head: 'Estimate', cell: (r) => <Num x={r.estimate} digits={digits} decimals={coef} /> },
          { head: 'Std. Error', cell: (r) => <Num x={r.stdError} digits={digits} decimals={coef} /> },
          { head: 'z value', cell: (r) => <Num x={r.z} digits={digits} decimals={z} /> },
          { head: 'Pr(>|z|)', cell: (r) => <Num x={r.pValue} digits={digits} kind="p" /> },
          starsColumn('pValue'),
        ]}
      />
    </section>
  );
}

/** AIC, BIC, logLik, deviance, df.resid: summary(glmmTMB)'s first line, as a one-row table. */
function CriteriaTable({ r, digits }: { r: ReportHead; digits: number }) {
  const t = r.tmb!;
  return (
    <section className="result-block">
      <h3>Fit</h3>
      <table className="result-table" data-testid="count-criteria">
        <thead>
          <tr>
            <HeadCells heads={['AIC', 'BIC', 'logLik', 'deviance', 'df.resid']} />
          </tr>
        </thead>
        <tbody>
          <tr>
            {t.logLikNote
              ? [0, 1, 2, 3].map((k) => (
                  <td key={k} className="num" data-value="" title={t.logLikNote}>
                    NA
                  </td>
                ))
              : [r.aic, r.bic, r.logLik, r.deviance].map((x, k) => <Num key={k} x={x} digits={digits + 2} />)}
            <Num x={t.dfResid} digits={digits} kind="int" />
          </tr>
        </tbody>
      </table>
      <p className="table-note">
        Number of obs: {r.nobs}
        {Object.entries(r.groups).map(([g, n]) => `, groups: ${g}, ${n}`)}. Deviance is −2 logLik, as glmmTMB prints it.
      </p>
      {t.logLikNote && (
        <p className="table-note warn" data-testid="count-loglik-na">
          NA: {t.logLikNote} This fit cannot be compared by AIC; the advice below says what to simplify.
          {t.objective !== undefined ? ` (−log L by Laplace where the optimizer stopped: ${t.objective.toFixed(2)}.)` : ''}
        </p>
      )}
    </section>
  );
}

export function countTitle(r: ReportHead): string {
  const t = r.tmb!;
  const parts = [`Fit by maximum likelihood (Laplace approximation) as glmmTMB · Family: ${t.family} (${r.link})`];
  if (t.familyParams) parts.push(...Object.entries(t.familyParams).map(([k, v]) => `${k}: ${v.toPrecision(4)}`));
  if (t.ziformula !== '~0') parts.push(`${t.hurdle ? 'Zero (hurdle)' : 'Zero inflation'}: ${t.ziformula}`);
  if (t.dispformula !== '~1') parts.push(`Dispersion: ${t.dispformula}`);
  return parts.join(' · ');
}

export function CountResults({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  const t = r.tmb;
  if (!t) return null;
  const zRows = (rows: { term: string; estimate: number; stdError: number; zValue: number; pValue: number }[]): ZRow[] => rows.map((x) => ({ ...x, z: x.zValue }));
  return (
    <div className="results-grid" data-testid="count-results">
      <div>
        <ZTable title="Conditional model" testId="count-cond-table" table="fixed" fitId={fitId} digits={digits} rows={r.fixed.map((f) => ({ ...f, z: f.statistic }))} />
        {t.zi.length > 0 && <ZTable title={t.hurdle ? 'Zero (hurdle) model' : 'Zero-inflation model'} testId="count-zi-table" table="zi" fitId={fitId} digits={digits} rows={zRows(t.zi)} />}
        {t.disp.length > 0 && <ZTable title="Dispersion model" testId="count-disp-table" table="disp" fitId={fitId} digits={digits} rows={zRows(t.disp)} />}
        <p className="table-note">
          Wald z tests, as summary(glmmTMB) gives them{t.hurdle ? '; the zero model is the probability of a zero (logit), the conditional model the counts above zero' : ''}
          {t.zi.length > 0 && !t.hurdle ? '; the zero-inflation model is the logit of the probability of a structural zero' : ''}
          {t.disp.length > 0 ? '; the dispersion model is log φ' : ''}. Codes: *** p &lt; .001, ** p &lt; .01, * p &lt; .05, . p &lt; .1
        </p>
        <CountMeans r={r} digits={digits} />
      </div>
      <div>
        <CriteriaTable r={r} digits={digits} />
        <CountAdvice r={r} fitId={fitId} />
        <RandomEffectsTable r={r} digits={digits} fitId={fitId} />
        {t.dispersionLine && (
          <p className="dispersion-line" data-testid="count-dispersion-line" data-value={t.sigma ?? ''}>
            <code>{t.dispersionLine}</code>
          </p>
        )}
      </div>
    </div>
  );
}
