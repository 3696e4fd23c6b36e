/**
 * Data that cannot be fitted is the user's problem, said before fitting (issue 16): a constant
 * response, a response that is an exact function of the fixed effects, and collinear columns inside
 * a random-effects term used to end as an internal factorization error or a saddle-point "fit".
 */
import { describe, expect, it } from 'vitest';
import { type Column, type Table } from '../../../src-engine/data/table';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { loadCaseTable } from './loadCase';

const sleep = loadCaseTable({ data: 'sleepstudy.csv', factors: ['Subject'] } as never);
const numeric = (name: string, values: Float64Array): Column => ({ name, type: 'numeric', values }) as Column;
const days = (sleep.columns.find((c) => c.name === 'Days') as { values: Float64Array }).values;
const table: Table = {
  ...sleep,
  columns: [...sleep.columns, numeric('constant', new Float64Array(sleep.nrow).fill(3)), numeric('linear', days.map((d) => 2 + 3 * d)), numeric('w', days.map((d) => 1 + d / 4))],
};

function userError(formula: string, weights?: string): QuadratError {
  try {
    fitLmm(table, { formula, reml: true, weights });
  } catch (e) {
    expect(e).toBeInstanceOf(QuadratError);
    return e as QuadratError;
  }
  throw new Error(`${formula} was fitted`);
}

describe('fits that cannot be made are the user’s error', () => {
  it('a constant response', () => {
    const e = userError('constant ~ Days + (1 | Subject)');
    expect(e.kind).toBe('data');
    expect(e.message).toMatch(/same value \(3\) in every row/);
  });

  it('a response that is an exact linear function of the fixed effects', () => {
    expect(userError('linear ~ Days + (1 | Subject)').message).toMatch(/exact linear function of the fixed effects \(\(Intercept\), Days\)/);
  });

  // unweighted, the check's least squares comes from the model's crossproducts; weighted, from a pass over X
  it('an exact linear function with prior weights too', () => {
    expect(userError('linear ~ Days + (1 | Subject)', 'w').message).toMatch(/exact linear function of the fixed effects/);
    expect(fitLmm(table, { formula: 'Reaction ~ Days + (1 | Subject)', reml: true, weights: 'w' }).converged).toBe(true);
  });

  it('collinear columns in a random-effects term, named', () => {
    const e = userError('Reaction ~ Days + (Days + I(2 * Days) | Subject)');
    expect(e.message).toMatch(/I\(2 \* Days\) is a linear combination of \(Intercept\), Days/);
    expect(e.where?.column).toBeGreaterThan(0);
  });

  it('still fits the ordinary model', () => {
    expect(fitLmm(table, { formula: 'Reaction ~ Days + (Days | Subject)', reml: true }).converged).toBe(true);
  });
});
