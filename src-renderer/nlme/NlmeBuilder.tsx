/**
 * The nlme part of the model builder: the random part (lme; none = gls), the variance function
 * (weights) and the correlation structure, each as pickers and as nlme text that follow each other
 * (nlmeTerms.ts), REML or ML, and the variance-structure step. The formula box above holds the fixed
 * effects only.
 */
import { useEffect, useState } from 'react';
import type { ColumnInfo } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { RadioGroup } from '../app/RadioGroup';
import type { NlmeOptions } from '../app/state';
import {
  canonical,
  composeCorrelation,
  composeRandom,
  composeWeights,
  parseCorrelation,
  parseRandom,
  parseWeights,
  type CorrelationPick,
  type RandomPick,
  type WeightsPick,
} from './nlmeTerms';
import { CorrelationSection, RandomSection, WeightsSection } from './NlmeSections';

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

export function NlmeBuilder({ columns }: { columns: ColumnInfo[] }) {
  const wb = useWorkbench();
  const nlme = useWb((s) => s.options.nlme) ?? {};
  const reml = useWb((s) => s.options.reml);
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
  const [cor, setCor] = usePick<CorrelationPick>(nlme.correlation ?? '', parseCorrelation, composeCorrelation, { fn: 'corAR1', time: '', group: '', p: 1, q: 0, nugget: false, position2: '' });
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
      <RandomSection text={nlme.random ?? ''} random={random} factors={factors} numeric={numeric} onText={onText('random')} onPick={pickRandom} />
      <WeightsSection
        text={nlme.weights ?? ''}
        weights={weights}
        shown={weightsOn}
        factors={factors}
        numeric={numeric}
        onText={onText('weights')}
        onPick={pickWeights}
        onPicked={setWeightsPicked}
        onSet={(t) => setPart('weights', t)}
      />
      <CorrelationSection
        text={nlme.correlation ?? ''}
        cor={cor}
        shown={corOn}
        random={random}
        factors={factors}
        numeric={numeric}
        onText={onText('correlation')}
        onPick={pickCor}
        onSet={(t) => setPart('correlation', t)}
      />

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
