/** Fit a reference case as the engine does, or evaluate it at R's θ, for inference tests. */
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { fitAtTheta } from '../../../src-engine/inference/fitAtTheta';
import { fitDesign, type LmmFit } from '../../../src-engine/lmm/fitDesign';
import { LmmModel } from '../../../src-engine/lmm/lmmModel';
import { type CaseSpec } from '../reference/fixtures';
import { loadCaseTable } from '../lmm/loadCase';

type Spec = CaseSpec & { weights?: string | null };

function design(spec: Spec, formula: string) {
  return buildDesign(loadCaseTable(spec), formula, spec.weights ? { weights: spec.weights } : {});
}

/** The engine's own fit (optimised θ). */
export function fitCase(spec: Spec, formula = spec.formula, reml = spec.REML): LmmFit {
  return fitDesign(design(spec, formula), reml);
}

/**
 * The model evaluated at lme4's θ̂, so that inference is compared with lmerTest on exactly the same
 * estimates (where lme4's optimizer stops short, e.g. Orthodont, our own optimum differs slightly).
 */
export function fitAtR(spec: Spec, theta: number[], formula = spec.formula, reml = spec.REML): LmmFit {
  return fitAtTheta(new LmmModel(design(spec, formula), reml), theta);
}

/** |a − b| ≤ rel·|b| (or ≤ abs). */
export function close(a: number | null | undefined, b: number | null | undefined, rel: number, abs = 0): boolean {
  if (a == null || b == null) return a == b;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= Math.max(rel * Math.abs(b), abs);
}
