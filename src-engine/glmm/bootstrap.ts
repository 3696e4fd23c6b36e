/**
 * Parametric bootstrap of a GLMM, as lme4's confint(m, method = "boot") (bootMer with use.u = FALSE,
 * percentile intervals): simulate a response from the fit (simulate.ts), refit from the estimates
 * without the derivative checks, keep the sd/cor parameters and β. Chunks of simulations run on
 * the worker pool and are merged in simulation order by the caller, as for LMMs.
 */
import { QuadratError } from '../errors/quadratError';
import { type BootChunk, type BootSamples } from '../inference/bootstrap';
import { sdcorValues, varParamNames } from '../inference/parameterNames';
import { fitGlmmDesign, type GlmmFit } from './fitGlmm';
import { simulateResponse } from './simulate';

/** The SDs as VarCorr prints them (× σ, then σ itself, for the families with a scale), then β. */
export function glmmBootEstimates(fit: GlmmFit): number[] {
  const scale = fit.model.family.estimatesScale ? [fit.sigma] : [];
  return [...sdcorValues(fit.model.design, fit.theta, fit.sigma), ...scale, ...fit.beta];
}

export function glmmBootstrapSamples(fit: GlmmFit, chunk: BootChunk): BootSamples {
  const { design, family } = fit.model;
  const p = design.p;
  const names = [...varParamNames(design).map((v) => v.name), ...(family.estimatesScale ? ['sigma'] : []), ...design.fixedNames];
  const start = { theta: fit.theta, beta: fit.beta, se: Array.from({ length: p }, (_, j) => Math.sqrt(fit.vcov[j * p + j])) };
  const values: number[][] = [];
  let failed = 0;
  const first = chunk.start ?? 0;
  for (let k = 0; k < chunk.count; k++) {
    if (chunk.signal?.aborted) throw new QuadratError('cancelled', 'The bootstrap was cancelled.');
    const y = simulateResponse(fit, chunk.seed, first + k);
    try {
      const refit = fitGlmmDesign({ ...design, y, warnings: [] }, family, fit.nAGQ, { signal: chunk.signal }, { start, derivatives: false, conditionalSds: false });
      values.push(glmmBootEstimates(refit));
    } catch (e) {
      if (e instanceof QuadratError && e.kind === 'cancelled') throw e;
      failed++;
    }
    chunk.onProgress?.(k + 1, chunk.count);
  }
  return { names, values, failed };
}
