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
import { VariableList } from './VariableList';
import { DropZone } from './DropZone';
import { FixedEffectsSection } from './FixedEffectsSection';
import { RandomEffectsSection } from './RandomEffectsSection';
import { fitDisabledReason, usedColumns } from './builderReadings';
import { FitOptionsView } from './FitOptionsView';
import { binomialResponseText } from './binomialResponse';
import { ResponseView } from './ResponseView';
import { EngineChoice } from '../nlme/EngineChoice';
import { NlmeBuilder } from '../nlme/NlmeBuilder';

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
  const used = usedColumns(builder, columns, family === 'binomial');
  const disabledReason = fitDisabledReason(formulaText, builder, check.issue != null, Boolean(nlme));

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

      <FixedEffectsSection builder={builder} selected={sel} set={set} addFixed={addFixed} />
      {!nlme && (
        <RandomEffectsSection
          builder={builder}
          columns={columns}
          selected={sel}
          set={set}
          addRandomGroups={addRandomGroups}
          onCheckCandidates={() => wb.setTab('checks')}
        />
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
