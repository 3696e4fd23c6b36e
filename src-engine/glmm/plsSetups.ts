/**
 * A batch thread's PIRLS set-up kept for the next unit: the reweighted-crossproduct plan and the
 * symbolic factorisation (weightedPls.ts) depend only on X and the random-effects terms, never on y,
 * the trials or the weights. A unit whose design shares its pattern (design/designPattern.ts: X and
 * the terms are then the same arrays) reuses them; their values are rewritten at every solve, and a
 * factorisation reads only the current values and θ. Units of a thread run one after another, and a
 * unit's summary is complete before the next unit's first solve.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { type Factorizer } from '../lmm/updateL';
import { type ReweightedCrossproducts } from './reweightedCrossproducts';

/** One WeightedPls's set-up, filled at its first solve. */
export interface PlsSetup {
  rcp?: ReweightedCrossproducts;
  fz?: Factorizer;
}

export class PlsSetups {
  private last: { X: Float64Array; reterms: MixedDesign['reterms']; uOnly: PlsSetup; joint: PlsSetup } | undefined;
  /** Set-ups reused (for tests and benchmarks). */
  hits = 0;

  /** The set-ups for `design`: the last ones when it shares their pattern, else fresh (and kept). */
  for(design: MixedDesign): { uOnly: PlsSetup; joint: PlsSetup } {
    const k = this.last;
    if (k && k.X === design.X && k.reterms === design.reterms) {
      this.hits++;
      return k;
    }
    this.last = { X: design.X, reterms: design.reterms, uOnly: {}, joint: {} };
    return this.last;
  }
}
