/**
 * The random-effects check (Zuur et al. 2009, ch. 5) in one view: the builder's fixed part, the
 * candidate grouping factors to tick, and per candidate the residual boxplot, variance of group
 * means, ICC and LRT, with "Add as random effect". States: no dataset, no candidates, ready,
 * running, failed, results (marked when the builder or the data have moved on since).
 */
import { useMemo } from 'react';
import { useWb, useWorkbench } from '../app/context';
import { PickedRowBar } from '../plots/PickedRowBar';
import { activeDataset } from '../app/state';
import { CandidateCard } from './CandidateCard';
import { candidateOptions, fixedPart, MAX_CANDIDATES, type CandidateOption } from './candidates';
import { checkRunFor, isInterceptOf, useCheck } from './checkRun';

function Empty({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </div>
  );
}

function CandidateList({ options, isTicked, onTick, disabled }: { options: CandidateOption[]; isTicked: (o: CandidateOption) => boolean; onTick: (name: string, on: boolean) => void; disabled: boolean }) {
  return (
    <fieldset className="check-candidates" data-testid="check-candidates" disabled={disabled}>
      <legend className="section-label">Candidate grouping factors</legend>
      {options.map((o) => (
        <label key={o.name} className={`check${o.unusable ? ' disabled' : ''}`} title={o.unusable ?? undefined}>
          <input type="checkbox" data-testid={`check-cand-${o.name}`} checked={!o.unusable && isTicked(o)} disabled={o.unusable !== null} onChange={(e) => onTick(o.name, e.target.checked)} />
          {o.name}
          <span className="muted small">{o.unusable ?? (o.nLevels !== null ? `${o.nLevels} levels` : 'text')}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function CheckView() {
  const wb = useWorkbench();
  const run = checkRunFor(wb);
  const dataset = useWb(activeDataset);
  const builder = useWb((s) => s.builder);
  const selected = useWb((s) => s.selectedRow);
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const family = useWb((s) => s.options.family);
  const st = useCheck(run, (s) => s);
  const fixed = fixedPart(builder);
  const options = useMemo(() => (dataset ? candidateOptions(dataset.columns, dataset.nrow, fixed) : []), [dataset, fixed]);

  if (!dataset) {
    return (
      <Empty title="No data to check" testId="check-no-data">
        <p className="muted">Open or import a dataset, then build the fixed part of the model (response and fixed effects).</p>
      </Empty>
    );
  }
  const own = st.ticksFor === dataset.id ? st.ticks : {};
  const isTicked = (o: CandidateOption) => (o.name in own ? own[o.name] : o.byDefault);
  const ticked = options.filter((o) => !o.unusable && isTicked(o)).map((o) => o.name);
  const loading = st.status === 'loading';

  let disabledReason: string | null = null;
  if (!fixed) disabledReason = 'Choose a response in the model builder first.';
  else if (ticked.length === 0) disabledReason = 'Tick at least one candidate.';
  else if (ticked.length > MAX_CANDIDATES) disabledReason = `Tick at most ${MAX_CANDIDATES} candidates at once.`;

  const stale =
    st.status === 'done' && (st.datasetId !== dataset.id || st.dataHash !== dataset.dataHash || st.fixedFormula !== fixed);

  return (
    <div className="checks" data-testid="checks">
      <CheckHeader family={family} />

      <div className="check-setup">
        <p className="formula-line">
          <span className="section-label">Fixed part (from the model builder)</span>
          {fixed ? <code data-testid="check-fixed">{fixed}</code> : <span className="muted">— choose a response in the model builder —</span>}
        </p>
        {options.length === 0 ? (
          <div className="empty-state small-empty" data-testid="check-empty">
            <h2>No candidate grouping factors</h2>
            <p className="muted">
              This dataset has no factor or text columns. Mark the grouping columns (site, plot, subject…) as factors in the data grid’s
              column menu.
            </p>
          </div>
        ) : (
          <CandidateList options={options} isTicked={isTicked} onTick={(n, on) => run.tick(dataset.id, n, on)} disabled={loading} />
        )}
        {options.length > 0 && (
          <div className="row-actions">
            <button
              type="button"
              className="btn primary"
              data-testid="check-run"
              disabled={loading || disabledReason !== null}
              onClick={() => fixed && void run.run(dataset.id, dataset.dataHash, fixed, ticked)}
            >
              {st.status === 'done' || st.status === 'error' ? 'Run again' : 'Run check'}
            </button>
            {disabledReason && !loading && <span className="muted small">{disabledReason}</span>}
          </div>
        )}
      </div>

      {loading && (
        <div className="check-loading" data-testid="check-loading" role="status">
          <span className="spinner" /> Fitting <code>{st.fixedFormula}</code> and{' '}
          {ticked.length === 1 ? `the model with (1 | ${ticked[0]})` : `${ticked.length} models, one random intercept each`}…
        </div>
      )}

      {st.status === 'error' && <CheckFailed fixedFormula={st.fixedFormula} error={st.error} />}

      {st.status === 'idle' && options.length > 0 && <p className="muted check-hint">Tick the candidates and press Run check.</p>}

      {st.status === 'done' && st.result && (
        <div className="check-results" data-testid="check-results">
          {stale && (
            <div className="banner info" data-testid="check-stale">
              The model builder or the data have changed since this check of <code>{st.fixedFormula}</code>. Run it again to update.
            </div>
          )}
          <PickedRowBar testId="check-picked-row" />
          {st.result.candidates.map((c) => (
            <CandidateCard
              key={c.factor}
              c={c}
              fixedFormula={st.result?.fixedFormula ?? ''}
              digits={digits}
              selected={selected}
              inModel={builder.random.some((r) => isInterceptOf(r, c.factor))}
              onAdd={() => run.addAsRandom(c.factor)}
              onPickRow={(r) => wb.selectRow(r)}
            />
          ))}
          <CheckNote />
        </div>
      )}
    </div>
  );
}

/** What the check does, and how it reads for the family chosen in the builder. */
function CheckHeader({ family }: { family: string }) {
  return (
    <header className="results-head">
      <div>
        <h2>Random-effects check</h2>
        <p className="muted small check-intro">
          Does a grouping factor need a random intercept? Fit the model without random effects, look at its residuals by level of
          each candidate, and test adding <code>(1 | factor)</code> (Zuur et al. 2009, ch. 5).
        </p>
        {family !== 'gaussian' && family !== 'binomial' && family !== 'poisson' && (
          <p className="muted small" data-testid="check-family">
            Family {family}: this check compares a linear model with a linear mixed model (the GLM form is for binomial and Poisson
            responses); read it on the scale of the response.
          </p>
        )}
        {(family === 'binomial' || family === 'poisson') && (
          <p className="muted small" data-testid="check-family">
            Family {family}: a GLM against the GLMM with <code>(1 | factor)</code>, Pearson residuals, and the ICC on the latent scale.
          </p>
        )}
      </div>
    </header>
  );
}

function CheckFailed({ fixedFormula, error }: { fixedFormula: string | null | undefined; error: string | null | undefined }) {
  return (
    <div className="outcome failed check-outcome" data-testid="check-error" role="alert">
      <h2>The check did not succeed</h2>
      <p>
        <code>{fixedFormula}</code>
      </p>
      <p>{error}</p>
      <p className="muted">Check the fixed part and the column types (a grouping factor must be a factor or text), then run it again.</p>
    </div>
  );
}

/** How each number of a candidate's card is computed. */
function CheckNote() {
  return (
    <p className="table-note">
      Residuals are from the fixed-effects-only model (<code>lm</code>), fitted to the rows where the candidate is known. Var. of
      group means: the sample variance of the mean residual per level. ICC: the share of variance between levels in the
      random-intercept model (REML). LRT: REML likelihood ratio of the models with and without <code>(1 | factor)</code>, as
      lmerTest’s <code>ranova()</code>. A variance tested at its boundary of 0 makes this p conservative; the boundary-corrected p
      is half of it. Hover a point to see its row; click it to select the row in the data grid.
    </p>
  );
}
