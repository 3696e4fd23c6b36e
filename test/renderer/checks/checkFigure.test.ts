import { describe, expect, it } from 'vitest';
import { boxLevels, MAX_BOXES, median, residualBoxplot, type CandidateResult } from '../../../src-renderer/checks/checkFigure';

const group = (level: string, residuals: number[], firstRow = 0) => ({ level, residuals, rows: residuals.map((_, i) => firstRow + i) });

const candidate = (groups: CandidateResult['groups']): CandidateResult => ({
  factor: 'site',
  nLevels: groups.length,
  formula: 'y ~ x + (1 | site)',
  groups,
  groupMeanVariance: 1,
  icc: 0.5,
  lrt: 10,
  df: 1,
  pValue: 0.001,
  singular: false,
});

describe('median', () => {
  it('as R: middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('boxLevels', () => {
  it('sorts levels by median residual and skips empty levels', () => {
    const b = boxLevels([group('a', [5, 6]), group('b', []), group('c', [-1, 0, 9]), group('d', [2])]);
    expect(b.shown.map((g) => g.level)).toEqual(['c', 'd', 'a']);
    expect(b).toMatchObject({ total: 3, trimmed: false });
  });
  it(`keeps the ${MAX_BOXES} most extreme medians of many levels`, () => {
    const groups = Array.from({ length: 200 }, (_, i) => group(`s${i}`, [i]));
    const b = boxLevels(groups);
    expect(b.trimmed).toBe(true);
    expect(b.total).toBe(200);
    expect(b.shown).toHaveLength(MAX_BOXES);
    expect(b.shown[0].level).toBe('s0');
    expect(b.shown[MAX_BOXES / 2 - 1].level).toBe(`s${MAX_BOXES / 2 - 1}`);
    expect(b.shown[MAX_BOXES / 2].level).toBe(`s${200 - MAX_BOXES / 2}`);
    expect(b.shown[MAX_BOXES - 1].level).toBe('s199');
  });
});

describe('residualBoxplot', () => {
  const c = candidate([group('308', [10, 12, 14], 0), group('309', [-20, -22], 3)]);

  it('one box trace: every residual carries its data row; levels stay categories in median order', () => {
    const f = residualBoxplot(c, 'y ~ x', null);
    expect(f.data).toHaveLength(1);
    const t = f.data[0];
    expect(t.type).toBe('box');
    expect(t.x).toEqual(['309', '309', '308', '308', '308']);
    expect(t.y).toEqual([-20, -22, 10, 12, 14]);
    expect(t.customdata).toEqual([3, 4, 0, 1, 2]);
    expect(t.text).toEqual(['row 4', 'row 5', 'row 1', 'row 2', 'row 3']);
    const xaxis = f.layout.xaxis as Record<string, unknown>;
    expect(xaxis.type).toBe('category');
    expect(xaxis.categoryarray).toEqual(['309', '308']);
    expect((f.layout.title as { text: string }).text).toBe('Residuals of y ~ x by site');
  });

  it('rings the selected row', () => {
    const f = residualBoxplot(c, 'y ~ x', 4);
    expect(f.data).toHaveLength(2);
    expect(f.data[1]).toMatchObject({ x: ['309'], y: [-22] });
    expect(residualBoxplot(c, 'y ~ x', 99).data).toHaveLength(1);
  });
});
