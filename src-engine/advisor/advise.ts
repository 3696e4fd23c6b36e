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
import { classifyRuns, lmmVerdictProblem, runVerdictRuns, VERDICT_RUNS, type ConvergenceVerdict, type OptimizerRun, type VerdictProblem } from './convergenceVerdict';
import { glmmVerdictProblem } from './glmmVerdict';
import { fitGlmmTable } from '../glmm/fitGlmm';
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


/** The criterion the verdict's runs optimise: an LMM's profiled criterion in θ, a GLMM's second stage in (θ, β). */
export function verdictProblem(table: Table, request: LmmRequest): VerdictProblem {
  const { formula, weights } = request;
  if (isGlmmSpec(request)) return glmmVerdictProblem(fitGlmmTable(table, { formula, family: request.family!, link: request.link, nAGQ: request.nAGQ, weights }, { conditionalSds: false }));
  return lmmVerdictProblem(buildDesign(table, formula, weights ? { weights } : {}), request.reml);
}

/** Why a fit that warns gets no verdict, or null when it gets one. */
function noVerdict(request: LmmRequest): string | null {
  return isGlmmSpec(request) && request.nAGQ === 0 ? 'The convergence verdict compares the second-stage fits (θ and β together); with nAGQ = 0 there is none. Refit with nAGQ = 1 to check.' : null;
}

/**
 * `verdict: false` leaves the convergence verdict out (convergence stays null) for a caller that runs
 * its optimizer runs elsewhere — the app splits them over its workers (runVerdictRuns, classifyRuns).
 */
export function advise(table: Table, request: LmmRequest, options: { verdict?: boolean } = {}): Advice {
  const designFindings = designCheck(table, request.formula, { family: request.family });
  const fit = fitLmm(table, request, { conditionalSds: false });
  const warns = warnsOfConvergence(fit);
  let convergence: Advice['convergence'] = null;
  const refused = noVerdict(request);
  if (warns && refused) convergence = { verdict: 'not-checked', message: refused, parameter: null, optimizers: [] };
  else if (warns && options.verdict !== false) {
    const problem = verdictProblem(table, request);
    convergence = classifyRuns(runVerdictRuns(problem, VERDICT_RUNS));
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
