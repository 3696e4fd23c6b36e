/**
 * A GLMM unit of a batch: the same fit as `quadrat fit` (fitGlmmTable, glmer's two stages and
 * Hessian-based vcov), but only what a batch stores is computed after it — the z table, the type II
 * Wald χ² tests, the variance components, logLik/AIC, the separation and overdispersion checks. The
 * full report's per-row diagnostics, conditional SDs, type III tests and original-scale table are
 * skipped: less work per unit, and less code for each fresh thread's JIT to warm up. Units whose rows
 * carry the same covariates (the same samples, the same NA pattern) share the pattern part of the
 * design — X, the random-effects terms, the term descriptions — built once (design/designPattern.ts),
 * and with it PIRLS's crossproduct plan and symbolic factorisation (glmm/plsSetups.ts).
 */
import { type Table } from '../data/table';
import { DesignPatterns } from '../design/designPattern';
import { fitGlmmTable, type GlmmRequest } from '../glmm/fitGlmm';
import { PlsSetups } from '../glmm/plsSetups';
import { glmmSummaryOf } from '../glmm/report';
import { waldAnova } from '../glmm/waldAnova';
import { type Overdispersion, type Separation } from '../lmm/fitReport';

export interface GlmmUnitSummary {
  nobs: number;
  fixed: { term: string; estimate: number; stdError: number; statistic: number; df: null; pValue: number }[];
  /** car::Anova's type II Wald χ² tests. */
  type2: ReturnType<typeof waldAnova>;
  random: { group: string; term: string | null; variance: number }[];
  nTheta: number;
  logLik: number;
  aic: number;
  converged: boolean;
  singular: boolean;
  warnings: string[];
  separation: Separation | null;
  overdispersion: Overdispersion | null;
}

/** This thread's last design pattern: a batch's units follow one another here, each reusing it when its rows match. */
export const unitPatterns = new DesignPatterns();
/** This thread's last PIRLS set-up (crossproduct plan, symbolic factorisation), reused with the pattern. */
export const unitPlsSetups = new PlsSetups();

export function fitGlmmUnit(table: Table, request: GlmmRequest, signal?: { readonly aborted: boolean }): GlmmUnitSummary {
  const fit = fitGlmmTable(table, request, { signal }, { conditionalSds: false, patterns: unitPatterns, plsSetups: unitPlsSetups });
  const s = glmmSummaryOf(fit);
  const { design } = fit.model;
  return {
    nobs: design.n,
    fixed: s.fixed,
    type2: design.fixedTerms ? waldAnova(design.fixedTerms, fit.beta, fit.vcov, 2) : [],
    random: s.random,
    nTheta: fit.theta.length,
    logLik: s.logLik,
    aic: s.aic,
    converged: fit.converged,
    singular: fit.singular,
    warnings: s.warnings,
    separation: s.separation,
    overdispersion: s.overdispersion,
  };
}
