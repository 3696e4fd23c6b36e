/** The nlme builder's three parts as pickers beside their nlme text (NlmeBuilder.tsx). */
import { useMemo, useState } from 'react';
import { useWb } from '../app/context';
import type { NlmeOptions } from '../app/state';
import { activeDataset } from '../app/state';
import { MAX_PLOT_ROWS, useDatasetRows } from '../plots/useDatasetRows';
import { COR_STRUCTS, SPATIAL, VAR_FUNCTIONS, type CorrelationPick, type RandomPick, type WeightsPick } from './nlmeTerms';
import { repeatedTime } from './timeCheck';
import { VarianceStepPanel } from './VarianceStepPanel';

type Part = keyof NlmeOptions;
/** The text box of a part changed (done: on blur, when it is written in canonical form). */
type TextHandler = (t: string, done: boolean) => void;

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
function TimeCheck({ fn, time, group }: { fn: string; time: string[]; group: string | null }) {
  const dataset = useWb(activeDataset);
  const { rows } = useDatasetRows(dataset && dataset.nrow <= MAX_PLOT_ROWS ? dataset : null);
  const key = time.join('\u0000');
  const rep = useMemo(() => (rows && dataset ? repeatedTime(rows, dataset.columns, key.split('\u0000'), group) : null), [rows, dataset, key, group]);
  if (!rep) return null;
  const name = time.length > 1 ? `(${time.join(', ')})` : time[0];
  return (
    <p className="warn small" data-testid="nlme-time-repeat">
      {name} = {rep.time} occurs twice {rep.group !== null ? `within ${group} ${rep.group}` : 'in the series'} (rows {rep.rows[0]} and {rep.rows[1]}): {fn} needs unique values within
      groups. Choose the groups the times belong to, or another covariate.
    </p>
  );
}

/** lme's random part: grouping factor, a factor nested in it, a random slope (none: gls). */
export function RandomSection({ text, random, factors, numeric, onText, onPick }: { text: string; random: RandomPick; factors: string[]; numeric: string[]; onText: TextHandler; onPick: (r: RandomPick) => void }) {
  const pickRandom = onPick;
  return (
  <section>
    <h3 className="section-label">Random part (lme; leave empty for gls)</h3>
    <PartText part="random" value={text} placeholder="~ 1 | Mare" onText={onText} />
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
  );
}

/** The variance function (weights =) and the variance-structure step. */
export function WeightsSection(props: {
  text: string;
  weights: WeightsPick;
  shown: boolean;
  factors: string[];
  numeric: string[];
  onText: TextHandler;
  onPick: (w: WeightsPick) => void;
  onPicked: (on: boolean) => void;
  onSet: (text: string) => void;
}) {
  const { text, weights, factors, numeric, onText, onSet } = props;
  const pickWeights = props.onPick;
  const [stepOpen, setStepOpen] = useState(false);
  return (
  <section>
    <h3 className="section-label">Variance function (weights)</h3>
    <PartText part="weights" value={text} placeholder="varIdent(form = ~ 1 | Sex)" onText={onText} />
    <div className="re-grid">
      <Choice
        id="nlme-weights-fn"
        label="Function"
        value={props.shown ? weights.fn : ''}
        options={[...VAR_FUNCTIONS]}
        empty="— none (constant variance)"
        onChange={(fn) => {
          props.onPicked(Boolean(fn));
          if (fn) pickWeights({ ...weights, fn: fn as WeightsPick['fn'] });
          else onSet('');
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
    {stepOpen && <VarianceStepPanel factors={factors} numeric={numeric} onUse={(w) => onSet(w ?? '')} />}
  </section>
  );
}

/** The correlation structure: its kind, time or position, groups, ARMA orders or a nugget, and the time check. */
export function CorrelationSection(props: { text: string; cor: CorrelationPick; shown: boolean; random: RandomPick; factors: string[]; numeric: string[]; onText: TextHandler; onPick: (c: CorrelationPick) => void; onSet: (text: string) => void }) {
  const { text, cor, random, factors, numeric, onText, onSet } = props;
  const pickCor = props.onPick;
  const corOn = props.shown;
  return (
  <section>
    <h3 className="section-label">Correlation structure</h3>
    <PartText part="correlation" value={text} placeholder="corAR1(form = ~ Time | Mare)" onText={onText} />
    <div className="re-grid">
      <Choice
        id="nlme-cor-fn"
        label="Structure"
        value={corOn ? cor.fn : ''}
        options={[...COR_STRUCTS]}
        empty="— none (independent)"
        onChange={(fn) => (fn ? pickCor({ ...cor, fn: fn as CorrelationPick['fn'], ...(fn === 'corARMA' && cor.p + cor.q === 0 ? { p: 1 } : {}) }) : onSet(''))}
      />
      <Choice id="nlme-cor-time" label={SPATIAL.includes(cor.fn) ? 'Position' : 'Time'} value={cor.time} options={numeric} empty="— observation order" onChange={(t) => pickCor({ ...cor, time: t, ...(t ? {} : { position2: '' }) })} />
      {SPATIAL.includes(cor.fn) && cor.time && (
        <Choice id="nlme-cor-pos2" label="and (2-D)" value={cor.position2} options={numeric.filter((c) => c !== cor.time)} empty="— one dimension" onChange={(c) => pickCor({ ...cor, position2: c })} />
      )}
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
      <TimeCheck fn={cor.fn} time={SPATIAL.includes(cor.fn) && cor.position2 ? [cor.time, cor.position2] : [cor.time]} group={cor.group || random.groups[0] || null} />
    )}
  </section>
  );
}
