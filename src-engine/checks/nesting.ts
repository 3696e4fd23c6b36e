/**
 * Nested written as crossed: plot IDs 1, 2, 3 reused in every site make `(1 | plot)` one group per ID
 * across all sites (lme4 issue 227). The data cannot tell reused IDs from a truly crossed design
 * (the same locus measured in every tank), so the finding asks only where the pattern is the
 * numbering-within-a-unit one: several IDs per level of the higher factor, IDs repeated across its
 * levels, and the IDs are plain numbers restarting in each unit (no more IDs than the largest unit
 * holds). A fixed factor (period, year) is taken as higher only when it has more levels than there
 * are IDs: 15 herds measured in each of 4 periods are crossed by design.
 */

export interface ReusedIds {
  /** Levels of the lower factor. */
  nLevels: number;
  /** Lower-factor levels found in more than one level of the higher factor. */
  reused: number;
  /** Distinct (higher, lower) combinations: the groups if IDs were unique within the higher factor. */
  nCombinations: number;
  /** The most-spread reused ID and in how many higher levels it occurs. */
  example: string;
  maxSpread: number;
}

/** IDs that restart in each unit are plain numbers: 1, 2, 3 or 01, 02. */
const NUMBERING = /^\s*\d+\s*$/;

export function reusedIds(lower: readonly string[], higher: readonly string[], higherIsRandom: boolean): ReusedIds | null {
  const spread = new Map<string, Set<string>>();
  const within = new Map<string, Set<string>>();
  for (let i = 0; i < lower.length; i++) {
    const l = lower[i];
    const h = higher[i];
    if (!spread.has(l)) spread.set(l, new Set());
    spread.get(l)!.add(h);
    if (!within.has(h)) within.set(h, new Set());
    within.get(h)!.add(l);
  }
  let reused = 0;
  let example = '';
  let maxSpread = 1;
  let nCombinations = 0;
  for (const [l, hs] of spread) {
    nCombinations += hs.size;
    if (hs.size > 1) reused++;
    if (hs.size > maxSpread) {
      maxSpread = hs.size;
      example = l;
    }
  }
  if (reused === 0) return null;
  // the higher factor must contain several lower units in each of its levels
  for (const ls of within.values()) if (ls.size < 2) return null;
  // numbering restarts in each unit: as many IDs as the largest unit has units
  let largest = 0;
  for (const ls of within.values()) largest = Math.max(largest, ls.size);
  const numbering = spread.size <= largest && [...spread.keys()].every((l) => NUMBERING.test(l));
  const fewer = spread.size < within.size;
  if (!numbering || !(higherIsRandom || fewer)) return null;
  return { nLevels: spread.size, reused, nCombinations, example, maxSpread };
}
