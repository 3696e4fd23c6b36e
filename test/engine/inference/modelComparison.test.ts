import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { compareModels } from '../../../src-engine/inference/modelComparison';
import { fitDesign } from '../../../src-engine/lmm/fitDesign';
import { loadCaseTable, subsetRows } from '../lmm/loadCase';
import { loadInferenceFixture } from '../reference/fixtures';
import { close } from './fitCase';

describe('compareModels', () => {
  const fx = loadInferenceFixture('sleepstudy');
  const table = loadCaseTable(fx);
  const [small, large] = fx.expected.lrt.models;

  it('refits REML fits by ML (as lme4 anova does), says so, and reproduces the ML table', () => {
    const fits = [small, large].map((m) => ({ name: m.name, fit: fitDesign(buildDesign(table, m.formula), true) }));
    const cmp = compareModels(fits);
    expect(cmp.refitted).toBe(true);
    expect(cmp.messages).toContain('refitting model(s) with ML (instead of REML)');
    const want = fx.expected.lrt.rows[1] as Record<string, number>;
    expect(close(cmp.rows[1].chisq, want.chisq, 1e-4)).toBe(true);
    expect(close(cmp.rows[1].pValue, want.pValue, 1e-4, 1e-10)).toBe(true);
  });

  it('gives ΔAIC and Akaike weights that sum to 1', () => {
    const fits = [small, large].map((m) => ({ name: m.name, fit: fitDesign(buildDesign(table, m.formula), false) }));
    const cmp = compareModels(fits);
    const best = cmp.rows.reduce((a, b) => (a.aic < b.aic ? a : b));
    expect(best.deltaAic).toBe(0);
    expect(cmp.rows.reduce((s, r) => s + r.akaikeWeight, 0)).toBeCloseTo(1, 12);
    for (const r of cmp.rows) expect(close(r.akaikeWeight, Math.exp(-r.deltaAic / 2) / cmp.rows.reduce((s, q) => s + Math.exp(-q.deltaAic / 2), 0), 1e-12)).toBe(true);
  });

  it('refuses fits to different rows', () => {
    const a = fitDesign(buildDesign(table, large.formula), false);
    const b = fitDesign(buildDesign(subsetRows(table, Array.from({ length: 170 }, (_, i) => i)), large.formula), false);
    expect(() => compareModels([{ name: 'a', fit: a }, { name: 'b', fit: b }])).toThrow(/different rows/);
  });

  it('refuses fits to different responses', () => {
    const a = fitDesign(buildDesign(table, large.formula), false);
    const b = fitDesign(buildDesign(table, 'log(Reaction) ~ Days + (Days | Subject)'), false);
    expect(() => compareModels([{ name: 'a', fit: a }, { name: 'b', fit: b }])).toThrow(/different responses/);
  });
});
