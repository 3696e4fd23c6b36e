/** The convergence verdict against lme4's allFit read by the same rule (test/reference/allFit.R), for lmer and glmer fits. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRuns, runVerdictRuns, VERDICT_RUNS } from '../../../src-engine/advisor/convergenceVerdict';
import { verdictProblem } from '../../../src-engine/advisor/advise';
import { loadCaseTable } from '../lmm/loadCase';

interface Fixture {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  REML: boolean;
  family?: string;
  logLik: number;
  verdict: string;
  runs: { optimizer: string; logLik: number; sdcor: Record<string, number>; fixef: Record<string, number> }[];
}

const DIR = 'test/reference/fixtures/allFit';

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('allFit %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const table = loadCaseTable({ ...fx, subset: null, generatedBy: {} } as never);
  const glmm = fx.family && fx.family !== 'gaussian' ? { family: fx.family } : {};
  const problem = verdictProblem(table, { formula: fx.formula, reml: fx.REML, ...glmm });
  const advice = classifyRuns(runVerdictRuns(problem, VERDICT_RUNS));

  it('gives the verdict class of allFit', () => {
    expect(advice.verdict).toBe(fx.verdict);
  });

  it('reaches the log-likelihood and estimates of lme4’s best run', () => {
    const r = fx.runs.reduce((a, b) => (b.logLik > a.logLik ? b : a));
    const best = advice.optimizers.reduce((a, b) => (b.logLik > a.logLik ? b : a));
    expect(best.logLik).toBeGreaterThan(r.logLik - 1e-4);
    for (const [name, v] of Object.entries(r.fixef)) expect(best.fixef[name]).toBeCloseTo(v, 2);
    // the names of allFit's sdcor columns
    expect(Object.keys(best.sdcor).sort()).toEqual(Object.keys(r.sdcor).sort());
  });
});

describe('runVerdictRuns', () => {
  it('gives each run the same result whether the runs are made together or one per worker', () => {
    const table = loadCaseTable({ data: 'sleepstudy.csv', factors: ['Subject'], subset: null } as never);
    const problem = verdictProblem(table, { formula: 'Reaction ~ Days + (Days | Subject)', reml: false });
    const together = runVerdictRuns(problem, VERDICT_RUNS);
    const apart = VERDICT_RUNS.flatMap((name) => runVerdictRuns(problem, [name]));
    expect(apart).toEqual(together);
    expect(classifyRuns([...apart].reverse()).optimizers.map((o) => o.optimizer)).toEqual([...VERDICT_RUNS]);
  });
});
