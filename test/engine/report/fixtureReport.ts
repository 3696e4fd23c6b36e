/**
 * A FitReport made from an R fixture's expected values (lme4/lmerTest's own numbers), so the report
 * generators' golden files depend on R's output only, not on the engine's last digits.
 */
import { type FitReport } from '../../../src-engine/lmm/fitReport';
import { type AnovaKey, loadLmmFixture } from '../reference/fixtures';

export function fixtureReport(name: string, ddf: 'satterthwaite' | 'kenward-roger' | 'none' = 'satterthwaite', anovaType: 1 | 2 | 3 = 3): FitReport {
  const f = loadLmmFixture(name);
  const e = f.expected;
  const key = `type${anovaType}_${ddf === 'kenward-roger' ? 'kr' : 'satterthwaite'}` as AnovaKey;
  const fixed = ddf === 'none' ? e.fixed.map((r) => ({ ...r, df: null, pValue: null })) : ddf === 'kenward-roger' ? e.fixedKR! : e.fixed;
  const anova =
    ddf === 'none'
      ? []
      : (e.anova?.[key] ?? []).map((r) => ({
          term: r.term,
          sumSq: r.sumSq as number,
          meanSq: r.meanSq as number,
          numDf: r.numDf as number,
          denDf: r.denDf as number,
          fValue: r.fValue as number,
          pValue: r.pValue as number,
        }));
  return {
    schema: 'quadrat.fit/1',
    formula: f.formula,
    family: 'gaussian',
    link: 'identity',
    method: f.REML ? 'REML' : 'ML',
    nobs: e.nobs,
    groups: e.groups,
    fixed,
    random: e.random,
    correlations: e.correlations,
    sigma: e.sigma,
    logLik: e.logLik,
    aic: e.aic,
    bic: e.bic,
    deviance: e.deviance,
    remlCriterion: e.remlCriterion,
    theta: e.theta,
    converged: e.converged,
    singular: e.singular,
    warnings: [],
    anova,
    timing: { fitMs: 0 },
    ddf,
    optimizer: { name: 'bobyqa', evaluations: e.optinfo.feval },
  };
}
