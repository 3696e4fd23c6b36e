/** `quadrat fit --family choose`: the count-model chooser on the command line, AICs from test/reference/countChooser.R. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const fx = JSON.parse(readFileSync('test/reference/fixtures/countChooser/salamanders.json', 'utf8')) as { formula: string; candidates: { label: string; aic: number; df: number }[] };
const SAL = ['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', fx.formula, '--family', 'choose'];

describe('quadrat fit --family choose', () => {
  it('writes the seven candidates with glmmTMB’s AIC and df, and the recommendation (--json)', () => {
    const r = run([...SAL, '--zi', '~ 1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { schema: string; rows: { label: string; aic: number; df: number; dispersionP: number }[]; recommended: string };
    expect(out.schema).toBe('quadrat.countChooser/1');
    for (const c of fx.candidates) {
      const row = out.rows.find((x) => x.label === c.label)!;
      expect(Math.abs(row.aic - c.aic) / c.aic, c.label).toBeLessThan(1e-6);
      expect(row.df).toBe(c.df);
      expect(row.dispersionP).toBeGreaterThanOrEqual(0);
    }
    expect(out.recommended).toBe('NB1');
  }, 300_000);

  it('prints the table and refuses options that do not apply', () => {
    const r = run(SAL);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^NB1 +16 +-806\.76 +1645\.51 +0\.00/m);
    expect(r.stdout).toMatch(/Recommended: NB1: it has the lowest AIC/);
    const bad = run([...SAL, '--link', 'log']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--link does not apply to --family choose/);
    const noTilde = run([...SAL, '--zi', 'spp']);
    expect(noTilde.code).toBe(2);
    expect(noTilde.stderr).toMatch(/--zi is a one-sided formula starting with ~/);
    const notCounts = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', 'cover ~ mined + (1 | site)', '--family', 'choose']);
    expect(notCounts.code).not.toBe(0);
    expect(notCounts.stderr).toMatch(/The count-model chooser fits count models: Counts cannot be negative, but cover is negative/);
  }, 300_000);

  it('keeps --disp for the negative binomials: glmmTMB’s AICs with dispformula = ~ mined (test/reference/countChooserDisp.R)', () => {
    const dx = JSON.parse(readFileSync('test/reference/fixtures/countChooser/salamanders_disp.json', 'utf8')) as typeof fx;
    const r = run([...SAL, '--disp', '~ mined', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { disp: string; rows: { label: string; aic: number; df: number }[] };
    expect(out.disp).toBe('~ mined');
    for (const c of dx.candidates) {
      const row = out.rows.find((x) => x.label === c.label)!;
      expect(Math.abs(row.aic - c.aic) / c.aic, c.label).toBeLessThan(1e-6);
      expect(row.df, c.label).toBe(c.df);
    }
  }, 300_000);
});
