/**
 * The engine's entry point for linear mixed models: table + lme4 formula → quadrat.fit/1 report.
 * Synchronous by design (it runs in a worker or utility process); progress and cancellation go
 * through `control`.
 */
import { originalScale } from '../inference/originalScale';
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { fitDesign, type FitControl } from './fitDesign';
import { addInference } from '../inference/reportInference';
import { type FitReport } from './fitReport';
import { fitGlmm } from '../glmm/fitGlmmReport';
import { buildReport } from './report';

declare const performance: { now(): number };

export interface LmmRequest {
  formula: string;
  /** REML (lme4's default) or ML. */
  reml: boolean;
  /** Denominator df for the fixed-effect t-tests and the ANOVA table (default Satterthwaite, as lmerTest). */
  ddf?: 'satterthwaite' | 'kenward-roger' | 'none';
  /** ANOVA table type (lmerTest's anova(m, type = …)); no table when absent. */
  anovaType?: 1 | 2 | 3;
  /** Name of a numeric column of prior weights (lmer's `weights =`). */
  weights?: string;
  /** A GLMM family (glmer); absent or gaussian with the identity link is lmer. */
  family?: string;
  link?: string;
  /** glmer's nAGQ (GLMMs only; default 1, the Laplace approximation). */
  nAGQ?: number;
}

/** Whether a request is a GLMM (glmer) rather than an LMM (lmer). */
export function isGlmmSpec(r: { family?: string; link?: string }): boolean {
  return r.family !== undefined && !(r.family === 'gaussian' && (r.link === undefined || r.link === 'identity'));
}

export function fitLmm(table: Table, request: LmmRequest, control: FitControl = {}): FitReport {
  if (isGlmmSpec(request)) {
    const { formula, family, link, nAGQ, weights } = request;
    return fitGlmm(table, { formula, family: family!, link, nAGQ, weights }, control);
  }
  const t0 = performance.now();
  const design = buildDesign(table, request.formula, request.weights ? { weights: request.weights } : {});
  // Satterthwaite's df (the default) will follow: large models' helper threads start during the fit
  const fit = fitDesign(design, request.reml, { dfToFollow: (request.ddf ?? 'satterthwaite') === 'satterthwaite', ...control });
  const report = buildReport(fit, request.formula, 0);
  addInference(report, fit, { ddf: request.ddf, anovaType: request.anovaType });
  const original = originalScale(table, request.formula, report);
  if (original) report.originalScale = original;
  report.timing.fitMs = performance.now() - t0;
  return report;
}
