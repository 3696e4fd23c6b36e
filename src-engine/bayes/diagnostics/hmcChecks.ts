/**
 * The HMC-specific checks rstan/brms print after sampling: divergent transitions after warm-up,
 * transitions that hit the maximum tree depth, and E-BFMI per chain.
 */
import { ebfmi } from './ebfmi';

export interface SamplerOutput {
  divergent: Uint8Array;
  treedepth: Int32Array;
  energy: Float64Array;
  settings: { maxTreedepth: number };
}

export interface HmcChecks {
  divergent: number;
  treedepthHits: number;
  maxTreedepth: number;
  ebfmi: number[];
  /** 0-based chains whose E-BFMI is below the threshold. */
  lowEbfmiChains: number[];
  total: number;
}

/** E-BFMI threshold: CmdStan's 0.3 (rstan warns below 0.2). */
export const EBFMI_THRESHOLD = 0.3;

export function hmcChecks(chains: readonly SamplerOutput[]): HmcChecks {
  let divergent = 0;
  let treedepthHits = 0;
  let total = 0;
  const maxTreedepth = chains[0]?.settings.maxTreedepth ?? 10;
  for (const c of chains) {
    for (let i = 0; i < c.divergent.length; i++) divergent += c.divergent[i];
    for (let i = 0; i < c.treedepth.length; i++) if (c.treedepth[i] >= c.settings.maxTreedepth) treedepthHits++;
    total += c.divergent.length;
  }
  const e = chains.map((c) => ebfmi(c.energy));
  return { divergent, treedepthHits, maxTreedepth, ebfmi: e, lowEbfmiChains: e.flatMap((v, k) => (v < EBFMI_THRESHOLD ? [k] : [])), total };
}
