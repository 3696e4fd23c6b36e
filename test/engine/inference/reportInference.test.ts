import { describe, expect, it } from 'vitest';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { loadCaseTable } from '../lmm/loadCase';
import { loadLmmFixture } from '../reference/fixtures';
import { close, compareAnova } from './fitCase';

describe('fitLmm fills df, p and the ANOVA table', () => {
  it('ham, Type III, Satterthwaite (default): the whole quadrat.fit/1 inference matches lmerTest', () => {
    const fx = loadLmmFixture('ham');
    const report = fitLmm(loadCaseTable(fx), { formula: fx.formula, reml: true, anovaType: 3 });
    expect(report.ddf).toBe('satterthwaite');
    report.fixed.forEach((f, j) => {
      expect(close(f.df, fx.expected.fixed[j].df, 1e-3), f.term).toBe(true);
      expect(close(f.pValue, fx.expected.fixed[j].pValue, 1e-4, 1e-10), f.term).toBe(true);
    });
    const rows = report.anova.map((r) => ({ ...r, sumSq: r.sumSq ?? null, meanSq: r.meanSq ?? null }));
    expect(compareAnova(rows, fx.expected.anova!.type3_satterthwaite!)).toEqual([]);
  });

  it('Kenward-Roger Type I on Orthodont', () => {
    const fx = loadLmmFixture('orthodont_intercept');
    const report = fitLmm(loadCaseTable(fx), { formula: fx.formula, reml: true, ddf: 'kenward-roger', anovaType: 1 });
    expect(report.ddf).toBe('kenward-roger');
    const rows = report.anova.map((r) => ({ ...r, sumSq: r.sumSq ?? null, meanSq: r.meanSq ?? null }));
    expect(compareAnova(rows, fx.expected.anova!.type1_kr!)).toEqual([]);
  });

  it('an aliased term is left out of the table with a warning', () => {
    const fx = loadLmmFixture('sleepstudy_rankdef');
    const report = fitLmm(loadCaseTable(fx), { formula: fx.formula, reml: true, anovaType: 2 });
    expect(report.anova.map((r) => r.term)).toEqual(['Days']);
    expect(report.warnings.some((w) => w.startsWith('Days2: all its coefficients were dropped'))).toBe(true);
  });

  it("ddf 'none' gives lme4's t without df or p, and no table", () => {
    const fx = loadLmmFixture('sleepstudy_reml');
    const report = fitLmm(loadCaseTable(fx), { formula: fx.formula, reml: true, ddf: 'none', anovaType: 3 });
    expect(report.fixed.every((f) => f.df === null && f.pValue === null)).toBe(true);
    expect(close(report.fixed[1].statistic, fx.expected.fixed[1].statistic, 1e-4)).toBe(true);
    expect(report.anova).toEqual([]);
  });

  it('falls back to Satterthwaite, with a warning, when Kenward-Roger cannot be computed (as lmerTest)', () => {
    // 4001 groups of two: more random effects than this version's dense KR accepts
    const n = 8002;
    const g = Int32Array.from({ length: n }, (_, i) => i >> 1);
    const x = Float64Array.from({ length: n }, (_, i) => (i % 7) - 3);
    const y = Float64Array.from({ length: n }, (_, i) => 2 + 0.5 * x[i] + Math.sin(g[i] * 12.9898) * 0.8 + Math.cos(i * 78.233) * 0.5);
    const table = {
      nrow: n,
      columns: [
        { name: 'y', type: 'numeric' as const, values: y },
        { name: 'x', type: 'numeric' as const, values: x },
        { name: 'g', type: 'factor' as const, codes: g, levels: Array.from({ length: 4001 }, (_, i) => `g${String(i).padStart(4, '0')}`) },
      ],
    };
    const kr = fitLmm(table, { formula: 'y ~ x + (1 | g)', reml: true, ddf: 'kenward-roger' });
    const satt = fitLmm(table, { formula: 'y ~ x + (1 | g)', reml: true });
    expect(kr.warnings.some((w) => w.startsWith('Unable to compute Kenward-Roger tests: using Satterthwaite instead'))).toBe(true);
    expect(kr.fixed.map((f) => f.df)).toEqual(satt.fixed.map((f) => f.df));
  });

  it('Kenward-Roger on an ML fit is refused with lmerTest’s reason', () => {
    const fx = loadLmmFixture('sleepstudy_ml');
    expect(() => fitLmm(loadCaseTable(fx), { formula: fx.formula, reml: false, ddf: 'kenward-roger' })).toThrow(/only available for REML/);
  });
});
