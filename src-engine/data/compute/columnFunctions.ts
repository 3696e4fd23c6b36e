/**
 * The whole-column functions of data expressions, as R computes them: centre() and scale() (R's
 * scale(): mean and n − 1 sd of the non-missing values), recode() (R's `levels<-`, which merges
 * levels given the same label), and interaction() (R's interaction(): all combinations, the first
 * factor varying fastest, drop = FALSE).
 */
import { scaleParams } from '../../design/evaluate';
import { type FacValue, dropUnused } from './exprValues';

/** x − mean(x), and (x − mean) / sd when `scaled`; NaN everywhere when sd is 0 (R: NaN from 0/0). */
export function centreScale(x: Float64Array, scaled: boolean): Float64Array {
  const { mean, sd } = scaleParams(x);
  return scaled ? x.map((v) => (v - mean) / sd) : x.map((v) => v - mean);
}

/**
 * Levels renamed by `changes` (old label → new label, or null for NA). Levels that end up with the
 * same label are merged, in the order of their first level, as R's levels(f) <- … does.
 */
export function recodeLevels(f: FacValue, changes: ReadonlyMap<string, string | null>): FacValue {
  const levels: string[] = [];
  const map = f.levels.map((l) => {
    const target = changes.has(l) ? changes.get(l)! : l;
    if (target === null) return -1;
    const k = levels.indexOf(target);
    return k >= 0 ? k : levels.push(target) - 1;
  });
  return { kind: 'fac', codes: f.codes.map((c) => (c < 0 ? -1 : map[c])), levels };
}

/** R's interaction(…, sep, drop): a row is missing when any factor is; the first factor varies fastest in the levels. */
export function interactionOf(factors: readonly FacValue[], sep: string, drop: boolean): FacValue {
  let levels = factors[0].levels.slice();
  let codes = Int32Array.from(factors[0].codes);
  for (const f of factors.slice(1)) {
    const width = levels.length;
    const next: string[] = [];
    for (const b of f.levels) for (const a of levels) next.push(`${a}${sep}${b}`);
    codes = codes.map((c, i) => (c < 0 || f.codes[i] < 0 ? -1 : c + width * f.codes[i]));
    levels = next;
  }
  const out: FacValue = { kind: 'fac', codes, levels };
  return drop ? dropUnused(out) : out;
}
