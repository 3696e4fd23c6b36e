/** The new rows' design: columns read from the formula, the user's mistakes refused with the reason, offsets, and seeded simulations. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../../src-engine/data/importDelimited';
import { predict, predictionModel } from '../../../../src-engine/inference/predict/predict';
import { predictorColumns } from '../../../../src-engine/inference/predict/predictorColumns';
import { newDataDesign } from '../../../../src-engine/inference/predict/newDataDesign';
import { loadCaseTable } from '../../lmm/loadCase';
import { getColumn } from '../../../../src-engine/data/table';
import { orthoPoly } from '../../../../src-engine/design/poly';

const lines = ['site,plot,x,effort,count,wet'];
let k = 0;
for (const s of ['a', 'b', 'c', 'd', 'e', 'f'])
  for (let p = 1; p <= 4; p++)
    for (let v = 0; v < 2; v++) {
      k++;
      lines.push(`${s},${s}${p},${(k % 5) + 0.5},${1 + (k % 3)},${(k * 7) % 11},${k % 2 ? 'TRUE' : 'FALSE'}`);
    }
const table = tableFromCsvText(lines.join('\n'), { columnTypes: { site: 'factor', plot: 'factor' } });

describe('predictorColumns', () => {
  it('lists the columns the fixed part reads, then the grouping-only ones, in formula order', () => {
    expect(predictorColumns('count ~ log(x) * wet + offset(log(effort)) + (x | site) + (1 | site:plot)')).toEqual({
      columns: ['x', 'wet', 'effort'],
      groups: ['site', 'plot'],
      calls: ['log', 'offset'],
    });
  });
});

describe('newDataDesign', () => {
  const model = predictionModel(table, { formula: 'count ~ x + wet + offset(log(effort)) + (1 | site)', reml: true });

  it('adds the offset and reads TRUE/FALSE as the fitted logical column', () => {
    const nd = newDataDesign(table, model.structure, [{ x: 1, wet: 'TRUE', effort: 2, site: 'a' }]);
    expect(nd.offset![0]).toBeCloseTo(Math.log(2), 12);
    expect(Array.from(nd.X)).toEqual([1, 1, 1]); // (Intercept), x, wetTRUE
    const withoutOffset = predict(table, { formula: 'count ~ x + wet + offset(log(effort)) + (1 | site)', reml: true }, [{ x: 1, wet: 'TRUE', effort: 1, site: 'a' }]).rows[0].estimate;
    const withOffset = predict(table, { formula: 'count ~ x + wet + offset(log(effort)) + (1 | site)', reml: true }, [{ x: 1, wet: 'TRUE', effort: 2, site: 'a' }]).rows[0].estimate;
    expect(withOffset - withoutOffset).toBeCloseTo(Math.log(2), 8);
  });

  it('refuses what R would refuse, saying what to type', () => {
    expect(() => newDataDesign(table, model.structure, [{ x: 'many', wet: 'TRUE', effort: 1, site: 'a' }])).toThrow(/"many" in column x \(new row 1\) is not a number/);
    expect(() => newDataDesign(table, model.structure, [{ x: 1, wet: 'maybe', effort: 1, site: 'a' }])).toThrow(/not TRUE or FALSE/);
    const factorModel = predictionModel(table, { formula: 'count ~ site + (1 | plot)', reml: true });
    expect(() => newDataDesign(table, factorModel.structure, [{ site: 'z', plot: 'a1' }])).toThrow(/site = "z" was not in the data the model was fitted to.*The levels are: a, b, c, d, e, f/);
    expect(() => newDataDesign(table, model.structure, [{ x: null, wet: 'TRUE', effort: 1, site: 'a' }])).toThrow(/No new row can be predicted: no value for x/);
  });

  it("builds poly(x, 2) of new rows from the fitted data's basis (R's predvars): the fitted rows get the fitted columns back", () => {
    const poly = predictionModel(table, { formula: 'count ~ poly(x, 2) + (1 | site)', reml: true });
    const col = getColumn(table, 'x')!;
    const x = col.type === 'numeric' ? col.values : new Float64Array(0);
    const rows = Array.from(x, (v) => ({ x: v, site: 'a' }));
    const nd = newDataDesign(table, poly.structure, rows);
    const basis = orthoPoly(x, 2);
    const m = nd.rows.length;
    for (let i = 0; i < m; i++) for (let j = 0; j < 2; j++) expect(nd.X[(j + 1) * m + i]).toBeCloseTo(basis[j][i], 12);
    // one new row alone does not get a basis of its own (which poly() of one value would refuse)
    const one = newDataDesign(table, poly.structure, [{ x: x[3], site: 'a' }]);
    expect(one.X[1]).toBeCloseTo(basis[0][3], 12);
    expect(one.X[2]).toBeCloseTo(basis[1][3], 12);
  });

  it('keeps the fitted contrasts when the new rows use one level only', () => {
    const factorModel = predictionModel(table, { formula: 'count ~ site + (1 | plot)', reml: true });
    const nd = newDataDesign(table, factorModel.structure, [{ site: 'c', plot: 'new' }]);
    expect(Array.from(nd.X)).toEqual([1, 0, 1, 0, 0, 0]);
    expect(nd.blocks[0].level[0]).toBe(-1);
  });

  it('simulates the same interval from the same seed, and another from another', () => {
    const req = { formula: 'count ~ x + (1 | site)', reml: true };
    const rows = [{ x: 2, site: 'b' }];
    const o = { re: 'group', interval: 'prediction', method: 'simulation', nsim: 500 } as const;
    const a = predict(table, req, rows, { ...o, seed: 3 }).rows[0];
    const b = predict(table, req, rows, { ...o, seed: 3 }).rows[0];
    const c = predict(table, req, rows, { ...o, seed: 4 }).rows[0];
    expect(a.lower).toBe(b.lower);
    expect(a.lower).not.toBe(c.lower);
  });
});

describe('scale() in the formula', () => {
  it('uses the fitted data’s centre and scale for the new rows, as R’s predict() does', () => {
    const fx = JSON.parse(readFileSync('test/reference/fixtures/predict_scaled/sleepstudy_na.json', 'utf8')) as {
      data: string;
      factors: string[];
      formula: string;
      newdata: Record<string, string | number>[];
      etaPopulation: number[];
      etaGroup: number[];
    };
    const t = loadCaseTable({ ...fx, subset: null } as never);
    const pop = predict(t, { formula: fx.formula, reml: true }, fx.newdata, { re: 'population', interval: 'none' });
    const grp = predict(t, { formula: fx.formula, reml: true }, fx.newdata, { re: 'group', interval: 'none' });
    // to lme4's optimizer tolerance (its θ stops ~1e-6 short)
    pop.rows.forEach((r, i) => expect(Math.abs(r.estimate / fx.etaPopulation[i] - 1)).toBeLessThan(1e-6));
    grp.rows.forEach((r, i) => expect(Math.abs(r.estimate / fx.etaGroup[i] - 1)).toBeLessThan(1e-5));
  });
});
