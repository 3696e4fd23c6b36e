/**
 * A gls()/lme() result as summary() prints it: AIC/BIC/logLik, the random effects (StdDev per level,
 * Residual, Corr), the correlation structure and variance function with their parameters as
 * coef(…, unconstrained = FALSE), the fixed effects with nlme's df, anova() (sequential and
 * marginal) and intervals(). Every number keeps its full value in data-value (Num).
 */
import { useState } from 'react';
import type { ReportHead } from '../../src-main/api/contract';
import { RadioGroup } from '../app/RadioGroup';
import { Num } from '../results/Num';
import { StatTable, starsColumn, termHeader } from '../results/StatTable';
import { TableActions } from '../results/TableActions';

type Nlme = NonNullable<ReportHead['nlme']>;
type Struct = NonNullable<Nlme['varStruct']>;
type Interval = Nlme['intervals']['fixed'][number];

export function nlmeTitle(r: ReportHead): string {
  const by = r.method === 'REML' ? 'REML' : 'maximum likelihood';
  return r.nlme?.fn === 'gls' ? `Generalized least squares fit by ${by} (nlme::gls)` : `Linear mixed-effects model fit by ${by} (nlme::lme)`;
}

function StructBlock({ title, s, testId, digits }: { title: string; s: Struct | null; testId: string; digits: number }) {
  if (!s) return null;
  return (
    <section className="result-block" data-testid={testId}>
      <h3>{title}</h3>
      <p className="small">
        Structure: <code>{s.className}</code> · Formula: <code>{s.formula}</code>
      </p>
      <table className="result-table compact">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Estimate</th>
          </tr>
        </thead>
        <tbody>
          {s.names.map((n, k) => (
            <tr key={n} data-name={n}>
              <th scope="row">
                <code>{n}</code>
              </th>
              <Num x={s.values[k]} digits={digits + 2} />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RandomBlock({ r, digits }: { r: ReportHead; digits: number }) {
  const levels = r.nlme?.random;
  if (!levels) return null;
  return (
    <section className="result-block">
      <h3>Random effects</h3>
      <table className="result-table" data-testid="nlme-random-table">
        <thead>
          <tr>
            <th scope="col">Formula</th>
            <th scope="col" className="left">
              Effect
            </th>
            <th scope="col">StdDev</th>
            <th scope="col" className="left">
              Corr
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.flatMap((lv) => {
            const k = lv.terms.length;
            const slopes = lv.terms.filter((t) => t !== '(Intercept)');
            const formula = `~${slopes.length ? ` ${slopes.join(' + ')}` : '1'} | ${lv.level}`;
            return lv.terms.map((t, i) => (
              <tr key={`${lv.level}:${t}`} data-level={lv.level} data-term={t} className={i === 0 ? 'group-start' : ''}>
                <th scope="row">
                  {i === 0 ? <code>{formula}</code> : ''}
                  {i === 0 && lv.diagonal && <span className="muted small"> diagonal (pdDiag): no correlations</span>}
                </th>
                <td>{t}</td>
                <Num x={lv.sd[i]} digits={digits + 2} />
                <td className="left small">{lv.diagonal ? '' : Array.from({ length: i }, (_, j) => lv.corr[i * k + j].toFixed(3)).join('  ')}</td>
              </tr>
            ));
          })}
          <tr data-term="Residual" className="group-start">
            <th scope="row" />
            <td>Residual</td>
            <Num x={r.sigma} digits={digits + 2} />
            <td />
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** Which df the fixed-effects t tests use: nlme's own, or lmerTest's Satterthwaite on the lmer() twin. */
type DfChoice = 'nlme' | 'satterthwaite';

function FixedBlock({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  const lme = r.nlme?.fn === 'lme';
  const satt = r.nlme?.satterthwaite ?? null;
  const [choice, setChoice] = useState<DfChoice>('nlme');
  const useSatt = satt !== null && choice === 'satterthwaite';
  const rows = useSatt ? r.fixed.map((f, j) => ({ ...f, df: satt.df[j], pValue: satt.pValue[j] })) : r.fixed;
  const nlmeNote = r.nlme?.dfMethod === 'containment' ? "nlme's containment df (summary(lme))" : 'N − p residual df (summary(gls))';
  return (
    <section className="result-block">
      <div className="block-head">
        <h3>{lme ? 'Fixed effects' : 'Coefficients'}</h3>
        {fitId != null && <TableActions source={{ kind: 'fit', fitId, table: 'fixed' }} name="fixed" />}
        {satt && (
          <RadioGroup
            label="Degrees of freedom of the t tests"
            options={[
              { value: 'nlme', label: 'nlme df', testId: 'nlme-df-nlme' },
              { value: 'satterthwaite', label: 'Satterthwaite df', testId: 'nlme-df-satterthwaite' },
            ]}
            value={choice}
            onChange={setChoice}
          />
        )}
      </div>
      <StatTable
        testId="fixed-table"
        rows={rows}
        rowKey={(f) => f.term}
        rowProps={(f) => ({ 'data-term': f.term })}
        columns={[
          { head: 'Term', cell: (f) => termHeader(f.term) },
          { head: 'Value', cell: (f) => <Num x={f.estimate} digits={digits} /> },
          { head: 'Std.Error', cell: (f) => <Num x={f.stdError} digits={digits} /> },
          { head: 'DF', cell: (f) => <Num x={f.df} digits={digits} kind={useSatt ? 'df' : 'int'} /> },
          { head: 't-value', cell: (f) => <Num x={f.statistic} digits={digits} /> },
          { head: 'p-value', cell: (f) => <Num x={f.pValue} digits={digits} kind="p" /> },
          starsColumn('pValue'),
        ]}
      />
      <p className="table-note" data-testid="nlme-df-note">
        {useSatt ? (
          <>
            t-tests with lmerTest&apos;s Satterthwaite df, computed on the same model fitted as <code>lmer({satt.lmerFormula})</code> (no variance or correlation structure, so lme4 fits it too);
          </>
        ) : (
          <>t-tests with {nlmeNote};</>
        )}{' '}
        σ̂ uses N − p as nlme does. Codes: *** p &lt; .001, ** p &lt; .01, * p &lt; .05, . p &lt; .1
      </p>
    </section>
  );
}

function AnovaBlock({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  const [marginal, setMarginal] = useState(false);
  const rows = marginal ? (r.nlme?.anovaMarginal ?? []) : r.anova;
  if (rows.length === 0) return null;
  return (
    <section className="result-block">
      <div className="block-head">
        <h3>anova() — {marginal ? 'marginal' : 'sequential'} F tests</h3>
        {fitId != null && !marginal && <TableActions source={{ kind: 'fit', fitId, table: 'anova' }} name="anova" />}
        <RadioGroup
          label="Type of F tests"
          options={[
            { value: 'sequential', label: 'sequential', testId: 'nlme-anova-sequential' },
            { value: 'marginal', label: 'marginal', testId: 'nlme-anova-marginal' },
          ]}
          value={marginal ? 'marginal' : 'sequential'}
          onChange={(v) => setMarginal(v === 'marginal')}
        />
      </div>
      <StatTable
        testId="nlme-anova-table"
        rows={rows}
        rowKey={(a) => a.term}
        rowProps={(a) => ({ 'data-term': a.term })}
        columns={[
          { head: 'Term', cell: (a) => termHeader(a.term) },
          { head: 'numDF', cell: (a) => <Num x={a.numDf} digits={digits} kind="int" /> },
          { head: 'denDF', cell: (a) => <Num x={a.denDf} digits={digits} kind="int" /> },
          { head: 'F-value', cell: (a) => <Num x={a.fValue} digits={digits} /> },
          { head: 'p-value', cell: (a) => <Num x={a.pValue} digits={digits} kind="p" /> },
          starsColumn('pValue'),
        ]}
      />
      <p className="table-note">{marginal ? 'anova(fit, type = "marginal"): each term adjusted for all others.' : 'anova(fit): each term after those before it.'}</p>
    </section>
  );
}

function IntervalRows({ title, rows, digits }: { title: string; rows: Interval[] | null; digits: number }) {
  if (!rows || rows.length === 0) return null;
  return (
    <>
      <tr className="group-start">
        <th scope="rowgroup" colSpan={4} className="left">
          {title}
        </th>
      </tr>
      {rows.map((x) => (
        <tr key={`${title}:${x.name}`} data-name={x.name}>
          <th scope="row">
            <code>{x.name}</code>
          </th>
          <Num x={x.lower} digits={digits} />
          <Num x={x.est} digits={digits} />
          <Num x={x.upper} digits={digits} />
        </tr>
      ))}
    </>
  );
}

function IntervalsBlock({ r, digits }: { r: ReportHead; digits: number }) {
  const iv = r.nlme?.intervals;
  if (!iv) return null;
  return (
    <section className="result-block">
      <h3>intervals() — {Math.round(iv.level * 100)}% confidence intervals</h3>
      <table className="result-table" data-testid="nlme-intervals">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">lower</th>
            <th scope="col">est.</th>
            <th scope="col">upper</th>
          </tr>
        </thead>
        <tbody>
          <IntervalRows title={r.nlme?.fn === 'lme' ? 'Fixed effects' : 'Coefficients'} rows={iv.fixed} digits={digits} />
          {iv.reStruct?.map((lv) => <IntervalRows key={lv.level} title={`Random effects: Level ${lv.level}`} rows={lv.rows} digits={digits} />)}
          <IntervalRows title="Correlation structure" rows={iv.corStruct} digits={digits} />
          <IntervalRows title="Variance function" rows={iv.varStruct} digits={digits} />
          <IntervalRows title="Residual standard error" rows={iv.sigma ? [{ ...iv.sigma, name: 'sigma' }] : null} digits={digits} />
        </tbody>
      </table>
      {iv.error && <p className="table-note">Variance parameters: {iv.error} (as nlme says); only the fixed effects have intervals.</p>}
    </section>
  );
}

function FitBlock({ r, digits }: { r: ReportHead; digits: number }) {
  return (
    <section className="result-block">
      <h3>Fit</h3>
      <table className="result-table kv" data-testid="nlme-fit-stats">
        <tbody>
          <tr data-name="AIC">
            <th scope="row">AIC</th>
            <Num x={r.aic} digits={digits + 3} />
          </tr>
          <tr data-name="BIC">
            <th scope="row">BIC</th>
            <Num x={r.bic} digits={digits + 3} />
          </tr>
          <tr data-name="logLik">
            <th scope="row">logLik</th>
            <Num x={r.logLik} digits={digits + 3} />
          </tr>
          <tr data-name="df">
            <th scope="row">df (parameters)</th>
            <Num x={r.nlme?.df} digits={digits} kind="int" />
          </tr>
          <tr data-name="sigma">
            <th scope="row">Residual standard error</th>
            <Num x={r.sigma} digits={digits + 2} />
          </tr>
          <tr data-name="nobs">
            <th scope="row">Number of observations</th>
            <Num x={r.nobs} digits={digits} kind="int" />
          </tr>
          {Object.entries(r.groups).map(([g, n]) => (
            <tr key={g} data-name={`groups:${g}`}>
              <th scope="row">Groups: {g}</th>
              <Num x={n} digits={digits} kind="int" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function NlmeResults({ r, digits, fitId }: { r: ReportHead; digits: number; fitId: number | null }) {
  const n = r.nlme;
  if (!n) return null;
  return (
    <div className="nlme-results" data-testid="nlme-results">
      <p className="small">
        <code data-testid="nlme-call">{n.rCall}</code>
      </p>
      <div className="results-grid">
        <div>
          <FixedBlock r={r} digits={digits} fitId={fitId} />
          <AnovaBlock r={r} digits={digits} fitId={fitId} />
          <IntervalsBlock r={r} digits={digits} />
        </div>
        <div>
          <FitBlock r={r} digits={digits} />
          <RandomBlock r={r} digits={digits} />
          <StructBlock title="Correlation structure" s={n.corStruct} testId="nlme-cor-struct" digits={digits} />
          <StructBlock title="Variance function" s={n.varStruct} testId="nlme-var-struct" digits={digits} />
        </div>
      </div>
    </div>
  );
}
