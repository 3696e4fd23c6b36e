/**
 * One chain of Stan's adaptive diag_e NUTS (services::sample::hmc_nuts_diag_e_adapt): random inits,
 * init_stepsize, warm-up transitions that each feed the dual averaging (accept_stat) and the windowed
 * variance estimate (the new draw; at a window's end: new metric, init_stepsize again, μ = log(10ε),
 * dual averaging restarted), then ε = exp(x̄) and the sampling transitions.
 *
 * A chain draws every random number from its own stream rngFor(seed, chain), so chains are
 * independent, can run on separate workers, and a seed reproduces them bit for bit.
 */
import { QuadratError } from '../../errors/quadratError';
import { normals, rngFor } from '../../inference/bootstrap';
import { type LogDensity } from '../logDensity';
import { DualAveraging } from '../adaptation/dualAveraging';
import { VarianceAdaptation } from '../adaptation/varianceAdaptation';
import { initialize } from './initialize';
import { initStepsize } from './initStepsize';
import { newPhasePoint } from './phasePoint';
import { defaultNutsSettings, type NutsSettings } from './settings';
import { NutsTransition } from './transition';

export type ChainPhase = 'warmup' | 'sampling';

export interface ChainOptions {
  seed: number;
  /** 0-based chain index: the random stream. */
  chain: number;
  settings?: Partial<NutsSettings>;
  /** Initial values on the unconstrained scale (default: random in ±initRadius). */
  init?: Float64Array;
  /** Polled before every iteration; returning true stops the chain with a 'cancelled' QuadratError. */
  isCancelled?: () => boolean;
  /** After every iteration: 1-based iteration (warm-up included), the total, and the phase. */
  onProgress?: (iteration: number, total: number, phase: ChainPhase) => void;
}

/** The post-warm-up output of a chain, with Stan's sampler parameters per draw. */
export interface ChainResult {
  chain: number;
  dim: number;
  numSamples: number;
  /** Unconstrained draws, row-major: draw i, coordinate j at [i·dim + j]. */
  draws: Float64Array;
  lp: Float64Array;
  acceptStat: Float64Array;
  stepsize: Float64Array;
  treedepth: Int32Array;
  nLeapfrog: Int32Array;
  divergent: Uint8Array;
  energy: Float64Array;
  /** Adapted step size and inverse metric (diag of M⁻¹) used for sampling. */
  adaptedStepsize: number;
  invMetric: Float64Array;
  /** Warm-up divergences (Stan does not count them in its warnings; kept for the report). */
  warmupDivergent: number;
  /** Notes about the adaptation (e.g. shrunken windows). */
  notes: string[];
  settings: NutsSettings;
}

function checkSettings(s: NutsSettings): void {
  const bad = (what: string) => {
    throw new QuadratError('input', what);
  };
  if (!Number.isInteger(s.iter) || s.iter < 1) bad(`iter must be a positive whole number (got ${s.iter}).`);
  if (!Number.isInteger(s.warmup) || s.warmup < 0 || s.warmup >= s.iter) bad(`warmup must be a whole number from 0 to iter − 1 (got ${s.warmup} with iter = ${s.iter}).`);
  if (!(s.delta > 0 && s.delta < 1)) bad(`adapt_delta must be strictly between 0 and 1 (got ${s.delta}); 0.8 is Stan's default, raise it (e.g. 0.95) when there are divergences.`);
  if (!Number.isInteger(s.maxTreedepth) || s.maxTreedepth < 1) bad(`max_treedepth must be a positive whole number (got ${s.maxTreedepth}).`);
  if (!(s.stepsize > 0)) bad(`stepsize must be positive (got ${s.stepsize}).`);
  if (!(s.initRadius >= 0)) bad(`The init radius must be 0 or positive (got ${s.initRadius}).`);
}

export function sampleChain(model: LogDensity, options: ChainOptions): ChainResult {
  const settings: NutsSettings = { ...defaultNutsSettings, ...options.settings };
  checkSettings(settings);
  if (!Number.isInteger(model.dim) || model.dim < 1) throw new QuadratError('model', `The model has no parameters to sample (dimension ${model.dim}).`);
  const dim = model.dim;
  const uniform = rngFor(options.seed, options.chain);
  const normal = normals(uniform);
  const nuts = new NutsTransition(model, uniform, normal, { maxDepth: settings.maxTreedepth, maxDeltaH: settings.maxDeltaH });
  const scratch = newPhasePoint(dim);

  initialize(model, nuts.z, uniform, settings.initRadius, options.init);
  nuts.epsilon = settings.stepsize;
  const stepsizeAdaptation = new DualAveraging(settings, settings.stepsize);
  const metricAdaptation = new VarianceAdaptation(dim, { numWarmup: settings.warmup, initBuffer: settings.initBuffer, termBuffer: settings.termBuffer, baseWindow: settings.window });
  if (settings.warmup > 0) initStepsize(model, nuts, normal, scratch);

  const numSamples = settings.iter - settings.warmup;
  const out: ChainResult = {
    chain: options.chain,
    dim,
    numSamples,
    draws: new Float64Array(numSamples * dim),
    lp: new Float64Array(numSamples),
    acceptStat: new Float64Array(numSamples),
    stepsize: new Float64Array(numSamples),
    treedepth: new Int32Array(numSamples),
    nLeapfrog: new Int32Array(numSamples),
    divergent: new Uint8Array(numSamples),
    energy: new Float64Array(numSamples),
    adaptedStepsize: NaN,
    invMetric: nuts.invMetric,
    warmupDivergent: 0,
    notes: [...metricAdaptation.notes],
    settings,
  };

  const cancelled = () => {
    if (options.isCancelled?.()) throw new QuadratError('cancelled', `Sampling was cancelled (chain ${options.chain + 1}).`);
  };

  for (let it = 0; it < settings.warmup; it++) {
    cancelled();
    const stats = nuts.transition();
    if (stats.divergent) out.warmupDivergent++;
    nuts.epsilon = stepsizeAdaptation.learnStepsize(stats.acceptStat);
    if (metricAdaptation.learnVariance(nuts.invMetric, nuts.z.q)) {
      initStepsize(model, nuts, normal, scratch);
      stepsizeAdaptation.mu = Math.log(10 * nuts.epsilon);
      stepsizeAdaptation.restart();
    }
    options.onProgress?.(it + 1, settings.iter, 'warmup');
  }
  if (settings.warmup > 0) nuts.epsilon = stepsizeAdaptation.finalStepsize();
  out.adaptedStepsize = nuts.epsilon;

  for (let i = 0; i < numSamples; i++) {
    cancelled();
    const stats = nuts.transition();
    out.draws.set(nuts.z.q, i * dim);
    out.lp[i] = nuts.z.lp;
    out.acceptStat[i] = stats.acceptStat;
    out.stepsize[i] = nuts.epsilon;
    out.treedepth[i] = stats.treedepth;
    out.nLeapfrog[i] = stats.nLeapfrog;
    out.divergent[i] = stats.divergent ? 1 : 0;
    out.energy[i] = stats.energy;
    options.onProgress?.(settings.warmup + i + 1, settings.iter, 'sampling');
  }
  return out;
}
