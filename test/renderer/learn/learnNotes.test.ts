/** Learn mode's notes carry the model's own numbers: n, p, q from real fits, and the ICC. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReportHead } from '../../../src-main/api/contract';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { learnNotes, qOf } from '../../../src-renderer/learn/learnNotes';

function fit(file: string, factors: string[], formula: string): ReportHead {
  const columnTypes = Object.fromEntries(factors.map((f) => [f, 'factor' as const]));
  const { table } = importDelimited(new Uint8Array(readFileSync(`test/data/${file}`)), { fileName: file, columnTypes });
  const { diagnostics: _d, ...head } = fitLmm(table, { formula, reml: true });
  return head as unknown as ReportHead;
}

describe('Learn mode', () => {
  it('sleepstudy (Days | Subject): n = 180, p = 2, q = 36', () => {
    const r = fit('sleepstudy.csv', ['Subject'], 'Reaction ~ Days + (Days | Subject)');
    const dims = learnNotes(r).find((n) => n.id === 'dimensions')!;
    expect(dims.title).toBe('n = 180, p = 2, q = 36');
    expect(dims.text).toContain('18 levels of Subject × 2 terms ((Intercept), Days) = 36');
    expect(learnNotes(r).map((n) => n.id)).toEqual(['dimensions', 'fixed-random', 'estimation', 'df']);
  });

  it('counts the parts of a || term and crossed factors', () => {
    expect(qOf(fit('sleepstudy.csv', ['Subject'], 'Reaction ~ Days + (Days || Subject)'))).toBe(36);
    // Penicillin: 24 plates and 6 samples, crossed
    expect(qOf(fit('Penicillin.csv', ['plate', 'sample'], 'diameter ~ 1 + (1 | plate) + (1 | sample)'))).toBe(30);
  });

  it("gives a random-intercept model's ICC from its variances, and explains a singular fit", () => {
    const r = fit('Dyestuff.csv', ['Batch'], 'Yield ~ 1 + (1 | Batch)');
    const between = r.random.find((x) => x.group === 'Batch')!.variance;
    const within = r.random.find((x) => x.group === 'Residual')!.variance;
    const icc = learnNotes(r).find((n) => n.id === 'icc')!;
    expect(icc.title).toBe(`ICC = ${(between / (between + within)).toFixed(3)}`);
    const singular = fit('Dyestuff2.csv', ['Batch'], 'Yield ~ 1 + (1 | Batch)');
    expect(singular.singular).toBe(true);
    expect(learnNotes(singular).map((n) => n.id)).toContain('singular');
  });
});
