/**
 * glmmTMB's ranef(m, condVar = TRUE) in the report's shape for lmer's (FitDiagnostics.ranef: per
 * grouping factor its terms, and per level the modes and conditional SDs), so the caterpillar and
 * random-effect plots read count fits as they read lmer's. A term of the zero-inflation formula is
 * its own group, "site (zero-inflation)", as the report's variance table names it. Without conditional
 * SDs (no covariance of the estimates) the modes stay (the random-effect Q-Q) and condSd is empty
 * (no intervals to draw, so no caterpillar).
 */
import { type GroupRanef } from '../../lmm/fitReport';
import { type TmbRanef } from '../predictTmb';

export function groupRanef(ranef: readonly TmbRanef[]): GroupRanef[] {
  const withSd = ranef.every((r) => r.condsd);
  const out: GroupRanef[] = [];
  for (const r of ranef) {
    const group = r.component === 'zi' ? `${r.group} (zero-inflation)` : r.group;
    let g = out.find((x) => x.group === group);
    if (!g) {
      g = { group, terms: [], levels: [...r.levels], values: r.levels.map(() => []), condSd: withSd ? r.levels.map(() => []) : [] };
      out.push(g);
    }
    g.terms.push(r.term ?? '(Intercept)');
    r.levels.forEach((_, k) => {
      g.values[k].push(r.condval[k]);
      if (withSd) g.condSd[k].push(r.condsd![k]);
    });
  }
  return out;
}
