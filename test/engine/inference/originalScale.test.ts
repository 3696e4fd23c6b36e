/** scale(x) coefficients read back per unit of x, against lmer fitted with x itself (test/reference/originalScale.R). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { originalScale } from '../../../src-engine/inference/originalScale';
import { loadCaseTable } from '../lmm/loadCase';

const DIR = 'test/reference/fixtures/originalScale';
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('originalScale %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as { data: string; factors: string[]; scaled: string; raw: string; rows: { term: string; estimate: number; stdError: number }[] };
  const table = loadCaseTable({ ...fx, subset: null } as never);

  it('gives lmer’s estimates and SEs of the model with x itself', () => {
    const report = fitLmm(table, { formula: fx.scaled, reml: true });
    expect(report.originalScale!.rows.map((r) => r.term)).toEqual(fx.rows.map((r) => r.term));
    report.originalScale!.rows.forEach((r, i) => {
      expect(rel(r.estimate, fx.rows[i].estimate)).toBeLessThan(1e-6);
      expect(rel(r.stdError, fx.rows[i].stdError)).toBeLessThan(1e-5);
    });
  });
});

describe('originalScale', () => {
  const table = loadCaseTable({ data: 'Orthodont.csv', factors: ['Subject', 'Sex'], subset: null } as never);
  it('says nothing for a model without scale(), or with a scaled variable in an interaction', () => {
    expect(fitLmm(table, { formula: 'distance ~ age + (1 | Subject)', reml: true }).originalScale).toBeUndefined();
    const report = fitLmm(table, { formula: 'distance ~ scale(age) * Sex + (1 | Subject)', reml: true });
    expect(originalScale(table, 'distance ~ scale(age) * Sex + (1 | Subject)', report)).toBeNull();
  });
  it('works for a GLMM as well (the same linear map of β and vcov)', () => {
    const ticks = loadCaseTable({ data: 'grouseticks.csv', factors: ['YEAR', 'BROOD', 'LOCATION'], subset: null } as never);
    const scaled = fitLmm(ticks, { formula: 'TICKS ~ YEAR + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION)', reml: false, family: 'poisson' });
    const raw = fitLmm(ticks, { formula: 'TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)', reml: false, family: 'poisson' });
    scaled.originalScale!.rows.forEach((r, i) => {
      expect(r.term).toBe(raw.fixed[i].term);
      expect(rel(r.estimate, raw.fixed[i].estimate)).toBeLessThan(1e-3);
    });
  });
});
