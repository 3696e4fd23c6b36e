import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readingOf } from '../../../src-renderer/checks/reading';

// R's numbers for sleepstudy (test/reference/candidates.R): Subject is strongly supported.
const fx = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/checks/sleepstudy.json'), 'utf8')) as {
  candidates: { factor: string; icc: number; pValue: number; singular: boolean }[];
};

describe('readingOf', () => {
  it('supports a random intercept when the LRT says so', () => {
    const r = readingOf(fx.candidates[0]);
    expect(r.supported).toBe(true);
    expect(r.text).toBe('Residuals differ between levels of Subject: ICC 0.59, LRT p < .001 — a random intercept for Subject is supported.');
  });
  it('finds no evidence above .05', () => {
    const r = readingOf({ factor: 'site', icc: 0.0213, pValue: 0.4123, singular: false });
    expect(r.supported).toBe(false);
    expect(r.text).toBe('No clear difference in residuals between levels of site: ICC 0.021, LRT p = .412 — no evidence that a random intercept for site is needed.');
  });
  it('says a singular fit has no between-level variance', () => {
    const r = readingOf({ factor: 'Batch', icc: 0, pValue: 1, singular: true });
    expect(r.supported).toBe(false);
    expect(r.text).toMatch(/^The variance between levels of Batch is estimated as 0 \(singular fit\): ICC 0, LRT p = 1.000/);
  });
});
