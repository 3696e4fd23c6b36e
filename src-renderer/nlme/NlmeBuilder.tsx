/**
 * The nlme part of the model builder: the random part (lme; none = gls), the variance function
 * (weights) and the correlation structure, each as pickers and as nlme text that follow each other
 * (nlmeTerms.ts), REML or ML, and the variance-structure step. The formula box above holds the fixed
 * effects only.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { RadioGroup } from '../app/RadioGroup';
import type { NlmeOptions } from '../app/state';
import {
  canonical,
  COR_STRUCTS,
  composeCorrelation,
  composeRandom,
  composeWeights,
  parseCorrelation,
  parseRandom,
  parseWeights,
  SPATIAL,
  VAR_FUNCTIONS,
  type CorrelationPick,
  type RandomPick,
  type WeightsPick,
} from './nlmeTerms';
import { VarianceStepPanel } from './VarianceStepPanel';
import { activeDataset } from '../app/state';
import { MAX_PLOT_ROWS, useDatasetRows } from '../plots/useDatasetRows';
import { repeatedTime } from './timeCheck';

type Part = keyof NlmeOptions;

/** Picker choices that follow the text: re-read whenever the text holds something else than the picks write. */
function usePick<P>(text: string, parse: (t: string) => P | null, compose: (p: P) => string, initial: P): [P, (p: P) => void] {
  const [pick, setPick] = useState<P>(() => parse(text) ?? initial);
  useEffect(() => {
    const p = parse(text);
    if (p && compose(p) !== compose(pick)) setPick(p);
  }, [text]);
  return [pick, setPick];
}

function Choice({ id, label, value, options, onChange, empty }: { id: string; label: string; value: string; options: string[]; onChange: (v: string) => void; empty?: string }) {
  const opts = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {opts.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </>
  );
}

function PartText({ part, value, placeholder, onText }: { part: Part; value: string; placeholder: string; onText: (t: string, done: boolean) => void }) {
  return (
    <input
      className="nlme-text"
      data-testid={`nlme-${part}`}
      aria-label={`${part} (nlme syntax)`}
      spellCheck={false}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onText(e.target.value, false)}
      onBlur={(e) => onText(e.target.value, true)}
    />
  );
}

/** Says before fitting when the time covariate repeats within a group (nlme refuses it); datasets up to MAX_PLOT_ROWS rows. */
function TimeCheck({ fn, time, group }: { fn: string; time: string; group: string | null }) {
  const dataset = useWb(activeDataset);
  const { rows } = useDatasetRows(dataset && dataset.nrow <= MAX_PLOT_ROWS ? dataset : null);
  const rep = useMemo(() => (rows && dataset ? repeatedTime(rows, dataset.columns, time, group) : null), [rows, dataset, time, group]);
  if (!rep) return null;
  return (
    <p className="warn small" data-testid="nlme-time-repeat">
      {time} = {rep.time} occurs twice {rep.group !== null ? `within ${group} ${rep.group}` : 'in the series'} (rows {rep.rows[0]} and {rep.rows[1]}): {fn} needs unique values within
      groups. Choose the groups the times belong to, or another covariate.
    </p>
  );
}

export function NlmeBuilder({ columns }: { columns: ColumnInfo[] }) {
  const wb = useWorkbench();
  const nlme = useWb((s) => s.options.nlme) ?? {};
  const reml = useWb((s) => s.options.reml);
  const [stepOpen, setStepOpen] = useState(false);
  const factors = columns.filter((c) => c.type !== 'numeric').map((c) => c.name);
  const numeric = columns.filter((c) => c.type === 'numeric').map((c) => c.name);

  const setPart = (part: Part, text: string) => {
    const next: NlmeOptions = { ...nlme };
    if (text.trim()) next[part] = text;
    else delete next[part];
    wb.setOptions({ nlme: next });
  };
  const onText = (part: Part) => (t: string, done: boolean) => setPart(part, done ? canonical(part, t) : t);

  const [random, setRandom] = usePick<RandomPick>(nlme.random ?? '', parseRandom, composeRandom, { slopes: [], groups: [] });
  const [weights, setWeights] = usePick<WeightsPick>(nlme.weights ?? '', parseWeights, composeWeights, { fn: 'varIdent', covariate: '', group: '' });
  const [cor, setCor] = usePick<CorrelationPick>(nlme.correlation ?? '', parseCorrelation, composeCorrelation, { fn: 'corAR1', time: '', group: '', p: 1, q: 0, nugget: false });
  // a function chosen but not yet complete (varIdent without its groups) writes no text: keep it shown
  const [weightsPicked, setWeightsPicked] = useState(false);
  const weightsOn = Boolean(nlme.weights) || weightsPicked;
  const corOn = Boolean(nlme.correlation);

  const pickRandom = (r: RandomPick) => {
    setRandom(r);
    setPart('random', composeRandom(r));
  };
  const pickWeights = (w: WeightsPick) => {
    setWeights(w);
    setPart('weights', composeWeights(w));
  };
  const pickCor = (c: CorrelationPick) => {
    setCor(c);
    setPart('correlation', composeCorrelation(c));
  };

  return (
    <div className="nlme-builder" data-testid="nlme-builder">
      <section>
        <h3 className="section-label">Random part (lme; leave empty for gls)</h3>
        <PartText part="random" value={nlme.random ?? ''} placeholder="~ 1 | Mare" onText={onText('random')} />
        <div className="re-grid">
          <Choice id="nlme-random-group" label="Grouping factor" value={random.groups[0] ?? ''} options={factors} empty="— none (gls)" onChange={(g) => pickRandom({ ...random, groups: g ? [g, ...random.groups.slice(1)] : [] })} />
          <Choice
            id="nlme-random-inner"
            label="Nested within it"
            value={random.groups[1] ?? ''}
            options={factors.filter((f) => f !== random.groups[0])}
            empty="— (not nested)"
            onChange={(g) => random.groups.length && pickRandom({ ...random, groups: g ? [random.groups[0], g] : random.groups.slice(0, 1) })}
          />
          <Choice id="nlme-random-slope" label="Random slope" value={random.slopes[0] ?? ''} options={numeric} empty="— intercept only" onChange={(s) => random.groups.length && pickRandom({ ...random, slopes: s ? [s] : [] })} />
        </div>
      </section>

      <section>
        <h3 className="section-label">Variance function (weights)</h3>
        <PartText part="weights" value={nlme.weights ?? ''} placeholder="varIdent(form = ~ 1 | Sex)" onText={onText('weights')} />
        <div className="re-grid">
          <Choice
            id="nlme-weights-fn"
            label="Function"
            value={weightsOn ? weights.fn : ''}
            options={[...VAR_FUNCTIONS]}
            empty="— none (constant variance)"
            onChange={(fn) => {
              setWeightsPicked(Boolean(fn));
              if (fn) pickWeights({ ...weights, fn: fn as WeightsPick['fn'] });
              else setPart('weights', '');
            }}
          />
          {weights.fn !== 'varIdent' && (
            <Choice
              id="nlme-weights-covariate"
              label="Variance covariate"
              value={weights.covariate}
              options={numeric}
              empty={weights.fn === 'varFixed' ? '— choose' : 'fitted values'}
              onChange={(v) => pickWeights({ ...weights, covariate: v })}
            />
          )}
          {weights.fn !== 'varFixed' && (
            <Choice id="nlme-weights-group" label={weights.fn === 'varIdent' ? 'Variance per level of' : 'Separate parameter per'} value={weights.group} options={factors} empty="—" onChange={(g) => pickWeights({ ...weights, group: g })} />
          )}
        </div>
        <button type="button" className="link-btn small" data-testid="nlme-variance-step" onClick={() => setStepOpen((o) => !o)}>
          {stepOpen ? 'Hide the variance-structure step' : 'Compare variance structures (Zuur ch. 4)…'}
        </button>
        {stepOpen && <VarianceStepPanel factors={factors} numeric={numeric} onUse={(w) => setPart('weights', w ?? '')} />}
      </section>

      <section>
        <h3 className="section-label">Correlation structure</h3>
        <PartText part="correlation" value={nlme.correlation ?? ''} placeholder="corAR1(form = ~ Time | Mare)" onText={onText('correlation')} />
        <div className="re-grid">
          <Choice
            id="nlme-cor-fn"
            label="Structure"
            value={corOn ? cor.fn : ''}
            options={[...COR_STRUCTS]}
            empty="— none (independent)"
            onChange={(fn) => (fn ? pickCor({ ...cor, fn: fn as CorrelationPick['fn'], ...(fn === 'corARMA' && cor.p + cor.q === 0 ? { p: 1 } : {}) }) : setPart('correlation', ''))}
          />
          <Choice id="nlme-cor-time" label={SPATIAL.includes(cor.fn) ? 'Position' : 'Time'} value={cor.time} options={numeric} empty="— observation order" onChange={(t) => pickCor({ ...cor, time: t })} />
          <Choice id="nlme-cor-group" label="Within groups of" value={cor.group} options={factors} empty="— one series" onChange={(g) => pickCor({ ...cor, group: g })} />
          {cor.fn === 'corARMA' && (
            <>
              <label htmlFor="nlme-cor-p">p (AR), q (MA)</label>
              <span>
                <input id="nlme-cor-p" data-testid="nlme-cor-p" type="number" min={0} max={9} value={cor.p} onChange={(e) => pickCor({ ...cor, p: Number(e.target.value) })} />
                <input aria-label="q (MA)" data-testid="nlme-cor-q" type="number" min={0} max={9} value={cor.q} onChange={(e) => pickCor({ ...cor, q: Number(e.target.value) })} />
              </span>
            </>
          )}
          {SPATIAL.includes(cor.fn) && (
            <label className="check small">
              <input type="checkbox" data-testid="nlme-cor-nugget" checked={cor.nugget} onChange={(e) => pickCor({ ...cor, nugget: e.target.checked })} />
              nugget
            </label>
          )}
        </div>
        {corOn && cor.time && cor.fn !== 'corCompSymm' && (cor.group || random.groups.length <= 1) && (
          <TimeCheck fn={cor.fn} time={cor.time} group={cor.group || random.groups[0] || null} />
        )}
      </section>

      <div className="fit-options">
        <div className="opt">
          <span className="section-label">Estimation</span>
          <RadioGroup
            label="Estimation method"
            options={[
              { value: 'reml', label: 'REML', title: "REML (nlme's default): compare variance structures with the same fixed effects" },
              { value: 'ml', label: 'ML', title: 'ML: needed to compare fixed effects by a likelihood-ratio test' },
            ]}
            value={reml ? 'reml' : 'ml'}
            onChange={(v) => wb.setOptions({ reml: v === 'reml' })}
          />
        </div>
        <p className="muted small">t and F tests use nlme's df (containment for lme, N − p for gls), as summary() and anova() print them.</p>
      </div>
    </div>
  );
}
