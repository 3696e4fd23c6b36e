/**
 * A Bayesian GLMM as brms fits it: table + {formula, family, priors} + sampler settings → the
 * serialisable report (brms's summary, priors, HMC checks, advice, timing). Chains run here one
 * after the other; a host that has workers runs bayesChainJob per chain instead and combines the
 * outputs with summariseBayes — the numbers are the same, bit for bit, for a given seed.
 */
import { type Table } from '../data/table';
import { improperPosterior } from './model/improperPosterior';
import { buildBrmsModel } from './model/buildBrmsModel';
import { type BayesRequest, bayesSettings } from './fit/bayesRequest';
import { type BayesHooks, runBayesChain } from './fit/bayesChain';
import { type BayesReport } from './fit/bayesReport';
import { summariseBayes } from './fit/summariseBayes';

export type { BayesRequest } from './fit/bayesRequest';
export type { BayesReport } from './fit/bayesReport';

export function fitBayes(table: Table, request: BayesRequest, hooks: BayesHooks = {}): BayesReport {
  const t0 = performance.now();
  const settings = bayesSettings(request);
  const { model, priorTable } = buildBrmsModel(table, request);
  const buildMs = performance.now() - t0;
  const chains = Array.from({ length: settings.chains }, (_, k) => runBayesChain(model, request, k, hooks));
  return summariseBayes({ model, formula: request.formula, priorTable, improper: improperPosterior(model), settings, chains, buildMs });
}
