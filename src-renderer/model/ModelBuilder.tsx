/**
 * The model builder: variables → Response, Fixed effects (with a:b / a*b), Random effects; the
 * formula box underneath follows every click, and typing in it updates the builder.
 */
import { useMemo, useState } from 'react';
import type { ColumnInfo } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { activeDataset } from '../app/state';
import { checkFormula } from './checkFormula';
import { DesignCheck } from './DesignCheck';
import { FitBar } from './FitBar';
import { FormulaBox } from './FormulaBox';
import { RowFilterBox } from './RowFilterBox';
import { quoteName, type BuilderModel, type RandomTerm } from './formulaTerms';
import { RandomTermCard } from './RandomTermCard';
import { droppedVariables, VariableList } from './VariableList';
import { FitOptionsView } from './FitOptionsView';
import { binomialResponseText, readBinomialResponse } from './binomialResponse';
import { ResponseView } from './ResponseView';
import { EngineChoice } from '../nlme/EngineChoice';
import { NlmeBuilder } from '../nlme/NlmeBuilder';

function DropZone({ onDrop, children, label }: { onDrop: (names: string[]) => void; children: React.ReactNode; label: string }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      aria-label={label}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const names = droppedVariables(e);
        if (names.length) onDrop(names);
      }}
    >
      {children}
    </div>
  );
}

function newRandom(group: string): RandomTerm {
  return { group, nestedIn: [], intercept: true, slopes: [], correlated: true };
}

export function ModelBuilder() {
  const wb = useWorkbench();
  const dataset = useWb(activeDataset);
  const builder = useWb((s) => s.builder);
  const formulaText = useWb((s) => s.formulaText);
  const fitError = useWb((s) => s.fitFormulaError);
  const job = useWb((s) => s.job);
  const family = useWb((s) => s.options.family);
  const nlme = useWb((s) => s.options.nlme);
  const filter = useWb((s) => s.options.filter);
  const [selected, setSelected] = useState<string[]>([]);
  const columns: ColumnInfo[] = useMemo(() => dataset?.columns ?? [], [dataset]);
  const check = useMemo(() => checkFormula(formulaText, dataset?.columns ?? null), [formulaText, dataset]);

  if (!dataset) {
    return (
      <div className="panel-empty">
        <p>Open or import a dataset to build a model.</p>
      </div>
    );
  }

  const byName = new Map(columns.map((c) => [c.name, c]));
  const set = (patch: Partial<BuilderModel>) => wb.setBuilder({ ...builder, ...patch });
  const addFixed = (terms: string[]) => {
    set({ fixed: [...builder.fixed, ...terms.filter((t) => !builder.fixed.includes(t))] });
    setSelected([]);
  };
  const addRandomGroups = (names: string[]) => {
    const groups = names.filter((n) => byName.get(n)?.type !== 'numeric');
    if (groups.length === 0) {
      wb.notify('warning', 'A grouping factor must be a factor (or text/logical). Set the column type in the data grid column menu.');
      return;
    }
    set({ random: [...builder.random, ...groups.map(newRandom)] });
    setSelected([]);
  };
  const setResponseText = (response: string) => {
    set({ response });
    setSelected([]);
  };
  const setResponse = (name: string) => setResponseText(family === 'binomial' ? binomialResponseText({ successes: name, trials: { kind: 'single' } }) : quoteName(name));

  const sel = selected.filter((s) => byName.has(s));
  const used = new Set<string>();
  const binomial = family === 'binomial' ? readBinomialResponse(builder.response) : null;
  used.add(binomial ? binomial.successes : builder.response.replace(/^`|`$/g, ''));
  if (binomial && binomial.trials.kind !== 'single') used.add(binomial.trials.column);
  for (const t of builder.fixed) for (const c of columns) if (t.split(/[:*]/).includes(quoteName(c.name))) used.add(c.name);
  for (const r of builder.random) for (const g of [...r.nestedIn, r.group]) used.add(g);


  let disabledReason: string | null = null;
  if (!formulaText.trim()) disabledReason = 'Choose a response and some effects first.';
  else if (check.issue) disabledReason = 'Fix the formula first.';
  else if (nlme && builder.random.length > 0) disabledReason = 'With nlme the formula has fixed effects only: give the random part below (~ 1 | group).';
  else if (!nlme && builder.random.length === 0) disabledReason = 'Add a random effect (a mixed model needs at least one).';

  const message = check.issue?.message ?? fitError?.message ?? null;
  const issue =
    check.issue ??
    (fitError && fitError.start != null ? { message: fitError.message, start: fitError.start, end: fitError.end ?? fitError.start + 1 } : null);

  return (
    <div className="builder" data-testid="model-builder">
      <section className="builder-vars">
        <h3 className="section-label">Variables</h3>
        <VariableList columns={columns} selected={sel} onSelect={setSelected} used={used} />
        <p className="muted small">Click to select, then add below — or drag onto a box.</p>
      </section>

      <section>
        <h3 className="section-label">Response</h3>
        <DropZone label="Response" onDrop={(n) => setResponse(n[0])}>
          <ResponseView columns={columns} response={builder.response} binomial={family === 'binomial'} selected={sel} onChange={setResponseText} />
        </DropZone>
      </section>

      <section>
        <div className="section-head">
          <h3 className="section-label">Fixed effects</h3>
          <label className="check small" title="Unticked writes 0 + … (no intercept)">
            <input type="checkbox" checked={builder.intercept} onChange={(e) => set({ intercept: e.target.checked })} />
            Intercept
          </label>
        </div>
        <DropZone label="Fixed effects" onDrop={(n) => addFixed(n.map(quoteName))}>
          <ul className="chips" data-testid="fixed-terms">
            {builder.fixed.map((t) => (
              <li key={t} className="chip">
                <code>{t}</code>
                <button type="button" aria-label={`Remove ${t}`} onClick={() => set({ fixed: builder.fixed.filter((x) => x !== t) })}>
                  ×
                </button>
              </li>
            ))}
            {builder.fixed.length === 0 && <li className="muted small">None yet (intercept only).</li>}
          </ul>
          <div className="row-actions">
            <button type="button" className="btn small" disabled={sel.length === 0} data-testid="add-fixed" onClick={() => addFixed(sel.map(quoteName))}>
              Add {sel.length > 1 ? `${sel.length} selected` : (sel[0] ?? 'selected')}
            </button>
            <button
              type="button"
              className="btn small"
              disabled={sel.length < 2}
              title="Interaction only"
              data-testid="add-interaction"
              onClick={() => addFixed([sel.map(quoteName).join(':')])}
            >
              a:b
            </button>
            <button
              type="button"
              className="btn small"
              disabled={sel.length < 2}
              title="Main effects and their interaction"
              data-testid="add-crossed"
              onClick={() => addFixed([sel.map(quoteName).join('*')])}
            >
              a*b
            </button>
          </div>
        </DropZone>
      </section>

      {!nlme && (
      <section>
        <h3 className="section-label">Random effects</h3>
        <DropZone label="Random effects" onDrop={addRandomGroups}>
          {builder.random.map((r, i) => (
            <RandomTermCard
              key={i}
              index={i}
              term={r}
              columns={columns}
              slopeChoices={builder.fixed}
              onChange={(t) => set({ random: builder.random.map((x, k) => (k === i ? t : x)) })}
              onRemove={() => set({ random: builder.random.filter((_, k) => k !== i) })}
            />
          ))}
          {builder.random.length === 0 && <p className="muted small">Select a grouping factor (e.g. site, subject) and add it.</p>}
          <div className="row-actions">
            <button type="button" className="btn small" disabled={sel.length === 0} data-testid="add-random" onClick={() => addRandomGroups(sel)}>
              Add {sel.length ? sel.join(', ') : 'selected'} as grouping factor
            </button>
            <button
              type="button"
              className="link-btn small"
              disabled={!builder.response}
              title={builder.response ? 'Residuals by level, ICC and LRT for each candidate (Zuur et al.)' : 'Choose a response first'}
              data-testid="open-check"
              onClick={() => wb.setTab('checks')}
            >
              Check candidate grouping factors…
            </button>
          </div>
        </DropZone>
      </section>
      )}

      <FormulaBox
        value={formulaText}
        issue={issue}
        message={message}
        warnings={check.warnings}
        onChange={(t) => wb.setFormulaText(t)}
      />
      <RowFilterBox datasetId={dataset.id} dataVersion={dataset.dataHash} />
      <DesignCheck datasetId={dataset.id} dataVersion={dataset.dataHash} formula={formulaText} family={family} enabled={!nlme && !check.issue && builder.random.length > 0} filter={filter} />
      <EngineChoice />
      {nlme ? <NlmeBuilder columns={columns} /> : <FitOptionsView />}
      <FitBar disabledReason={job ? null : disabledReason} />
    </div>
  );
}
