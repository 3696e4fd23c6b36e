/**
 * lmerTest's contest(model, L, joint = …): with joint = FALSE one t-test per row of L with a Wald
 * confidence interval on the test's df; with joint = TRUE one F-test of all rows together.
 */
import { type Mat } from './dense';
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

export function contestRows(inf: LmmInference, L: Mat, ddf: DdfMethod, level = 0.95): ContrastRow[] {
  return L.map((row) => {
    const t = inf.contest1D(row, ddf);
    return { ...t, ...waldInterval(t.estimate, t.stdError, t.df, level) };
  });
}

export function contestJoint(inf: LmmInference, L: Mat, ddf: DdfMethod): FTest | null {
  return inf.contestMD(L, ddf);
}
