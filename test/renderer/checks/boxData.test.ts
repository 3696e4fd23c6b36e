import { describe, expect, it } from 'vitest';
import { boxLevels, boxPoints, MAX_BOXES, median } from '../../../src-renderer/checks/boxData';

const group = (level: string, residuals: number[], firstRow = 0) => ({ level, residuals, rows: residuals.map((_, i) => firstRow + i) });

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

describe('boxPoints', () => {
  it('every residual carries its level and data row, in the order of the boxes', () => {
    const b = boxLevels([group('308', [10, 12, 14], 0), group('309', [-20, -22], 3)]);
    expect(b.shown.map((g) => g.level)).toEqual(['309', '308']);
    expect(boxPoints(b.shown)).toEqual({ x: ['309', '309', '308', '308', '308'], y: [-20, -22, 10, 12, 14], rows: [3, 4, 0, 1, 2] });
  });
});
