/**
 * A gls without correlation whose weights are shared by classes of rows sums [X y]ᵀ[X y] per class once
 * (likelihood.ts, VarFunc.weightClasses): the criterion equals the row-by-row sums for every variance
 * function that has classes, and the classes are those of the covariate's (stratum, value) pairs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { buildModel } from '../../../src-engine/nlme/buildModel';
import { fitNlmeModel } from '../../../src-engine/nlme/fitNlme';
import { evaluate } from '../../../src-engine/nlme/likelihood';
import { type NlmeModel } from '../../../src-engine/nlme/model';
import { pairClasses } from '../../../src-engine/nlme/varFunc/varFunc';

const orthodont = () => importDelimited(readFileSync('test/data/Orthodont.csv', 'utf8'), { columnTypes: { Subject: 'factor', Sex: 'factor' } }).table;

/** The same model with the variance function's classes hidden: the row-by-row sums. */
function rowByRow(model: NlmeModel): NlmeModel {
  const { weightClasses: _hidden, ...varFunc } = model.varFunc!;
  Object.defineProperty(model, 'varFunc', { value: varFunc });
  return model;
}

describe('weight classes', () => {
  it('numbers the distinct (stratum, value) pairs in order of first appearance', () => {
    expect(Array.from(pairClasses(Int32Array.from([0, 0, 1, 1, 0]), [8, 10, 8, 8, 10]))).toEqual([0, 1, 2, 2, 1]);
  });

  const cases = [
    'varConstPower(form = ~ age)',
    'varPower(form = ~ age | Sex)',
    'varExp(form = ~ age)',
    'varIdent(form = ~ 1 | Sex)',
    'varFixed(~ age)',
    'varComb(varIdent(form = ~ 1 | Sex), varPower(form = ~ age))',
  ];
  for (const weights of cases) {
    it(`${weights}: the criterion of the row-by-row sums, at the optimum and around it`, () => {
      const spec = { fixed: 'distance ~ age + Sex', weights, method: 'REML' as const };
      const model = buildModel(orthodont(), spec);
      expect(model.varFunc!.weightClasses).toBeDefined();
      const plain = rowByRow(buildModel(orthodont(), spec));
      const { optimum } = fitNlmeModel(model, spec);
      for (const step of [0, 0.05, -0.3]) {
        const par = optimum.par.map((v, k) => v + step * (k % 2 ? 1 : -1));
        const byClass = evaluate(model, par, undefined, false)!;
        const byRow = evaluate(plain, par, undefined, false)!;
        expect(Math.abs(byClass.logLik - byRow.logLik), `${weights} at step ${step}`).toBeLessThan(1e-11 * Math.abs(byRow.logLik));
      }
    });
  }

  it('refuses a class whose weight is infinite or undefined, as the row-by-row sums do', () => {
    // a covariate with zeros: varPower's weight |0|^−δ is infinite for δ > 0, and 0·log 0 is NaN for δ = 0
    const lines = readFileSync('test/data/Orthodont.csv', 'utf8').trim().split('\n');
    const csv = [`${lines[0]},"x"`, ...lines.slice(1).map((l) => `${l},${Number(l.split(',')[1]) - 8}`)].join('\n');
    const table = () => importDelimited(csv, { columnTypes: { Subject: 'factor', Sex: 'factor' } }).table;
    const spec = { fixed: 'distance ~ age + Sex', weights: 'varPower(form = ~ x)', method: 'REML' as const };
    const model = buildModel(table(), spec);
    const plain = rowByRow(buildModel(table(), spec));
    for (const power of [0.5, 0]) {
      expect(evaluate(model, [power], undefined, false)).toBeUndefined();
      expect(evaluate(plain, [power], undefined, false)).toBeUndefined();
    }
    // a negative power: |0|^δ = 0, a zero weight, refused by both too
    expect(evaluate(model, [-0.5], undefined, false)).toBeUndefined();
    expect(evaluate(plain, [-0.5], undefined, false)).toBeUndefined();
  });

  it('has no classes for a function of the fitted values (they move between evaluations)', () => {
    const model = buildModel(orthodont(), { fixed: 'distance ~ age', weights: 'varPower()', method: 'REML' });
    expect(model.varFunc!.usesFitted).toBe(true);
    expect(model.varFunc!.weightClasses).toBeUndefined();
  });
});
