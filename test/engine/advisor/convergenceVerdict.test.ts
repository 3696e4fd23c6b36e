/** The convergence verdict against lme4's allFit read by the same rule (test/reference/allFit.R). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convergenceVerdict } from '../../../src-engine/advisor/convergenceVerdict';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { loadCaseTable } from '../lmm/loadCase';

interface Fixture {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  REML: boolean;
  logLik: number;
  verdict: string;
  runs: { optimizer: string; logLik: number; sdcor: Record<string, number>; fixef: Record<string, number> }[];
}

const DIR = 'test/reference/fixtures/allFit';

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('allFit %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const design = buildDesign(loadCaseTable({ ...fx, subset: null, generatedBy: {} } as never), fx.formula);
  const advice = convergenceVerdict(design, fx.REML);

  it('gives the verdict class of allFit', () => {
    expect(advice.verdict).toBe(fx.verdict);
  });

  it('reaches lme4 bobyqa’s log-likelihood and estimates at the optimum', () => {
    const r = fx.runs.find((x) => x.optimizer === 'bobyqa')!;
    const best = advice.optimizers.reduce((a, b) => (b.logLik > a.logLik ? b : a));
    expect(best.logLik).toBeGreaterThan(r.logLik - 1e-4);
    for (const [name, v] of Object.entries(r.fixef)) expect(best.fixef[name]).toBeCloseTo(v, 2);
    // the names of allFit's sdcor columns
    expect(Object.keys(best.sdcor).sort()).toEqual(Object.keys(r.sdcor).sort());
  });
});
