/**
 * A variance function (nlme's varFunc): Var(ε_i) = σ² / w_i², with the weights w_i ("varWeights")
 * a function of unconstrained parameters and, for some classes, of the fitted values.
 */
export interface VarFunc {
  /** nlme's class name: varIdent, varPower, … */
  readonly className: string;
  /** Number of free (optimized) parameters on nlme's unconstrained scale. */
  readonly nPar: number;
  /** Starting values (nlme's defaults) on the unconstrained scale. */
  start(): number[];
  /**
   * log w_i for every observation (nlme adds Σ log w_i to the log-likelihood), written into `out` when
   * given (the optimizer's evaluations reuse one array: Node's V8 allocates a typed array over 64 bytes
   * outside its heap, ≈ 3 µs each, a third of a small gls evaluation).
   */
  logWeights(par: ArrayLike<number>, fitted: Float64Array | undefined, out?: Float64Array): Float64Array;
  /** The parameters as coef(varStruct, unconstrained = FALSE) prints them (names and values). */
  printed(par: ArrayLike<number>): { names: string[]; values: number[] };
  /** The weights depend on the fitted values (form = ~ fitted(.)): nlme re-evaluates them between optimizations. */
  readonly usesFitted: boolean;
  /** A description such as `Variance function: Structure: Different standard deviations per stratum`. */
  readonly structure: string;
  readonly formula: string;
  /** Coordinates the optimizer searches in instead of nlme's, where nlme's put the optimum at the end
   * of a long curved ridge (a smooth bijection; the fit and its report stay on nlme's scale). */
  readonly search?: SearchMap;
  /**
   * Per observation, a class whose rows share their weight at every value of the parameters (the
   * strata, or the distinct (stratum, covariate) pairs), numbered from 0; absent where the weights
   * move with the fitted values. A gls without correlation then sums [X y]ᵀ[X y] per class once and
   * weighs the sums at each evaluation (likelihood.ts).
   */
  weightClasses?(): Int32Array;
}

/** Classes of equal (stratum, value) pairs, numbered in order of first appearance. */
export function pairClasses(stratum: Int32Array, values: ArrayLike<number>): Int32Array {
  const index = new Map<string, number>();
  const out = new Int32Array(stratum.length);
  for (let i = 0; i < out.length; i++) {
    const key = `${stratum[i]}:${values[i]}`;
    let k = index.get(key);
    if (k === undefined) index.set(key, (k = index.size));
    out[i] = k;
  }
  return out;
}

/** A smooth bijection between a variance function's unconstrained parameters and the optimizer's. */
export interface SearchMap {
  toSearch(par: ArrayLike<number>): number[];
  fromSearch(z: ArrayLike<number>): number[];
}

/**
 * Strata of the observations given by the groups of `form` (joined by "*"), named by their labels,
 * in order of first appearance in nlme's processing order (so the first is nlme's reference).
 */
export function strataInOrder(codes: Int32Array[], labels: (readonly string[])[], order: Int32Array): { stratum: Int32Array; names: string[] } {
  const n = order.length;
  const key = (i: number) => codes.map((c, k) => labels[k][c[i]]).join('*');
  const names: string[] = [];
  const index = new Map<string, number>();
  const stratum = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const k = key(i);
    let s = index.get(k);
    if (s === undefined) {
      s = names.length;
      index.set(k, s);
      names.push(k);
    }
    stratum[i] = s;
  }
  return { stratum, names };
}
