/**
 * Several chains in this thread, one after the other. Each chain depends only on (seed, chain
 * index), so running chain k here or alone on a worker gives the same draws.
 */
import { type LogDensity } from '../logDensity';
import { type ChainOptions, type ChainPhase, type ChainResult, sampleChain } from './sampleChain';

export interface ChainsOptions extends Omit<ChainOptions, 'chain' | 'onProgress'> {
  /** Number of chains (brms's default 4). */
  chains?: number;
  onProgress?: (chain: number, iteration: number, total: number, phase: ChainPhase) => void;
}

export function sampleChains(model: LogDensity, options: ChainsOptions): ChainResult[] {
  const chains = options.chains ?? 4;
  const results: ChainResult[] = [];
  for (let chain = 0; chain < chains; chain++) {
    const onProgress = options.onProgress;
    results.push(
      sampleChain(model, {
        ...options,
        chain,
        onProgress: onProgress ? (it, total, phase) => onProgress(chain, it, total, phase) : undefined,
      }),
    );
  }
  return results;
}
