/**
 * Table + brms formula + family + priors → the model the sampler runs (a LogDensity), its data, the
 * resolved priors and get_prior()'s table.
 */
import { type Table } from '../../data/table';
import { buildBrmsData, type BrmsData } from './brmsDesign';
import { brmsFamily } from './brmsFamily';
import { BrmsModel } from './brmsModel';
import { priorTable, resolvePriors, type PriorRow, type PriorStructure, type UserPrior } from './priors';

export interface BrmsRequest {
  readonly formula: string;
  /** gaussian, bernoulli, binomial, poisson or negbinomial. */
  readonly family: string;
  readonly priors?: readonly UserPrior[];
  /** Columns to treat as factors even if numeric. */
  readonly factors?: readonly string[];
}

export function priorStructure(data: BrmsData, family: PriorStructure['family']): PriorStructure {
  return { family, y: data.y, hasIntercept: data.hasIntercept, bNames: data.bNames, terms: data.terms };
}

export function buildBrmsModel(table: Table, request: BrmsRequest): { model: BrmsModel; priorTable: PriorRow[] } {
  const family = brmsFamily(request.family);
  const data = buildBrmsData(table, request.formula, family, request.factors ? { factors: request.factors } : {});
  const s = priorStructure(data, family);
  const priors = resolvePriors(s, request.priors ?? []);
  return { model: new BrmsModel(data, family, priors), priorTable: priorTable(s, request.priors ?? []) };
}
