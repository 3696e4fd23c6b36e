/** `quadrat ranova` and `quadrat step` end to end through the built CLI, against lmerTest's fixtures. */
import { describe, expect, it } from 'vitest';
import { loadInferenceFixture, type TableRow } from '../../engine/reference/fixtures';
import { useCli } from '../helpers/cli';

const { run } = useCli();

/** |got − want| ≤ tol·max(1, |want|), null matching null. */
const near = (got: unknown, want: unknown, tol: number) =>
  want === null || want === undefined ? got === null : typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));

function lrMismatches(got: Record<string, unknown>[], want: TableRow[]): string[] {
  const bad: string[] = [];
  if (got.length !== want.length) return [`${got.length} rows vs ${want.length}`];
  want.forEach((w, i) => {
    if (got[i].term !== w.term) bad.push(`row ${i}: ${String(got[i].term)} vs ${w.term}`);
    for (const [k, tol] of [['npar', 0], ['logLik', 1e-6], ['lrt', 1e-4], ['df', 0], ['pValue', 1e-4]] as const)
      if (!near(got[i][k], w[k], tol)) bad.push(`${w.term} ${k}: ${String(got[i][k])} vs ${String(w[k])}`);
  });
  return bad;
}

describe('quadrat ranova', () => {
  const fx = loadInferenceFixture('sleepstudy');
  const base = ['ranova', '--data', `test/data/${fx.data}`, '--factor', fx.factors.join(','), '--formula', fx.formula];

  it("gives lmerTest's ranova(m) as JSON", () => {
    const r = run([...base, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ schema: 'quadrat.ranova/1', formula: fx.formula, method: 'REML' });
    expect(lrMismatches(out.rows, fx.expected.ranova)).toEqual([]);
    expect(out.formulas).toHaveLength(fx.expected.ranova.length - 1);
  });

  it('prints the table as lmerTest lays it out', () => {
    const r = run(base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ANOVA-like table for random-effects: Single term deletions/);
    expect(r.stdout).toMatch(/Days in \(Days \| Subject\)\s+4\s+-893\.\d+\s+1794\.\d\s+42\.8\d+\s+2\s+4\.99e-10\s+\*\*\*/);
  });

  it('refuses a model without random effects with one clear line', () => {
    const r = run(['ranova', '--data', 'test/data/sleepstudy.csv', '--formula', 'Reaction ~ Days']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: ranova needs a model with at least one random-effects term.\n');
  });
});

describe('quadrat step', () => {
  const fx = loadInferenceFixture('oats');
  const base = ['step', '--data', `test/data/${fx.data}`, '--factor', fx.factors.join(','), '--formula', fx.formula];
  const want = fx.expected.step;

  it("gives lmerTest's step(m): the elimination tables and the model found", () => {
    const r = run([...base, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ schema: 'quadrat.step/1', method: 'REML', ddf: 'satterthwaite' });
    expect(out.random.map((x: { eliminated: number | null }) => x.eliminated)).toEqual(want.random.map((x) => x.eliminated));
    expect(lrMismatches(out.random, want.random)).toEqual([]);
    expect(out.fixed.map((f: { term: string; eliminated: number }) => [f.term, f.eliminated])).toEqual(want.fixed.map((f) => [f.term, f.eliminated]));
    out.fixed.forEach((f: { fValue: number; denDf: number; pValue: number }, k: number) => {
      expect(near(f.fValue, want.fixed[k].fValue, 1e-4)).toBe(true);
      expect(near(f.denDf, want.fixed[k].denDf, 1e-3)).toBe(true);
      expect(near(f.pValue, want.fixed[k].pValue, 1e-3)).toBe(true);
    });
    expect(out.finalFormula).toBe('yield ~ 1 + nitro + (1 | Variety:Block) + (1 | Block)');
  });

  it('prints both tables and the model found', () => {
    const r = run(base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Backward reduced random-effect table:/);
    expect(r.stdout).toMatch(/Degrees of freedom method: Satterthwaite/);
    expect(r.stdout).toMatch(/\nVariety\s+1\s/);
    expect(r.stdout).toMatch(/Model found:\nyield ~ 1 \+ nitro \+ \(1 \| Variety:Block\) \+ \(1 \| Block\)\n$/);
  });

  it('refuses an unknown --ddf and a missing --formula', () => {
    const bad = run([...base, '--ddf', 'containment']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: step: --ddf: Invalid option: expected one of "satterthwaite"\|"kenward-roger"/);
    const krMl = run([...base, '--ddf', 'kr', '--ml']);
    expect(krMl.code).toBe(2);
    expect(krMl.stderr).toMatch(/^error: Kenward-Roger's method is only available for REML fits/);
    const none = run(['step', '--data', 'test/data/Oats.csv']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: step: --formula .* is required/);
  });
});
