/** Learn mode's X and Z against lme4's getME(m, "X") and getME(m, "Z") (test/reference/designPreview.R). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designPreview } from '../../../src-engine/design/designPreview';
import { loadCaseTable } from '../lmm/loadCase';

interface Fixture {
  data: string;
  factors: string[];
  formula: string;
  family: string;
  n: number;
  p: number;
  q: number;
  nonZeros: number;
  fixedNames: string[];
  X: number[][];
  Z: { columns: number[]; values: number[]; names: string[] }[];
}

const DIR = 'test/reference/fixtures/designPreview';

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('designPreview %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const table = loadCaseTable({ ...fx, subset: null } as never);
  const d = designPreview(table, fx.formula, fx.family === 'gaussian' ? {} : { family: fx.family as 'binomial' });

  it('has lme4’s dimensions and number of non-zeros', () => {
    expect([d.n, d.p, d.q, d.nonZeros]).toEqual([fx.n, fx.p, fx.q, fx.nonZeros]);
    expect(d.fixedNames).toEqual(fx.fixedNames);
  });

  it('shows X’s and Z’s first rows as lme4 has them, Z’s columns named by level and term', () => {
    expect(d.X).toEqual(fx.X);
    d.Z.forEach((row, i) => {
      expect(row.map((e) => e.column)).toEqual(fx.Z[i].columns);
      expect(row.map((e) => e.value)).toEqual(fx.Z[i].values);
      // lme4 names Z's columns by level only; ours add the group and the term
      row.forEach((e, k) => expect(d.zNames[e.column]).toMatch(new RegExp(` ${fx.Z[i].names[k]}: `)));
    });
  });

  it('counts every non-zero into the picture', () => {
    expect(d.picture.counts.reduce((s, c) => s + c, 0)).toBe(d.nonZeros);
    expect(d.picture.counts).toHaveLength(d.picture.rows * d.picture.cols);
  });
});
