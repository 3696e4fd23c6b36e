/**
 * The factorization as a value (lmm/lmmFactor.ts): a factor answers only while the model still holds
 * it, the model hands back the same factor for the same θ, a factor made for the criterion alone
 * refuses what it did not form, and an unevaluable θ is a clear error rather than numbers.
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fitAtTheta } from '../../../src-engine/inference/fitAtTheta';
import { fitDesign } from '../../../src-engine/lmm/fitDesign';
import { BlockFactor, SupernodalFactor } from '../../../src-engine/lmm/lmmFactor';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from './loadCase';

function fitted(name: string) {
  const f = loadLmmFixture(name);
  return fitDesign(buildDesign(loadCaseTable(f), f.formula), f.REML);
}

describe.each([
  ['sleepstudy_reml', BlockFactor],
  ['field_nested_slopes', SupernodalFactor],
] as const)('LmmFactor on %s', (name, kind) => {
  const fit = fitted(name);
  const { model } = fit;
  const thetaHat = Float64Array.from(fit.theta);
  const thetaOther = thetaHat.map((t) => (t === 0 ? t : t * 1.25));

  it('takes the path the objective takes', () => {
    expect(model.factorAt(thetaHat)).toBeInstanceOf(kind);
  });

  it('throws when read after the model factored at another θ; its scalars stay valid', () => {
    const first = model.factorAt(thetaHat)!;
    const { ldL2, ldRX2, pwrss } = first;
    const beta = Array.from(first.solve().beta);
    const second = model.factorAt(thetaOther)!;
    expect(second).not.toBe(first);
    expect(first.current).toBe(false);
    expect(second.current).toBe(true);
    expect(() => first.solve()).toThrow(/another θ/);
    expect(() => first.rest()).toThrow(/another θ/);
    expect(() => first.rowModes(0)).toThrow(/another θ/);
    expect([first.ldL2, first.ldRX2, first.pwrss]).toEqual([ldL2, ldRX2, pwrss]);
    expect(second.pwrss).not.toBe(pwrss);
    // factoring at θ̂ again gives the same numbers as the first time, in a new, current value
    const again = model.factorAt(thetaHat)!;
    expect(again).not.toBe(first);
    expect([again.ldL2, again.ldRX2, again.pwrss]).toEqual([ldL2, ldRX2, pwrss]);
    expect(Array.from(again.solve().beta)).toEqual(beta);
  });

  it('hands back the same factor for the same θ (a copy of θ included) while it is current', () => {
    const f = model.factorAt(thetaOther)!;
    expect(model.factorAt(Float64Array.from(thetaOther))).toBe(f);
    expect(model.factorAt(Array.from(thetaOther))).toBe(f);
  });

  it('an unevaluable θ is a clear QuadratError from fitAtTheta, not numbers', () => {
    const bad = thetaHat.map(() => Number.NaN);
    expect(model.factorAt(bad)).toBeNull();
    let caught: unknown;
    try {
      fitAtTheta(model, bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QuadratError);
    expect((caught as QuadratError).kind).toBe('fit');
    expect((caught as Error).message).toMatch(/cannot be evaluated at this θ/);
  });
});

describe('a factor made for the criterion alone (block-0 path)', () => {
  const fit = fitted('sleepstudy_reml');
  const { model } = fit;

  it('refuses the level rows and solutions it did not form, and a complete request refactors', () => {
    const partial = model.factorAt(fit.theta, false) as BlockFactor;
    expect(partial.complete).toBe(false);
    expect(() => partial.levelRows(0)).toThrow(/criterion alone/);
    expect(() => partial.solve()).toThrow(/criterion alone/);
    // the dense rest is valid either way
    expect(partial.rest().L.length).toBeGreaterThan(0);
    const complete = model.factorAt(fit.theta, true) as BlockFactor;
    expect(complete).not.toBe(partial);
    expect(complete.complete).toBe(true);
    expect(complete.levelRows(0).length).toBeGreaterThan(0);
    expect(complete.ldL2).toBe(partial.ldL2);
    expect(complete.pwrss).toBe(partial.pwrss);
    // and the partial one is now stale
    expect(() => partial.rest()).toThrow(/another θ/);
  });

  it('the supernodal path is always complete: a criterion-only request gives a complete factor, reused', () => {
    const nested = fitted('field_nested_slopes');
    const f = nested.model.factorAt(nested.theta, false)!;
    expect(f.complete).toBe(true);
    expect(nested.model.factorAt(nested.theta, true)).toBe(f);
  });
});

describe('BlockFactor keeps the y modes of its solve', () => {
  it.each(['sleepstudy_reml', 'penicillin', 'ham'])('%s: rowModes(m − 1) after solve() is a fresh solve, bit for bit', (name) => {
    const fit = fitted(name);
    const theta = Float64Array.from(fit.theta);
    // a factor that solved (its y modes kept) and one that did not (solved by rowModes itself)
    const kept = fit.model.factorAt(theta) as BlockFactor;
    kept.solve();
    const m = kept.cp.m;
    const fromSolve = kept.rowModes(m - 1);
    const other = Float64Array.from(theta, (t) => t * 1.1);
    fit.model.factorAt(other);
    const fresh = (fit.model.factorAt(theta) as BlockFactor).rowModes(m - 1);
    expect(Array.from(fromSolve.v)).toEqual(Array.from(fresh.v));
    expect(fromSolve.u.map((u) => Array.from(u))).toEqual(fresh.u.map((u) => Array.from(u)));
  });
});

describe("BlockFactor solves X's rows two at a time", () => {
  // a crossed design (the dense rest's loop) and a nested one with a crossed term (the rest's diagonal
  // head and its dense tail); two X columns and three (a pair and one left over)
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['y,x,z,a,b,d'];
  for (let i = 0; i < 600; i++) {
    const [a, b, d, x, z] = [Math.floor(rnd() * 8), Math.floor(rnd() * 6), Math.floor(rnd() * 30), rnd(), rnd()];
    lines.push(`${(x - z + a * 0.05 + b * 0.1 + d * 0.02 + rnd()).toFixed(4)},${x.toFixed(3)},${z.toFixed(3)},a${a},b${b},d${d}`);
  }
  const table = tableFromCsvText(lines.join('\n'));

  it.each(['y ~ x + (1 | d) + (1 | b)', 'y ~ x + z + (1 | d/a) + (1 | b)', 'y ~ x + (1 | d/a) + (1 | b)'])("%s: each X row's modes are its one-row bits", (formula) => {
    const fit = fitDesign(buildDesign(table, formula), true);
    const theta = Float64Array.from(fit.theta);
    const first = fit.model.factorAt(theta) as BlockFactor;
    const { m, qRest } = first.cp;
    expect(qRest).toBeGreaterThan(0);
    const rows = [m - 1, ...Array.from({ length: fit.model.design.p }, (_, j) => qRest + j)];
    const together = first.rowModesOf(rows).map((r) => ({ v: Array.from(r.v), u: r.u.map((u) => Array.from(u)) }));
    // a fresh factor at the same θ, one row at a time
    fit.model.factorAt(Float64Array.from(theta, (t) => t * 1.1));
    const alone = fit.model.factorAt(theta) as BlockFactor;
    rows.forEach((row, i) => {
      const r = alone.rowModes(row);
      expect(together[i], `row ${row}`).toEqual({ v: Array.from(r.v), u: r.u.map((u) => Array.from(u)) });
    });
  });
});
