/**
 * Comparison of count models (glmmTMB) with each other and with glmer's Poisson GLMMs of the same data:
 * every one is a Laplace likelihood of the same counts with all its constants, so AIC compares them
 * across families (Poisson vs NB2 vs ZINB). A likelihood-ratio test is given only between neighbours
 * (ordered by number of parameters, as anova() orders them) of one family with the same zero-inflation
 * and dispersion formulas: across families or zero parts the simpler model sits on the edge of the
 * bigger one's parameter space (φ → ∞, π = 0), where the χ² reference does not hold.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { upperChisq } from '../../src-engine/inference/distributions';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { nparOf } from './compareFits';
import { type Comparison } from './shapes';

export interface ComparedCountFit {
  fitId: number;
  name: string;
  report: Pick<FitReport, 'tmb' | 'glmm' | 'family' | 'link' | 'nobs' | 'formula' | 'fixed' | 'theta' | 'random' | 'aic' | 'bic' | 'logLik'>;
}

/** Family and zero/dispersion parts: two models with the same structure may be tested against each other. */
function structureOf(f: ComparedCountFit): { family: string; zi: string; disp: string; npar: number } {
  const r = f.report;
  if (r.tmb) return { family: r.tmb.family, zi: r.tmb.ziformula.replace(/\s/g, ''), disp: r.tmb.dispformula.replace(/\s/g, ''), npar: r.tmb.npar };
  if (r.glmm && r.family === 'poisson' && r.link === 'log' && r.glmm.nAGQ === 1) return { family: 'poisson', zi: '~0', disp: '~1', npar: nparOf(r as FitReport) };
  const what = r.glmm ? `a ${r.family} (${r.link}) GLMM${r.glmm.nAGQ !== 1 ? ` with nAGQ = ${r.glmm.nAGQ}` : ''}` : 'a linear mixed model';
  throw new QuadratError(
    'model',
    `"${f.name}" is ${what}; count models compare by AIC with other count models and with glmer's Poisson GLMMs (log link, Laplace) of the same counts only.`,
  );
}

export const COUNT_COMPARISON_NOTE =
  'These are likelihoods of the same counts, so AIC compares them across families and zero-inflation structures: lower is better. ' +
  'A χ² test is given only between neighbouring models of one family with the same zero-inflation and dispersion formulas; ' +
  'Poisson within a negative binomial (φ → ∞) or a model without zero inflation within one with it (π = 0) sits on the edge of the parameter space, where the χ² test does not hold.';

/** glmmTMB's logLik() is NA without a positive-definite Hessian (NaN in the report, null once stored): such a fit has no AIC to compare. */
function requireLogLik(f: ComparedCountFit): void {
  const l = f.report.logLik as number | null;
  if (l === null || !Number.isFinite(l))
    throw new QuadratError(
      'model',
      `"${f.name}" has no log-likelihood: its Hessian is not positive definite, and glmmTMB's logLik() is then NA, so its AIC and BIC are NA and it cannot be compared. ` +
        'Simplify the model as its advice says (a random slope or a zero-inflation term the data cannot determine) and refit.',
    );
}

export function compareCountFits(fits: readonly ComparedCountFit[]): Comparison {
  const infos = fits.map(structureOf);
  fits.forEach(requireLogLik);
  if (new Set(fits.map((f) => f.report.nobs)).size > 1 || new Set(fits.map((f) => f.report.formula.split('~')[0].trim())).size > 1)
    throw new QuadratError('model', 'The fits do not use the same response and observations, so their likelihoods are not comparable.');
  const order = fits.map((_, k) => k).sort((a, b) => infos[a].npar - infos[b].npar);
  const warnings: string[] = [];
  const rows = order.map((k, i) => {
    const f = fits[k];
    const info = infos[k];
    const base = { fitId: f.fitId, name: f.name, npar: info.npar, aic: f.report.aic, bic: f.report.bic, logLik: f.report.logLik, deviance: -2 * f.report.logLik };
    if (i === 0) return { ...base, chisq: null, df: null, pValue: null };
    const prev = infos[order[i - 1]];
    const prevName = fits[order[i - 1]].name;
    const sameStructure = prev.family === info.family && prev.zi === info.zi && prev.disp === info.disp;
    if (!sameStructure) {
      warnings.push(`"${prevName}" and "${f.name}" differ in family or zero-inflation/dispersion model: no likelihood-ratio test; compare their AIC.`);
      return { ...base, chisq: null, df: null, pValue: null };
    }
    const df = info.npar - prev.npar;
    if (df === 0) {
      warnings.push(`"${prevName}" and "${f.name}" have the same number of parameters, so there is no likelihood-ratio test; compare their AIC and BIC.`);
      return { ...base, chisq: null, df: null, pValue: null };
    }
    const chisq = Math.max(0, 2 * (f.report.logLik - fits[order[i - 1]].report.logLik));
    return { ...base, chisq, df, pValue: upperChisq(chisq, df) };
  });
  return { rows, refitted: false, warnings, note: COUNT_COMPARISON_NOTE };
}
