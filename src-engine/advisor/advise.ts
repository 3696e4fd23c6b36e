/**
 * The model advisor in one call (quadrat advise, schema quadrat.advice/1): the design check, the fit,
 * and where they apply the convergence verdict (a fit that warns or did not converge; LMMs) and the
 * singular-fit sensitivity (a singular fit).
 */
import { designCheck, type DesignFinding } from '../checks/designCheck';
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { fitLmm, isGlmmSpec, type LmmRequest } from '../lmm/fitLmm';
import { warnsOfConvergence } from './convergenceWarning';
import { convergenceVerdict, type ConvergenceVerdict, type OptimizerRun } from './convergenceVerdict';
import { singularSensitivity, type SingularAdvice } from './singularSensitivity';

export interface Advice {
  schema: 'quadrat.advice/1';
  formula: string;
  family: string;
  designFindings: DesignFinding[];
  fit: { converged: boolean; singular: boolean; warnings: string[]; logLik: number };
  /** null when the fit neither warned nor failed to converge. */
  convergence: { verdict: ConvergenceVerdict | 'not-checked'; message: string; parameter: string | null; optimizers: OptimizerRun[] } | null;
  /** null for a fit that is not singular. */
  singular: Pick<SingularAdvice, 'terms' | 'pca' | 'original' | 'alternatives'> | null;
}


export function advise(table: Table, request: LmmRequest): Advice {
  const glmm = isGlmmSpec(request);
  const designFindings = designCheck(table, request.formula, { family: request.family });
  const fit = fitLmm(table, request, { conditionalSds: false });
  const warns = warnsOfConvergence(fit);
  let convergence: Advice['convergence'] = null;
  if (warns && glmm) {
    convergence = { verdict: 'not-checked', message: 'The convergence verdict is computed for linear mixed models only so far.', parameter: null, optimizers: [] };
  } else if (warns) {
    const design = buildDesign(table, request.formula, request.weights ? { weights: request.weights } : {});
    convergence = convergenceVerdict(design, request.reml);
  }
  return {
    schema: 'quadrat.advice/1',
    formula: request.formula,
    family: fit.family,
    designFindings,
    fit: { converged: fit.converged, singular: fit.singular, warnings: fit.warnings, logLik: fit.logLik },
    convergence,
    singular: fit.singular ? singularSensitivity(table, request, fit) : null,
  };
}
