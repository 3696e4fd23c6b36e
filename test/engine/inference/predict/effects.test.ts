/** Effect plots' numbers against the ggpredict-style grid written out in R (test/reference/predict.R). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effects } from '../../../../src-engine/inference/predict/effects';
import { loadCaseTable } from '../../lmm/loadCase';

interface Fixture {
  data: string;
  factors: string[];
  family: string;
  formula: string;
  x: string;
  by: string;
  grid: number[];
  curves: { level: string; estimate: number[]; lower: number[]; upper: number[] }[];
}

const DIR = 'test/reference/fixtures/effects';
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-8, Math.abs(b));

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('effects %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const table = loadCaseTable({ ...fx, subset: null } as never);
  const request = { formula: fx.formula, reml: true, ...(fx.family === 'gaussian' ? {} : { family: fx.family }) };
  const e = effects(table, request, fx.x, fx.by);
  // glmer stops ~1e-3 short of the optimum Quadrat finds
  const tol = fx.family === 'gaussian' ? 1e-6 : 5e-3;

  it('runs over the same grid, one curve per level', () => {
    expect(e.curves.map((c) => c.level)).toEqual(fx.curves.map((c) => c.level));
    e.curves[0].x.forEach((v, i) => expect(v).toBeCloseTo(fx.grid[i], 10));
  });

  it('predicts each curve with its confidence band on the response scale', () => {
    e.curves.forEach((c, k) => {
      c.estimate.forEach((v, i) => expect(rel(v, fx.curves[k].estimate[i])).toBeLessThan(tol));
      c.lower.forEach((v, i) => expect(rel(v, fx.curves[k].lower[i])).toBeLessThan(5 * tol));
      c.upper.forEach((v, i) => expect(rel(v, fx.curves[k].upper[i])).toBeLessThan(5 * tol));
    });
  });
});

describe('effects', () => {
  const table = loadCaseTable({ data: 'Orthodont.csv', factors: ['Subject', 'Sex'], subset: null } as never);
  it('refuses a covariate or a by-factor the model does not have, naming the ones it has', () => {
    expect(() => effects(table, { formula: 'distance ~ age + (1 | Subject)', reml: true }, 'Sex', null)).toThrow(/Sex is not a numeric predictor of this model.*\(age\)/);
    expect(() => effects(table, { formula: 'distance ~ age + (1 | Subject)', reml: true }, 'age', 'Sex')).toThrow(/Sex is not a factor among the fixed effects/);
  });
  it('says what the other columns are held at', () => {
    const e = effects(table, { formula: 'distance ~ age + Sex + (1 | Subject)', reml: true }, 'age', null);
    expect(e.held).toEqual(['Sex = Female']);
    expect(e.curves).toHaveLength(1);
  });
});
