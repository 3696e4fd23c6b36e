/**
 * lmerTest's contest(model, L, joint = …): with joint = FALSE one t-test per row of L with a Wald
 * confidence interval on the test's df; with joint = TRUE one F-test of all rows together.
 */
import { fromRows } from '../linalg/lapack';
import { QuadratError } from '../errors/quadratError';
import { type DdfMethod, type FTest, type LmmInference, type TTest } from './lmmInference';
import { qt } from './distributions';

export interface ContrastRow extends TTest {
  lower: number;
  upper: number;
}

/** lmerTest's waldCI: estimate ± qt(1 − (1 − level)/2, df) · SE. */
export function waldInterval(estimate: number, se: number, df: number, level = 0.95): { lower: number; upper: number } {
  const fac = qt(1 - (1 - level) / 2, df);
  return { lower: estimate - se * fac, upper: estimate + se * fac };
}

/** L: the contrasts as the API passes them (one row of p coefficients each). */
export function contestRows(inf: LmmInference, L: readonly (readonly number[])[], ddf: DdfMethod, level = 0.95): ContrastRow[] {
  return L.map((row) => {
    const t = inf.contest1D(row, ddf);
    return { ...t, ...waldInterval(t.estimate, t.stdError, t.df, level) };
  });
}

/** L as the API passes it (rows), made the engine's column-major m×p here. */
export function contestJoint(inf: LmmInference, L: readonly (readonly number[])[], ddf: DdfMethod): FTest | null {
  if (L.length === 0) return null;
  L.forEach((row) => {
    if (row.length !== inf.p) throw new QuadratError('model', `A contrast needs one coefficient per fixed effect (${inf.p}); got ${row.length}.`);
  });
  return inf.contestMD(fromRows(L, inf.p), L.length, ddf);
}
