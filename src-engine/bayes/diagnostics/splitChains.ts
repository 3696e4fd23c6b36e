/**
 * posterior's .split_chains: each chain becomes its first and second halves (an odd middle draw is
 * dropped), so a trend within a chain shows up as disagreement between chains.
 */
import { type ChainDraws } from './draws';

export function splitChains(x: ChainDraws): Float64Array[] {
  const n = x[0].length;
  if (n === 1) return x.map((c) => c.slice());
  const first = Math.floor(n / 2);
  const secondStart = Math.ceil(n / 2 + 1) - 1; // R's ceiling(half + 1), 0-based
  return [...x.map((c) => c.slice(0, first)), ...x.map((c) => c.slice(secondStart))];
}
