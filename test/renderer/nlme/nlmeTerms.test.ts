/**
 * The nlme pickers' text round trip: what the pickers write parses back to the same choices, typed
 * text in any spacing reads as the pickers' choices and is written back canonically, and text beyond
 * the pickers (valid nlme) is left as typed. Every canonical text is one the engine fits (fixtures).
 */
import { describe, expect, it } from 'vitest';
import {
  canonical,
  composeCorrelation,
  composeRandom,
  composeWeights,
  parseCorrelation,
  parseRandom,
  parseWeights,
  type CorrelationPick,
  type WeightsPick,
} from '../../../src-renderer/nlme/nlmeTerms';

describe('random part', () => {
  it('round-trips intercepts, slopes and nesting', () => {
    for (const r of [{ slopes: [], groups: ['Mare'] }, { slopes: ['age'], groups: ['Subject'] }, { slopes: [], groups: ['Block', 'Variety'] }]) {
      expect(parseRandom(composeRandom(r))).toEqual(r);
    }
    expect(composeRandom({ slopes: [], groups: ['Block', 'Variety'] })).toBe('~ 1 | Block/Variety');
    expect(parseRandom('~1|Mare')).toEqual({ slopes: [], groups: ['Mare'] });
    expect(parseRandom('~ 1 + age | Subject')).toEqual({ slopes: ['age'], groups: ['Subject'] });
    expect(canonical('random', '~age|Subject')).toBe('~ age | Subject');
  });
  it('leaves what the pickers cannot hold as typed', () => {
    expect(parseRandom('list(Subject = pdDiag(~ age))')).toBeNull();
    expect(canonical('random', 'list(Subject = pdDiag(~ age))')).toBe('list(Subject = pdDiag(~ age))');
  });
});

describe('variance functions', () => {
  const picks: [WeightsPick, string][] = [
    [{ fn: 'varIdent', covariate: '', group: 'Sex' }, 'varIdent(form = ~ 1 | Sex)'],
    [{ fn: 'varPower', covariate: 'age', group: '' }, 'varPower(form = ~ age)'],
    [{ fn: 'varPower', covariate: 'age', group: 'Sex' }, 'varPower(form = ~ age | Sex)'],
    [{ fn: 'varPower', covariate: '', group: '' }, 'varPower()'],
    [{ fn: 'varExp', covariate: 'age', group: '' }, 'varExp(form = ~ age)'],
    [{ fn: 'varConstPower', covariate: 'age', group: '' }, 'varConstPower(form = ~ age)'],
    [{ fn: 'varFixed', covariate: 'age', group: '' }, 'varFixed(~ age)'],
  ];
  it('writes nlme syntax and reads it back', () => {
    for (const [pick, text] of picks) {
      expect(composeWeights(pick)).toBe(text);
      expect(parseWeights(text)).toEqual(pick);
    }
    expect(parseWeights('varIdent(form=~1|Sex)')).toEqual(picks[0][0]);
    expect(parseWeights('varPower(form = ~ fitted(.))')).toEqual({ fn: 'varPower', covariate: '', group: '' });
  });
  it('leaves varComb as typed', () => {
    const t = 'varComb(varIdent(form = ~ 1 | Sex), varPower())';
    expect(parseWeights(t)).toBeNull();
    expect(canonical('weights', t)).toBe(t);
  });
});

describe('correlation structures', () => {
  const picks: [CorrelationPick, string][] = [
    [{ fn: 'corAR1', time: '', group: 'Mare', p: 0, q: 0, nugget: false, position2: '' }, 'corAR1(form = ~ 1 | Mare)'],
    [{ fn: 'corAR1', time: 'Time', group: 'Mare', p: 0, q: 0, nugget: false, position2: '' }, 'corAR1(form = ~ Time | Mare)'],
    [{ fn: 'corARMA', time: '', group: 'Mare', p: 1, q: 1, nugget: false, position2: '' }, 'corARMA(form = ~ 1 | Mare, p = 1, q = 1)'],
    [{ fn: 'corExp', time: 'Days', group: 'Subject', p: 0, q: 0, nugget: true, position2: '' }, 'corExp(form = ~ Days | Subject, nugget = TRUE)'],
    [{ fn: 'corCompSymm', time: '', group: 'Subject', p: 0, q: 0, nugget: false, position2: '' }, 'corCompSymm(form = ~ 1 | Subject)'],
    [{ fn: 'corAR1', time: '', group: '', p: 0, q: 0, nugget: false, position2: '' }, 'corAR1()'],
    [{ fn: 'corSymm', time: '', group: 'Subject', p: 0, q: 0, nugget: false, position2: '' }, 'corSymm(form = ~ 1 | Subject)'],
    [{ fn: 'corRatio', time: 'latitude', group: '', p: 0, q: 0, nugget: true, position2: 'longitude' }, 'corRatio(form = ~ latitude + longitude, nugget = TRUE)'],
    [{ fn: 'corExp', time: 'x', group: 'site', p: 0, q: 0, nugget: false, position2: 'y' }, 'corExp(form = ~ x + y | site)'],
  ];
  it('writes nlme syntax and reads it back', () => {
    for (const [pick, text] of picks) {
      expect(composeCorrelation(pick)).toBe(text);
      expect(parseCorrelation(text)).toEqual(pick);
    }
    expect(canonical('correlation', 'corARMA(form=~1|Mare,p=2)')).toBe('corARMA(form = ~ 1 | Mare, p = 2)');
  });
  it('refuses what it cannot read', () => {
    expect(parseCorrelation('corFoo(form = ~ 1 | g)')).toBeNull();
    expect(parseCorrelation('corExp(form = ~ x + y + z | g)')).toBeNull();
    expect(parseCorrelation('corAR1(form = ~ x + y | g)')).toBeNull();
  });
});
