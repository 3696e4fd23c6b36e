/**
 * One chain of a Bayesian fit, as a worker runs it: the model is rebuilt from the table and request
 * (deterministic), chain k samples from its own stream rngFor(seed, k), and what comes back is small
 * and structured-clonable: the draws of every quantity on brms's scale (b, sd, cor, sigma/shape, then
 * the group-level effects r_) and Stan's sampler parameters. The main thread combines chains with summariseBayes.
 */
import { type Table } from '../../data/table';
import { drawNames, drawValues } from '../model/brmsDraws';
import { type BrmsModel } from '../model/brmsModel';
import { pointwiseLogLik } from '../loo/pointwiseLogLik';
import { buildBrmsModel } from '../model/buildBrmsModel';
import { type ChainPhase, sampleChain } from '../nuts/sampleChain';
import { type BayesRequest, bayesSettings, nutsSettings } from './bayesRequest';

export interface BayesChainOutput {
  chain: number;
  /** brms's names of the quantities (drawNames): b_Intercept, b_x, sd_g__x, cor_g__x__y, sigma or shape, then r_g[level,x]. */
  names: string[];
  numSamples: number;
  /** Draw i, quantity j at [i·names.length + j]. */
  values: Float64Array;
  divergent: Uint8Array;
  treedepth: Int32Array;
  energy: Float64Array;
  acceptStat: Float64Array;
  nLeapfrog: Int32Array;
  adaptedStepsize: number;
  warmupDivergent: number;
  maxTreedepth: number;
  notes: string[];
  /** Wall time of warm-up and sampling, ms. */
  ms: number;
  /** With request.logLik: observation i's log-likelihood at draw s at [i·numSamples + s]. */
  logLik?: Float64Array;
}

export interface BayesHooks {
  isCancelled?: () => boolean;
  onProgress?: (chain: number, iteration: number, total: number, phase: ChainPhase) => void;
}

export function runBayesChain(model: BrmsModel, request: BayesRequest, chain: number, hooks: BayesHooks = {}): BayesChainOutput {
  const s = bayesSettings(request);
  const t0 = performance.now();
  const onProgress = hooks.onProgress;
  const r = sampleChain(model, {
    seed: s.seed,
    chain,
    settings: nutsSettings(s),
    isCancelled: hooks.isCancelled,
    onProgress: onProgress ? (it, total, phase) => onProgress(chain, it, total, phase) : undefined,
  });
  const ms = performance.now() - t0;
  // every quantity, the group-level effects r_ included: posterior predictions (pp_check) and the
  // pointwise log-likelihood (LOO) of a stored fit need them, as brms keeps them in its fit
  const names = drawNames(model);
  const K = names.length;
  const values = new Float64Array(r.numSamples * K);
  for (let i = 0; i < r.numSamples; i++) drawValues(model, r.draws.subarray(i * r.dim, (i + 1) * r.dim), values.subarray(i * K, (i + 1) * K));
  let logLik: Float64Array | undefined;
  if (request.logLik) {
    const ll = pointwiseLogLik(model, Array.from({ length: r.numSamples }, (_, i) => values.subarray(i * K, (i + 1) * K)), names);
    logLik = new Float64Array(ll.length * r.numSamples);
    ll.forEach((row, i) => logLik!.set(row, i * r.numSamples));
  }
  return {
    chain,
    names,
    numSamples: r.numSamples,
    values,
    divergent: r.divergent,
    treedepth: r.treedepth,
    energy: r.energy,
    acceptStat: r.acceptStat,
    nLeapfrog: r.nLeapfrog,
    adaptedStepsize: r.adaptedStepsize,
    warmupDivergent: r.warmupDivergent,
    maxTreedepth: r.settings.maxTreedepth,
    notes: r.notes,
    ms,
    ...(logLik ? { logLik } : {}),
  };
}

/** A worker's whole job: build the model from the table, run chain k. */
export function bayesChainJob(table: Table, request: BayesRequest, chain: number, hooks: BayesHooks = {}): BayesChainOutput {
  return runBayesChain(buildBrmsModel(table, request).model, request, chain, hooks);
}
