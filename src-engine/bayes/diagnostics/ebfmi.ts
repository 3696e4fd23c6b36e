/**
 * E-BFMI of one chain (Betancourt 2016): how well the momentum resampling moves the energy, as
 * rstan's get_bfmi computes it, (Σ(E_n − E_{n−1})²/N) / var(E). Values below 0.3 (CmdStan's
 * threshold; rstan warns below 0.2) mean the chain explores the energy distribution poorly,
 * typically because of heavy tails or a funnel.
 */
import { variance } from './draws';

export function ebfmi(energy: ArrayLike<number>): number {
  const n = energy.length;
  if (n < 2) return NaN;
  let s = 0;
  for (let i = 1; i < n; i++) s += (energy[i] - energy[i - 1]) ** 2;
  return s / n / variance(energy);
}
