/** `quadrat predict` end to end through the built CLI: lme4's numbers (test/reference/predict.R), CSV and the option checks. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const fx = JSON.parse(readFileSync('test/reference/fixtures/predict/sleepstudy.json', 'utf8')) as { etaGroup: number[]; varFixed: number[]; varGroup: number[]; sigma2: number };
const dir = mkdtempSync(join(tmpdir(), 'predict-'));
const newdata = join(dir, 'new.csv');
writeFileSync(newdata, 'Days,Subject\n0,308\n5,308\n9,372\n3,999\n');
const base = ['predict', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)', '--newdata', newdata];

describe('quadrat predict', () => {
  it('each subject’s prediction interval, as lme4’s pieces give it (JSON)', () => {
    const r = run([...base, '--re', 'group', '--interval', 'prediction', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe('quadrat.predict/1');
    out.rows.forEach((row: { estimate: number; lower: number; upper: number }, i: number) => {
      const sd = Math.sqrt(fx.varFixed[i] + fx.varGroup[i] + fx.sigma2);
      expect(row.estimate).toBeCloseTo(fx.etaGroup[i], 4);
      expect(row.upper - row.lower).toBeCloseTo(2 * 1.959964 * sd, 2);
    });
  });

  it('prints a table with the new rows, and CSV for a spreadsheet', () => {
    const text = run([...base]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/population level, re\.form = NA/);
    expect(text.stdout).toMatch(/Days\s+Subject\s+fit\s+lower\s+upper/);
    const csv = run([...base, '--csv']);
    expect(csv.stdout.split('\n')[0]).toBe('Days,Subject,fit,lower,upper');
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('checks its options by the API’s rules', () => {
    expect(run([...base, '--nsim', '1000']).stderr).toMatch(/--nsim and --seed are for --method simulation/);
    expect(run([...base, '--method', 'simulation', '--nsim', '1e7']).stderr).toMatch(/--nsim: .*100000.*got '1e7'/);
    expect(run([...base, '--interval', 'sometimes']).stderr).toMatch(/--interval: /);
    const missing = run(base.slice(0, -2));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--newdata FILE is required/);
  });
});
