/**
 * A batch's Bayesian refit of separated units, from its glmer spec: brms's model as the one-click
 * refit builds it (bayesFromGlmm.ts: the same formula and family, normal(0, 2.5) on b), 4 chains.
 * The one place the CLI's --bayes-separated and the app's batch.start turn settings into work.
 */
import { type BatchBayesSettings } from '../../src-engine/batch/unitBayes';
import { bayesSpecFromGlmm } from './bayesFromGlmm';
import { type BatchBayes } from './batchShapes';
import { type ModelSpec } from './shapes';

export const BATCH_BAYES_CHAINS = 4;

export function batchBayesSettings(spec: ModelSpec, s: BatchBayes): BatchBayesSettings {
  const b = bayesSpecFromGlmm(spec);
  return { formula: b.formula, family: b.family, priors: b.priors.map((p) => ({ ...p })), chains: BATCH_BAYES_CHAINS, iter: s.iter, seed: s.seed };
}
