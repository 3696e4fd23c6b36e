/** Fit a reference case as the engine does, or evaluate it at R's θ, for inference tests. */
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { fitAtTheta } from '../../../src-engine/inference/fitAtTheta';
import { fitDesign, type LmmFit } from '../../../src-engine/lmm/fitDesign';
import { LmmModel } from '../../../src-engine/lmm/lmmModel';
import { type AnovaTableRow } from '../../../src-engine/inference/anova';
import { type CaseSpec, type TableRow } from '../reference/fixtures';
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

// Tolerances of the issue: df 1e-3 relative, F 1e-4, p 1e-4 relative or 1e-10 absolute.
export function compareAnova(got: AnovaTableRow[], want: TableRow[], pTol = 1e-4): string[] {
  const bad: string[] = [];
  if (got.length !== want.length) return [`${got.length} rows vs ${want.length}: ${got.map((r) => r.term).join(',')}`];
  want.forEach((w, i) => {
    const g = got[i];
    if (g.term !== w.term) bad.push(`row ${i}: ${g.term} vs ${w.term}`);
    const num = (k: string) => w[k] as number | null;
    if (!close(g.numDf, num('numDf'), 1e-8)) bad.push(`${w.term} numDf ${g.numDf} vs ${num('numDf')}`);
    if (!close(g.denDf, num('denDf'), 1e-3)) bad.push(`${w.term} denDf ${g.denDf} vs ${num('denDf')}`);
    if (!close(g.fValue, num('fValue'), 1e-4)) bad.push(`${w.term} F ${g.fValue} vs ${num('fValue')}`);
    if (!close(g.sumSq, num('sumSq'), 1e-4)) bad.push(`${w.term} SS ${g.sumSq} vs ${num('sumSq')}`);
    if (!close(g.meanSq, num('meanSq'), 1e-4)) bad.push(`${w.term} MS ${g.meanSq} vs ${num('meanSq')}`);
    if (!close(g.pValue, num('pValue'), pTol, 1e-10)) bad.push(`${w.term} p ${g.pValue} vs ${num('pValue')}`);
  });
  return bad;
}

