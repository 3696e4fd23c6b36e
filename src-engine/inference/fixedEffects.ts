/**
 * The fixed-effects table of summary(): lme4's estimates and standard errors with lmerTest's
 * Satterthwaite or Kenward–Roger t-tests, the asymptotic z-test, or lme4's bare t ("none").
 */
import { type FixedEffectRow } from '../lmm/fitReport';
import { type LmmInference } from './lmmInference';

export type FixedDdf = 'satterthwaite' | 'kenward-roger' | 'asymptotic' | 'none';

export function fixedEffectTests(inf: LmmInference, ddf: FixedDdf): FixedEffectRow[] {
  const { p } = inf;
  const names = inf.fit.model.design.fixedNames;
  return names.map((term, j) => {
    const L = new Float64Array(p);
    L[j] = 1;
    if (ddf === 'none' || ddf === 'asymptotic') {
      const z = inf.zTest(L);
      return { term, estimate: z.estimate, stdError: z.stdError, statistic: z.tValue, df: null, pValue: ddf === 'none' ? null : z.pValue };
    }
    const t = inf.contest1D(L, ddf);
    return { term, estimate: t.estimate, stdError: t.stdError, statistic: t.tValue, df: t.df, pValue: t.pValue };
  });
}
