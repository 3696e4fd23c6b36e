/**
 * The count-model chooser in the builder: one action fits Poisson, NB2, NB1, ZIP, ZINB, hurdle
 * Poisson and hurdle NB2 of the builder's formula (fit.chooseCount: seven ordinary fits, in parallel
 * on the workers, each kept in the model history), then shows their AIC table with ΔAIC, df and
 * logLik, DHARMa's dispersion and zero-inflation tests from simulations of each fit, and the
 * recommendation in one sentence (src-engine/tmb/countChooser.ts).
 */
import { useEffect, useState } from 'react';
import { candidateFromReport, chooseCount, type CandidateFit, type ChooserResult } from '../../src-engine/shared';
import { useWb, useWorkbench } from '../app/context';
import { Num } from '../results/Num';
import { StatTable } from '../results/StatTable';

type Row = ChooserResult['rows'][number];
const TERMINAL = new Set(['done', 'failed', 'cancelled']);

/**
 * Why the response is not counts (null when it is, or while it is being read): the chooser's
 * candidates are Poisson and negative binomial models, which need non-negative whole numbers.
 */
function useNotCounts(datasetId: number | null, response: string): string | null {
  const wb = useWorkbench();
  const [state, setState] = useState<{ key: string; reason: string | null }>({ key: '', reason: null });
  const key = `${datasetId}:${response}`;
  useEffect(() => {
    if (datasetId == null || !response) return;
    let live = true;
    wb.api.dataset.summary({ datasetId, column: response }).then(
      (s) => {
        const n = s.numeric;
        const reason = !n
          ? `${response} is not numeric`
          : n.min < 0
            ? `${response} has values below 0`
            : n.integer === false
              ? `${response} has values that are not whole numbers`
              : null;
        if (live) setState({ key, reason });
      },
      // a response written as an expression or cbind() is no column: the API checks it when the chooser runs
      () => live && setState({ key, reason: null }),
    );
    return () => {
      live = false;
    };
  }, [wb, datasetId, response, key]);
  return state.key === key ? state.reason : null;
}

export function CountChooser() {
  const wb = useWorkbench();
  const datasetId = useWb((s) => s.activeDatasetId);
  const formula = useWb((s) => s.formulaText);
  const options = useWb((s) => s.options);
  const response = useWb((s) => s.builder.response.replace(/^`|`$/g, ''));
  const notCounts = useNotCounts(datasetId, response);
  const [state, setState] = useState<{ running: boolean; done: number; error: string | null; result: ChooserResult | null }>({ running: false, done: 0, error: null, result: null });
  const zi = (options.tmb?.ziformula ?? '').trim();
  const zero = zi && zi.replace(/\s/g, '') !== '~0' ? zi : '~ 1';
  const disp = (options.tmb?.dispformula ?? '').trim();
  const withDisp = disp && disp.replace(/\s/g, '') !== '~1' ? disp : null;
  if (notCounts) {
    return (
      <p className="muted small" data-testid="count-chooser-not-counts">
        The count-model chooser needs counts (whole numbers of 0 or more): {notCounts}.
      </p>
    );
  }

  async function run() {
    if (datasetId == null) return;
    setState({ running: true, done: 0, error: null, result: null });
    try {
      const { candidates } = await wb.api.fit.chooseCount({ datasetId, spec: { formula, ...options }, zero });
      let done = 0;
      const fits = await Promise.all(
        candidates.map(async (c): Promise<CandidateFit> => {
          let st = await wb.api.job.wait({ jobId: c.jobId, timeoutMs: 600_000 });
          while (!TERMINAL.has(st.state)) st = await wb.api.job.wait({ jobId: c.jobId, timeoutMs: 600_000 });
          setState((s) => ({ ...s, done: ++done }));
          if (st.state !== 'done' || st.fitId == null) {
            return { label: c.label, aic: null, logLik: null, df: null, converged: false, dispersionP: null, dispersionRatio: null, zeroP: null, zeroRatio: null, error: st.error?.message ?? st.state };
          }
          const { report } = await wb.api.model.get({ fitId: st.fitId });
          return candidateFromReport(c.label, report);
        }),
      );
      await wb.refreshFits();
      setState({ running: false, done, error: null, result: chooseCount(fits) });
    } catch (e) {
      setState({ running: false, done: 0, error: e instanceof Error ? e.message : String(e), result: null });
    }
  }

  const r = state.result;
  return (
    <div className="opt count-chooser" data-testid="count-chooser">
      <button type="button" className="btn small" disabled={state.running || datasetId == null || !formula.trim()} onClick={() => void run()} data-testid="count-chooser-run">
        Choose a count model
      </button>
      <p className="muted small">
        Fits Poisson, NB2, NB1, ZIP, ZINB, hurdle Poisson and hurdle NB2 of this formula (zero part {zero}
        {withDisp ? `; the negative binomials with the dispersion formula ${withDisp}, which a Poisson has no parameter for` : ''}) side by side, each kept in the history.
      </p>
      {state.running && (
        <p className="muted small" data-testid="count-chooser-progress">
          Fitting… {state.done} of 7 done
        </p>
      )}
      {state.error && (
        <p className="banner warning" role="alert">
          {state.error}
        </p>
      )}
      {r && (
        <>
          <p className="count-chooser-pick" data-testid="count-chooser-recommendation" data-model={r.recommended ?? ''}>
            <strong>Recommended: </strong>
            {r.recommendation}
          </p>
          {/* the builder column is narrow: the ten columns scroll sideways rather than spill over */}
          <div className="count-chooser-scroll" data-testid="count-chooser-scroll">
          <StatTable<Row>
            testId="count-chooser-table"
            rows={r.rows}
            rowKey={(x) => x.label}
            rowProps={(x) => ({ 'data-model': x.label })}
            columns={[
              { head: 'Model', cell: (x) => <th scope="row">{x.label}</th>, text: true },
              { head: 'df', cell: (x) => <Num x={x.df} digits={4} kind="int" /> },
              { head: 'logLik', cell: (x) => <Num x={x.logLik} digits={6} /> },
              { head: 'AIC', cell: (x) => <Num x={x.aic} digits={6} /> },
              { head: 'ΔAIC', cell: (x) => <Num x={x.deltaAIC} digits={3} /> },
              { head: 'Dispersion', cell: (x) => <Num x={x.dispersionRatio} digits={3} /> },
              { head: 'p', cell: (x) => <Num x={x.dispersionP} digits={3} kind="p" /> },
              { head: 'Zeros obs/exp', cell: (x) => <Num x={x.zeroRatio} digits={3} /> },
              { head: 'p', cell: (x) => <Num x={x.zeroP} digits={3} kind="p" /> },
              { head: 'Problem', cell: (x) => <td>{x.error ?? x.problem ?? '—'}</td>, text: true },
            ]}
          />
          </div>
          <p className="table-note">
            Dispersion and zeros: DHARMa’s testDispersion and testZeroInflation on 250 simulations of each fitted model with new random effects (fixed seed), two-sided simulation
            p-values. The recommendation takes the lowest AIC, or the simplest model within 2 AIC units of it, preferring one whose simulated residuals show no problem.
          </p>
        </>
      )}
    </div>
  );
}
