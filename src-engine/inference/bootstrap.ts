/**
 * Parametric bootstrap as lme4's bootMer / confint(m, method = "boot", boot.type = "perc"): simulate
 * y* = Xβ̂ + Z Λ u* + ε* with u* ~ N(0, σ̂² I), ε* ~ N(0, σ̂²/w), refit by the same criterion, and take
 * percentile intervals of the sd/cor parameters, σ and β. Simulation i draws from its own stream
 * seeded by (seed, i), so a run split into chunks (bootstrapSamples with start/count, e.g. one chunk
 * per worker thread) gives the same numbers as a single run.
 */
import { type LmmFit, fitDesign } from '../lmm/fitDesign';
import { QuadratError } from '../errors/quadratError';
import { type IntervalRow } from './confintWald';
import { sdcorValues, varParamNames } from './parameterNames';

/** xoshiro128** seeded through splitmix32 from (seed, stream). */
export function rngFor(seed: number, stream: number): () => number {
  let x = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [split(), split(), split(), split()];
  return () => {
    const result = Math.imul(((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = ((s[3] << 11) | (s[3] >>> 21)) >>> 0;
    return (result + 0.5) / 4294967296;
  };
}

export function normals(u: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(u()));
    const a = 2 * Math.PI * u();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

export interface BootSamples {
  /** Parameter names: sd/cor…, sigma, fixed effects. */
  names: string[];
  /** One row per successful simulation, in simulation order. */
  values: number[][];
  failed: number;
}

export interface BootChunk {
  seed: number;
  start?: number;
  count: number;
  onProgress?: (done: number, count: number) => void;
  signal?: { readonly aborted: boolean };
}

export function bootstrapSamples(fit: LmmFit, chunk: BootChunk): BootSamples {
  const design = fit.model.design;
  const { n, p, X } = design;
  const names = [...varParamNames(design).map((v) => v.name), 'sigma', ...design.fixedNames];
  const beta = fit.pls.beta;
  const sigma = fit.sigma;
  const mean = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = design.offset ? design.offset[i] : 0;
    for (let j = 0; j < p; j++) s += X[j * n + i] * beta[j];
    mean[i] = s;
  }
  // per random term, its template T (lme4 order of θ)
  let th = 0;
  const templates = design.reterms.map((t) => {
    const S = t.termNames.length;
    const T = new Float64Array(S * S);
    for (let c = 0; c < S; c++) for (let r = c; r < S; r++) T[c * S + r] = fit.theta[th++];
    return T;
  });
  const values: number[][] = [];
  let failed = 0;
  const start = chunk.start ?? 0;
  for (let k = 0; k < chunk.count; k++) {
    if (chunk.signal?.aborted) throw new QuadratError('cancelled', 'The bootstrap was cancelled.');
    const z = normals(rngFor(chunk.seed, start + k));
    const y = Float64Array.from(mean);
    design.reterms.forEach((t, tk) => {
      const S = t.termNames.length;
      const T = templates[tk];
      const b = new Float64Array(t.levels.length * S);
      for (let l = 0; l < t.levels.length; l++) {
        const u = Array.from({ length: S }, () => sigma * z());
        for (let r = 0; r < S; r++) {
          let s = 0;
          for (let c = 0; c <= r; c++) s += T[c * S + r] * u[c];
          b[l * S + r] = s;
        }
      }
      for (let i = 0; i < n; i++) {
        const base = t.refs[i] * S;
        for (let c = 0; c < S; c++) y[i] += t.z[i * S + c] * b[base + c];
      }
    });
    const w = design.weights;
    for (let i = 0; i < n; i++) y[i] += (sigma / (w ? Math.sqrt(w[i]) : 1)) * z();
    try {
      const refit = fitDesign({ ...design, y, warnings: [] }, fit.reml);
      values.push([...sdcorValues(design, refit.theta, refit.sigma), refit.sigma, ...refit.pls.beta]);
    } catch (e) {
      if (e instanceof QuadratError && e.kind === 'cancelled') throw e;
      failed++;
    }
    chunk.onProgress?.(k + 1, chunk.count);
  }
  return { names, values, failed };
}

/** boot's percentile interval: the (R+1)·α-th order statistics, interpolated on the normal scale as norm.inter. */
function percentile(sorted: number[], alpha: number): number {
  const R = sorted.length;
  const rk = (R + 1) * alpha;
  const k = Math.floor(rk);
  if (k === rk && k >= 1 && k <= R) return sorted[k - 1];
  if (k < 1) return sorted[0];
  if (k >= R) return sorted[R - 1];
  // linear interpolation between order statistics k and k+1 (boot's norm.inter uses the normal scale; the difference is far below Monte-Carlo error)
  return sorted[k - 1] + (rk - k) * (sorted[k] - sorted[k - 1]);
}

export function bootIntervals(fit: LmmFit, samples: BootSamples, level = 0.95): IntervalRow[] {
  return percentileIntervals(bootEstimates(fit), samples, level);
}

/** The fitted values of the bootstrapped parameters, in BootSamples.names order. */
export function bootEstimates(fit: LmmFit): number[] {
  return [...sdcorValues(fit.model.design, fit.theta, fit.sigma), fit.sigma, ...fit.pls.beta];
}

/** Percentile intervals from samples (possibly merged from chunks in simulation order) around the estimates. */
export function percentileIntervals(est: readonly number[], samples: BootSamples, level = 0.95): IntervalRow[] {
  const a = (1 - level) / 2;
  return samples.names.map((term, j) => {
    const col = samples.values.map((v) => v[j]).filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
    if (col.length < 2) return { term, estimate: est[j], lower: null, upper: null };
    return { term, estimate: est[j], lower: percentile(col, a), upper: percentile(col, 1 - a) };
  });
}

/** confint(m, method = "boot", nsim, seed): percentile intervals from nsim parametric bootstrap refits. */
export function confintBoot(fit: LmmFit, options: { nsim?: number; seed: number; level?: number; onProgress?: (done: number, total: number) => void; signal?: { readonly aborted: boolean } }): { rows: IntervalRow[]; nsim: number; failed: number } {
  const nsim = options.nsim ?? 500;
  const samples = bootstrapSamples(fit, { seed: options.seed, count: nsim, onProgress: options.onProgress, signal: options.signal });
  return { rows: bootIntervals(fit, samples, options.level), nsim, failed: samples.failed };
}
