/**
 * The two small jobs a host runs around the chains of a Bayesian fit, each rebuilding the model from
 * the table and request (deterministic), so the main thread never builds design matrices:
 * get_prior()'s table before fitting (a bad prior is refused here, saying what exists), and the
 * summary of the chains' outputs after.
 */
import { type Table } from '../../data/table';
import { buildBrmsModel } from '../model/buildBrmsModel';
import { type ImproperPosterior, improperPosterior } from '../model/improperPosterior';
import { type PriorRow } from '../model/priors';
import { type BayesChainOutput } from './bayesChain';
import { type BayesReport } from './bayesReport';
import { type BayesRequest, bayesSettings } from './bayesRequest';
import { summariseBayes } from './summariseBayes';

export interface BayesPriorTable {
  rows: PriorRow[];
  improper: ImproperPosterior | null;
}

export function bayesPriorsJob(table: Table, request: BayesRequest): BayesPriorTable {
  const { model, priorTable } = buildBrmsModel(table, request);
  return { rows: priorTable, improper: improperPosterior(model) };
}

export function bayesSummaryJob(table: Table, request: BayesRequest, chains: readonly BayesChainOutput[], wallMs: number): BayesReport {
  const t0 = performance.now();
  const { model, priorTable } = buildBrmsModel(table, request);
  const buildMs = performance.now() - t0;
  return summariseBayes({ model, formula: request.formula, priorTable, improper: improperPosterior(model), settings: bayesSettings(request), chains, buildMs, wallMs });
}
