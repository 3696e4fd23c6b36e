/**
 * lmerTest's ranova (a likelihood-ratio test per random-effects term) and step (backward elimination
 * of random, then fixed terms), with a button that loads step's final model into the builder.
 */
import type { RanovaResult, StepResultWire } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { Num } from '../results/Num';
import { StatTable, starsColumn, termHeader } from '../results/StatTable';
import { TableHeading } from '../results/TableActions';
import { JobProgressLine, useJobRun } from './useJobRun';

type LrRow = RanovaResult['rows'][number] & { eliminated?: number | null };

function LrTable({ rows, digits, testId, eliminated }: { rows: LrRow[]; digits: number; testId: string; eliminated?: boolean }) {
  return (
    <StatTable
      testId={testId}
      rows={rows}
      rowKey={(r) => r.term}
      rowProps={(r) => ({ 'data-term': r.term })}
      columns={[
        { head: 'Term', cell: (r) => termHeader(r.term) },
        !!eliminated && { head: 'Eliminated', cell: (r) => <Num x={r.eliminated} digits={digits} kind="int" /> },
        { head: 'npar', cell: (r) => <Num x={r.npar} digits={digits} kind="int" /> },
        { head: 'logLik', cell: (r) => <Num x={r.logLik} digits={digits + 2} /> },
        { head: 'AIC', cell: (r) => <Num x={r.aic} digits={digits + 2} /> },
        { head: 'LRT', cell: (r) => <Num x={r.lrt} digits={digits} /> },
        { head: 'Df', cell: (r) => <Num x={r.df} digits={digits} kind="int" /> },
        { head: 'p', cell: (r) => <Num x={r.pValue} digits={digits} kind="p" /> },
        starsColumn('pValue'),
      ]}
    />
  );
}

export function RanovaPanel({ fitId, digits, disabled }: { fitId: number; digits: number; disabled: boolean }) {
  const wb = useWorkbench();
  const job = useJobRun<RanovaResult>();
  const { state } = job;
  const r = state.result;
  return (
    <div data-testid="ranova-panel">
      <div className="row-actions">
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading'} onClick={() => job.start(() => wb.api.model.ranova({ fitId }), (jobId) => wb.api.model.ranovaResult({ jobId }))} data-testid="ranova-run">
          Test random effects
        </button>
        <JobProgressLine job={job} unit="models fitted" idle="Refitting the reduced models…" testId="ranova" />
      </div>
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && (
        <>
          <TableHeading title="Likelihood-ratio tests" source={{ kind: 'ranova', ranova: { rows: r.rows, reml: r.reml } }} name="ranova" />
          <LrTable rows={r.rows} digits={digits} testId="ranova-table" />
          <p className="table-note">
            Each row drops one random-effects term (or reduces a slope term to its intercept) and compares the {r.reml ? 'REML' : 'ML'} likelihoods, as
            lmerTest ranova(m). A p-value near a variance of zero is conservative (the null is on the boundary).
          </p>
        </>
      )}
    </div>
  );
}

export function StepPanel({ fitId, reml, digits, disabled }: { fitId: number; reml: boolean; digits: number; disabled: boolean }) {
  const wb = useWorkbench();
  const job = useJobRun<StepResultWire>();
  const { state } = job;
  const r = state.result;
  return (
    <div data-testid="step-panel">
      <div className="row-actions">
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading'} onClick={() => job.start(() => wb.api.model.step({ fitId }), (jobId) => wb.api.model.stepResult({ jobId }))} data-testid="step-run">
          Run backward elimination
        </button>
        <JobProgressLine job={job} unit="models fitted" idle="Refitting…" testId="step" />
      </div>
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && (
        <>
          <TableHeading title="Random effects (α = 0.1)" source={{ kind: 'step', step: r, reml, table: 'random' }} name="step-random" />
          <LrTable rows={r.random} digits={digits} testId="step-random" eliminated />
          <TableHeading title="Fixed effects (α = 0.05)" source={{ kind: 'step', step: r, reml, table: 'fixed' }} name="step-fixed" />
          <StatTable
            testId="step-fixed"
            rows={r.fixed}
            rowKey={(f) => f.term}
            rowProps={(f) => ({ 'data-term': f.term })}
            columns={[
              { head: 'Term', cell: (f) => termHeader(f.term) },
              { head: 'Eliminated', cell: (f) => <Num x={f.eliminated} digits={digits} kind="int" /> },
              { head: 'Sum Sq', cell: (f) => <Num x={f.sumSq} digits={digits} /> },
              { head: 'NumDF', cell: (f) => <Num x={f.numDf} digits={digits} kind="int" /> },
              { head: 'DenDF', cell: (f) => <Num x={f.denDf} digits={digits} kind="df" /> },
              { head: 'F', cell: (f) => <Num x={f.fValue} digits={digits} /> },
              { head: 'p', cell: (f) => <Num x={f.pValue} digits={digits} kind="p" /> },
              starsColumn('pValue'),
            ]}
          />
          <p className="table-note">Eliminated: the order in which terms were removed; 0 = kept in the final model. F-tests use {r.ddf === 'kenward-roger' ? 'Kenward–Roger' : "Satterthwaite's"} df.</p>
          <div className="row-actions">
            <span className="small">
              Final model: <code data-testid="step-final">{r.finalFormula}</code>
            </span>
            <button type="button" className="btn small" onClick={() => wb.setFormulaText(r.finalFormula)} data-testid="step-load">
              Load into builder
            </button>
          </div>
        </>
      )}
    </div>
  );
}
