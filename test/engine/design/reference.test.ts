/** buildDesign against lme4's lFormula for every fixture written by test/reference/design.R. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { isQuadratError } from '../../../src-engine/errors/quadratError';
import { expectClose, FIXTURE_DIR, loadData } from './helpers';

interface ReFixture {
  term: string;
  group: string;
  levels: string[];
  termNames: string[];
  refs: number[];
  z: number[];
  zsums: number[];
}
interface Fixture {
  case: string;
  data: string;
  formula: string;
  factors: string[];
  weights: string | null;
  error: string | null;
  n: number;
  nDropped: number;
  messages: string[];
  fixedNames: string[];
  droppedFixed: string[];
  sample: number[];
  rows: number[];
  y: number[];
  X: number[];
  Xsums: number[];
  offset: number[] | null;
  weightValues: number[] | null;
  reterms: ReFixture[];
}

const TOL = 1e-10;
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${FIXTURE_DIR}/${f}`, 'utf8')) as Fixture);

describe('buildDesign matches lme4::lFormula', () => {
  it('has the fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(45));

  for (const fx of fixtures) {
    it(`${fx.case}: ${fx.formula}`, () => {
      const table = loadData(fx.data);
      const options = { factors: fx.factors, weights: fx.weights ?? undefined };
      if (fx.error !== null) {
        let caught: unknown;
        try {
          buildDesign(table, fx.formula, options);
        } catch (e) {
          caught = e;
        }
        expect(isQuadratError(caught)).toBe(true);
        expect((caught as Error).message).toContain(fx.error);
        return;
      }
      const d = buildDesign(table, fx.formula, options);
      expect(d.n).toBe(fx.n);
      expect(d.nDropped).toBe(fx.nDropped);
      expect(d.fixedNames).toEqual(fx.fixedNames);
      expect(d.droppedFixed).toEqual(fx.droppedFixed);
      for (const m of fx.messages) expect(d.warnings.some((w) => w.startsWith(m))).toBe(true);
      if (fx.nDropped > 0) expect(d.warnings[0]).toMatch(new RegExp(`^${fx.nDropped} rows? with missing values (was|were) dropped`));

      const s = fx.sample.map((k) => k - 1);
      expect(s.map((i) => d.rows[i] + 1)).toEqual(fx.rows);
      expectClose(s.map((i) => d.y[i]), fx.y, TOL, 'y');
      const p = d.p;
      expectClose(s.flatMap((i) => Array.from({ length: p }, (_, j) => d.X[j * d.n + i])), fx.X, TOL, 'X');
      const sums = Array.from({ length: p }, (_, j) => d.X.subarray(j * d.n, (j + 1) * d.n).reduce((a, b) => a + b, 0));
      expectClose(sums, fx.Xsums, TOL, 'colSums(X)');
      if (fx.offset) expectClose(s.map((i) => d.offset![i]), fx.offset, TOL, 'offset');
      else expect(d.offset).toBeUndefined();
      if (fx.weightValues) expectClose(s.map((i) => d.weights![i]), fx.weightValues, TOL, 'weights');
      else expect(d.weights).toBeUndefined();

      expect(d.reterms.map((t) => t.group)).toEqual(fx.reterms.map((t) => t.group));
      d.reterms.forEach((t, k) => {
        const e = fx.reterms[k];
        expect(t.termNames).toEqual(e.termNames);
        expect(t.levels).toEqual(e.levels);
        expect(s.map((i) => t.refs[i] + 1)).toEqual(e.refs);
        const S = t.termNames.length;
        expectClose(s.flatMap((i) => Array.from(t.z.subarray(i * S, i * S + S))), e.z, TOL, `z of ${e.term}`);
        const zsums = Array.from({ length: S }, (_, j) => {
          let sum = 0;
          for (let i = 0; i < d.n; i++) sum += t.z[i * S + j];
          return sum;
        });
        expectClose(zsums, e.zsums, TOL, `colSums(z) of ${e.term}`);
      });
    });
  }
});
