import { describe, expect, it } from 'vitest';
import { LmmInference } from '../../../src-engine/inference/lmmInference';
import { fixedEffectTests } from '../../../src-engine/inference/fixedEffects';
import { lmmCaseNames, loadLmmFixture, type FixedRow } from '../reference/fixtures';
import { close, fitAtR } from './fitCase';

// The tolerances: df 1e-3 relative, t 1e-4, p 1e-4 relative or 1e-10 absolute.
function compare(got: FixedRow[], want: FixedRow[]): string[] {
  const bad: string[] = [];
  want.forEach((w, j) => {
    const g = got[j];
    if (g.term !== w.term) bad.push(`term ${g.term} vs ${w.term}`);
    if (!close(g.df, w.df, 1e-3)) bad.push(`${w.term} df ${g.df} vs ${w.df}`);
    if (!close(g.statistic, w.statistic, 1e-4)) bad.push(`${w.term} t ${g.statistic} vs ${w.statistic}`);
    if (!close(g.pValue, w.pValue, 1e-4, 1e-10)) bad.push(`${w.term} p ${g.pValue} vs ${w.pValue}`);
  });
  return bad;
}

const cases = lmmCaseNames().filter((c) => c !== 'insteval_ml');

describe('fixed-effect t-tests against lmerTest', () => {
  it.each(cases)('%s: Satterthwaite', (name) => {
    const fx = loadLmmFixture(name);
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    expect(compare(fixedEffectTests(inf, 'satterthwaite'), fx.expected.fixed)).toEqual([]);
  });

  it.each(cases.filter((c) => loadLmmFixture(c).expected.fixedKR))('%s: Kenward-Roger', (name) => {
    const fx = loadLmmFixture(name);
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    expect(compare(fixedEffectTests(inf, 'kenward-roger'), fx.expected.fixedKR!)).toEqual([]);
  });
});
