/**
 * One chain of a Bayesian fit, as a worker runs it: the model is rebuilt from the table and request
 * (deterministic), chain k samples from its own stream rngFor(seed, k), and what comes back is small
 * and structured-clonable: the draws of the summarised quantities (b, sd, cor, sigma/shape on brms's
 * scale; no r_) and Stan's sampler parameters. The main thread combines chains with summariseBayes.
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
  /** Names of the summarised quantities (brms's: b_Intercept, sd_g__x, cor_g__x__y, sigma, shape). */
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

/** The number of leading drawNames() that are summarised (everything before the r_ effects). */
export function summarisedCount(model: BrmsModel): number {
  const names = drawNames(model);
  const k = names.findIndex((n) => n.startsWith('r_'));
  return k < 0 ? names.length : k;
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
  const names = drawNames(model);
  const K = summarisedCount(model);
  const values = new Float64Array(r.numSamples * K);
  const full = new Float64Array(names.length);
  const fullDraws: Float64Array[] = [];
  for (let i = 0; i < r.numSamples; i++) {
    drawValues(model, r.draws.subarray(i * r.dim, (i + 1) * r.dim), full);
    values.set(full.subarray(0, K), i * K);
    if (request.logLik) fullDraws.push(Float64Array.from(full));
  }
  let logLik: Float64Array | undefined;
  if (request.logLik) {
    const ll = pointwiseLogLik(model, fullDraws, names);
    logLik = new Float64Array(ll.length * r.numSamples);
    ll.forEach((row, i) => logLik!.set(row, i * r.numSamples));
  }
  return {
    chain,
    names: names.slice(0, K),
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
