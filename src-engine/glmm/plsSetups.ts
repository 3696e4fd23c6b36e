/**
 * A batch thread's PIRLS set-up kept for the next unit: the random-effects blocks and θ's layout
 * (buildReBlocks), the reweighted-crossproduct plan and the symbolic factorisation (weightedPls.ts),
 * and PIRLS's working arrays (pirls.ts) depend only on X and the random-effects terms, never on y, the
 * trials or the weights. A unit whose design shares its pattern (design/designPattern.ts: X and the
 * terms are then the same arrays) reuses them; the crossproducts' values are rewritten at every
 * solve, a factorisation reads only the current values and θ, and PIRLS writes every working array
 * before it reads it. Units of a thread run one after another, and a unit's summary is complete
 * before the next unit's first solve.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { type ReBlock, type ThetaLayout } from '../lmm/reBlocks';
import { type Factorizer } from '../lmm/updateL';
import { type ReweightedCrossproducts } from './reweightedCrossproducts';

/** One WeightedPls's set-up, filled at its first solve (its PIRLS working arrays are kept by pirls.ts under it). */
export interface PlsSetup {
  rcp?: ReweightedCrossproducts;
  fz?: Factorizer;
}

/** What units sharing a design pattern share: the blocks (filled by the first GlmmModel) and both systems' set-ups. */
export interface PatternSetups {
  reBlocks?: { blocks: ReBlock[]; theta: ThetaLayout };
  uOnly: PlsSetup;
  joint: PlsSetup;
}

export class PlsSetups {
  private last: (PatternSetups & { X: Float64Array; reterms: MixedDesign['reterms'] }) | undefined;
  /** Set-ups reused (for tests and benchmarks). */
  hits = 0;

  /** The set-ups for `design`: the last ones when it shares their pattern, else fresh (and kept). */
  for(design: MixedDesign): PatternSetups {
    const k = this.last;
    if (k && k.X === design.X && k.reterms === design.reterms) {
      this.hits++;
      return k;
    }
    this.last = { X: design.X, reterms: design.reterms, uOnly: {}, joint: {} };
    return this.last;
  }
}
