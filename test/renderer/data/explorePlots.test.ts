/** The exploratory plots' numbers: lattice lines are each group's lm(), the smoother is lowess, boxes per level. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boxByFactor, histogram, lattice, scatterSmooth } from '../../../src-renderer/data/explorePlots';

const lines = readFileSync('test/data/sleepstudy.csv', 'utf8').trim().split('\n').slice(1);
const rows = lines.map((l) => {
  const [r, d, s] = l.split(',');
  return [Number(r), Number(d), s.replace(/"/g, '')];
});
const subjects = [...new Set(rows.map((r) => r[2] as string))];
const columns = [
  { name: 'Reaction', type: 'numeric' as const, levels: [], missing: 0 },
  { name: 'Days', type: 'numeric' as const, levels: [], missing: 0 },
  { name: 'Subject', type: 'factor' as const, levels: subjects, missing: 0 },
];

describe('explorePlots', () => {
  it('lattice: one panel per subject with its own lm() line (subject 308: 244.19 + 21.76 Days, as R)', () => {
    const l = lattice(columns, rows, 'Reaction', 'Days', 'Subject');
    expect(l.panels).toBe(18);
    const line = l.figure.data[1] as { x: number[]; y: number[] };
    expect(line.x).toEqual([0, 9]);
    expect(line.y[0]).toBeCloseTo(244.19266909, 6);
    expect((line.y[1] - line.y[0]) / 9).toBeCloseTo(21.76470242, 6);
  });
  it('scatter: the points and R’s lowess line', () => {
    const f = scatterSmooth(columns, rows, 'Reaction', 'Days');
    const smooth = f.data[1] as { x: number[]; y: number[] };
    const r = JSON.parse(readFileSync('test/reference/fixtures/values/lowess.json', 'utf8')).cases.sleepstudy;
    smooth.y.forEach((v, i) => expect(v).toBeCloseTo(r.y[i], 10));
  });
  it('box plot: one box per level in level order; histogram: every value', () => {
    const b = boxByFactor(columns, rows, 'Reaction', 'Subject');
    expect(b.data.map((t) => (t as { name: string }).name)).toEqual(subjects);
    expect((b.data[0] as { y: number[] }).y).toHaveLength(10);
    expect((histogram(columns, rows, 'Days').data[0] as { x: number[] }).x).toHaveLength(180);
  });
});
