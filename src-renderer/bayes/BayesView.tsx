/**
 * The Bayesian tab: the prior table and editor before fitting, the chains' progress while sampling,
 * then the stored fit — brms's summary, the sampler's diagnostics in plain language, the plots, the
 * priors used, and beside it the GLMM it was refitted from.
 */
import { useWb, useWorkbench } from '../app/context';
import { useBayes } from './bayesBench';
import { TableActions } from '../results/TableActions';
import { BayesPlots } from './BayesPlots';
import { BayesEffects } from './BayesEffects';
import { BayesInference } from './BayesInference';
import { BayesPpCheck } from './BayesPpCheck';
import { BayesTables, Diagnostics } from './BayesSummary';
import { ChainProgress } from './ChainProgress';
import { PriorEditor } from './PriorEditor';
import { PriorTable } from './PriorTable';
import { SideBySide } from './SideBySide';

export function BayesView() {
  const wb = useWorkbench();
  const enabled = useBayes((s) => s.enabled);
  const open = useBayes((s) => s.open);
  const compared = useBayes((s) => s.compared);
  const outcome = useBayes((s) => s.outcome);
  const job = useBayes((s) => s.job);
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const datasets = useWb((s) => s.datasets);
  const columnsOf = (id: number | null) => datasets.find((d) => d.id === id)?.columns ?? [];
  const r = open?.report;
  return (
    <div className="bayes-view" data-testid="bayes-view">
      {!enabled && !open && (
        <div className="empty-state" data-testid="bayes-off">
          <h2>Bayesian mixed models</h2>
          <p className="muted">
            Choose <strong>Bayesian</strong> under Estimation in the model builder to fit the model as brms does: Stan's NUTS sampler, brms's priors, no compile step.
          </p>
          <button type="button" className="btn" data-testid="bayes-enable" onClick={() => wb.bayes.setEnabled(true)}>
            Use Bayesian estimation
          </button>
        </div>
      )}
      <ChainProgress />
      {outcome && (
        <div className={`outcome ${outcome.state}`} role="status" data-testid={`bayes-outcome-${outcome.state}`}>
          <h2>{outcome.state === 'cancelled' ? 'Sampling cancelled' : 'The Bayesian fit did not succeed'}</h2>
          <p>
            <code>{outcome.formula}</code>
          </p>
          <p>{outcome.message}</p>
        </div>
      )}
      {enabled && (
        <details className="bayes-priors" open={!open || !!job}>
          <summary>Priors for the model in the builder</summary>
          <PriorEditor />
        </details>
      )}
      {open && r && (
        <div className="results bayes-results" data-testid="bayes-results">
          <header className="results-head">
            <div>
              <h2>{open.summary.name}</h2>
              <p className="formula-line">
                <code>{r.formula}</code>
                {open.summary.spec.subset && <span className="muted small"> subset: {open.summary.spec.subset.column} = {open.summary.spec.subset.value}</span>}
                {open.summary.spec.filter && <span className="muted small"> rows where {open.summary.spec.filter}</span>}
              </p>
              <p className="muted small" data-testid="bayes-head">
                Family: {r.family} · Links: {r.links} · Data: {open.summary.datasetName} (Number of observations: {r.nobs}) · Draws: {r.settings.chains} chains, each with iter = {r.settings.iter}; warmup = {r.settings.warmup}; thin = 1; total post-warmup draws = {r.totalDraws} · seed {r.settings.seed} · {(r.timing.wallMs / 1000).toFixed(1)} s
              </p>
            </div>
          </header>
          {open.summary.dataChanged && <div className="banner info">The data have changed since this fit; the result describes the data as they were.</div>}
          <div className="row-actions">
            <strong className="small">Posterior summary</strong>
            <TableActions source={{ kind: 'bayes', bayesId: open.summary.id }} name="posterior summary" />
          </div>
          <BayesTables r={r} digits={digits} />
          <p className="muted small">
            Draws were sampled using sampling(NUTS). For each parameter, Bulk_ESS and Tail_ESS are effective sample size measures, and Rhat is the potential scale reduction factor on split chains (at
            convergence, Rhat = 1).
          </p>
          <Diagnostics r={r} />
          {compared && <SideBySide name={compared.name} glmm={compared.report} bayes={r} digits={digits} />}
          <BayesPlots key={open.summary.id} bayesId={open.summary.id} report={r} />
          <BayesEffects key={`effects-${open.summary.id}`} bayesId={open.summary.id} formula={r.formula} columns={columnsOf(open.summary.datasetId)} />
          <BayesPpCheck key={`ppcheck-${open.summary.id}`} bayesId={open.summary.id} columns={columnsOf(open.summary.datasetId)} />
          <BayesInference key={`inference-${open.summary.id}`} bayesId={open.summary.id} datasetId={open.summary.datasetId} digits={digits} />
          <details>
            <summary>Priors used</summary>
            <PriorTable testId="bayes-priors-used">
              {r.priors.map((p, i) => (
                <tr key={i}>
                  {[p.prior || '(flat)', p.class, p.coef, p.group, p.lb, p.ub, p.source].map((v, k) => (
                    <td key={k} className="left">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </PriorTable>
          </details>
        </div>
      )}
    </div>
  );
}
