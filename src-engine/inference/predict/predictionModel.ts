/**
 * What a prediction needs from a fitted model, the same for lmer and glmer fits: β̂ and vcov(β̂), per
 * random-effects block the conditional modes b̂, their conditional covariances (lme4's condVar) and
 * the covariance Σ of a new level's effects (VarCorr), the residual variance (LMMs) and the link.
 */
import { type LmmFit } from '../../lmm/fitDesign';
import { type GlmmFit } from '../../glmm/fitGlmm';
import { type Link, linkByName } from '../../glmm/link';
import { type ReBlock, lambdaTimes, templatesFromTheta } from '../../lmm/reBlocks';
import { type FittedStructure } from './newDataDesign';
import { type MixedDesign } from '../../design/mixedDesign';

export interface PredictionBlock {
  readonly S: number;
  readonly group: string;
  /** Conditional modes, level-major nl × S. */
  readonly b: Float64Array;
  /** Conditional covariances, column-major S × S per level; undefined when too costly to compute. */
  readonly condVar: Float64Array | undefined;
  /** Covariance of a new level's effects, column-major S × S. */
  readonly sigma: Float64Array;
}

export interface PredictionModel {
  readonly structure: FittedStructure;
  /** The fitted design (its rows and variables: what an effect plot's grid is read from). */
  readonly design: MixedDesign;
  readonly beta: Float64Array;
  /** vcov(β̂), row-major p × p. */
  readonly vcov: Float64Array;
  readonly blocks: readonly PredictionBlock[];
  /** σ² of a new observation around its mean (LMMs); 0 for GLMMs, whose noise is the family's. */
  readonly residualVariance: number;
  readonly link: Link;
  readonly family: string;
}

/** Σ = s² T Tᵀ for a block's template T (column-major lower triangular). */
function blockSigma(T: Float64Array, S: number, s: number): Float64Array {
  const out = new Float64Array(S * S);
  for (let r = 0; r < S; r++)
    for (let c = 0; c < S; c++) {
      let v = 0;
      for (let a = 0; a <= Math.min(r, c); a++) v += T[a * S + r] * T[a * S + c];
      out[c * S + r] = s * s * v;
    }
  return out;
}

function scaled(x: Float64Array | undefined, f: number): Float64Array | undefined {
  return x && x.map((v) => v * f);
}

function structureOf(formula: string, fixedNames: readonly string[], blocks: readonly ReBlock[], reterms: FittedStructure['reterms'], weights?: string): FittedStructure {
  return { formula, fixedNames, blocks, reterms, ...(weights ? { weights } : {}) };
}

export function lmmPredictionModel(fit: LmmFit, formula: string, weights?: string): PredictionModel {
  const { design, blocks } = fit.model;
  const T = templatesFromTheta(blocks, fit.theta);
  const s2 = fit.sigma * fit.sigma;
  return {
    structure: structureOf(formula, design.fixedNames, blocks, design.reterms, weights),
    design,
    beta: fit.pls.beta,
    vcov: fit.pls.unscaledVcov.map((v) => v * s2),
    blocks: blocks.map((b, k) => ({ S: b.S, group: b.group, b: fit.pls.b[k], condVar: fit.condVar?.[k], sigma: blockSigma(T[k], b.S, fit.sigma) })),
    residualVariance: s2,
    link: linkByName('identity'),
    family: 'gaussian',
  };
}

export function glmmPredictionModel(fit: GlmmFit, formula: string, weights?: string): PredictionModel {
  const { design, blocks, family } = fit.model;
  const T = templatesFromTheta(blocks, fit.theta);
  return {
    structure: structureOf(formula, design.fixedNames, blocks, design.reterms, weights),
    design,
    beta: fit.beta,
    vcov: fit.vcov,
    blocks: blocks.map((b, k) => ({
      S: b.S,
      group: b.group,
      b: lambdaTimes(b, T[k], fit.u[k]),
      // glmer's condVar and VarCorr carry σ² for the families with a scale (σ = 1 for binomial and Poisson)
      condVar: scaled(fit.condVar?.[k], fit.sigma * fit.sigma),
      sigma: blockSigma(T[k], b.S, fit.sigma),
    })),
    residualVariance: 0,
    link: family.link,
    family: family.name,
  };
}
