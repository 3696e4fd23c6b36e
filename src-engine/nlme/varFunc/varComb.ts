/** varComb(f1, f2, …): the product of variance functions (weights multiply, log-weights add). */
import { pairClasses, type SearchMap, type VarFunc } from './varFunc';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function varComb(parts: readonly VarFunc[]): VarFunc {
  const offsets: number[] = [];
  let nPar = 0;
  for (const f of parts) {
    offsets.push(nPar);
    nPar += f.nPar;
  }
  const slice = (par: ArrayLike<number>, k: number) => Array.from({ length: parts[k].nPar }, (_, j) => par[offsets[k] + j]);
  // each part searched in its own coordinates (nlme's where it has none)
  const map = (f: (part: VarFunc, x: number[]) => number[]) => (x: ArrayLike<number>) => parts.flatMap((p, k) => f(p, slice(x, k)));
  const search: SearchMap | undefined = parts.some((f) => f.search)
    ? { toSearch: map((p, x) => p.search?.toSearch(x) ?? x), fromSearch: map((p, z) => p.search?.fromSearch(z) ?? z) }
    : undefined;
  let partBuffer: Float64Array | undefined; // the later parts' weights when the caller gives `out`
  return {
    className: 'varComb',
    nPar,
    usesFitted: parts.some((f) => f.usesFitted),
    structure: 'Combination of variance functions',
    formula: parts.map((f) => f.formula).join(', '),
    start: () => parts.flatMap((f) => f.start()),
    ...(search ? { search } : {}),
    // rows share the product's weight where they share every part's class
    ...(parts.every((f) => f.weightClasses) ? { weightClasses: () => parts.map((f) => f.weightClasses!()).reduce((a, b) => pairClasses(a, b)) } : {}),
    logWeights(par, fitted, into) {
      const first = parts[0].logWeights(slice(par, 0), fitted, into);
      const out = into ?? first.slice();
      for (let k = 1; k < parts.length; k++) {
        const w = parts[k].logWeights(slice(par, k), fitted, into ? (partBuffer ??= new Float64Array(out.length)) : undefined);
        for (let i = 0; i < out.length; i++) out[i] += w[i];
      }
      return out;
    },
    // nlme prefixes each part's names by A., B., …
    printed(par) {
      const names: string[] = [];
      const values: number[] = [];
      parts.forEach((f, k) => {
        const p = f.printed(slice(par, k));
        names.push(...p.names.map((nm) => `${LETTERS[k]}.${nm}`));
        values.push(...p.values);
      });
      return { names, values };
    },
  };
}
