/**
 * A GLMM's verdict problem: glmer's second-stage criterion (Laplace or AGQ deviance) in (θ, β), as
 * allFit refits a glmer. The parameters are measured from the fit's end in units of their scale — β
 * by its standard error, θ as is — so one trust radius suits both (as the fit's own second stage);
 * lme4's start is θ's initial values with β from the GLM fit.
 */
import { type GlmmFit } from '../glmm/fitGlmm';
import { glmStart } from '../glmm/glmStart';
import { templatesFromTheta } from '../lmm/reBlocks';
import { varCorr } from '../lmm/varCorr';
import { type OptimizerRun, type VerdictProblem } from './convergenceVerdict';

export function glmmVerdictProblem(fit: GlmmFit): VerdictProblem {
  const { model, nAGQ } = fit;
  const { design, blocks } = model;
  const k = model.nTheta;
  const p = design.p;
  const base = Float64Array.from([...fit.theta, ...fit.beta]);
  const scale = Float64Array.from({ length: k + p }, (_, i) => (i < k ? 1 : Math.min(Math.max(Math.sqrt(fit.vcov[(i - k) * p + (i - k)]), 1e-6), 10)));
  const toPar = (x: Float64Array) => Float64Array.from(x, (v, i) => base[i] + scale[i] * v);
  const toX = (par: ArrayLike<number>) => Float64Array.from({ length: k + p }, (_, i) => (par[i] - base[i]) / scale[i]);
  const start = [...model.thetaLayout.initial, ...glmStart(design, model.family, model.resp)];
  return {
    f: (x) => model.objective(toPar(x), nAGQ),
    lower: Float64Array.from({ length: k + p }, (_, i) => (i < k ? model.thetaLayout.lower[i] - base[i] : -Infinity)),
    initial: toX(start),
    fitEnd: new Float64Array(k + p),
    fitStatus: fit.converged ? 'converged' : 'warning',
    describe: (x, objective, optimizer, status): OptimizerRun => {
      const par = toPar(x);
      const theta = par.slice(0, k);
      const fixef = Object.fromEntries(design.fixedNames.map((n, j) => [n, par[k + j]]));
      const vc = varCorr(design, blocks, templatesFromTheta(blocks, theta), fit.sigma);
      const sdcor: Record<string, number> = {};
      for (const r of vc.random) if (r.term !== null) sdcor[`${r.group}.${r.term}`] = r.sd;
      // a correlation with a zero SD is undefined (NaN): left out, as it cannot disagree with anything
      for (const c of vc.correlations) if (Number.isFinite(c.corr)) sdcor[`${c.group}.${c.term2}.${c.term1}`] = c.corr;
      return { optimizer, status, objective, logLik: -objective / 2, fixef, sdcor, atOptimum: false };
    },
  };
}
