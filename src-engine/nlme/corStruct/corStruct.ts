/**
 * A correlation structure (nlme's corStruct): within each group of `form = ~ covariate | g`, the
 * correlation matrix of the errors, a function of unconstrained parameters and of the covariate
 * (positions 1, 2, … in data order for `~ 1`, a time, or coordinates). Observations in different
 * groups are uncorrelated.
 */
export interface CorStruct {
  readonly className: string;
  readonly nPar: number;
  /** Starting values on nlme's unconstrained scale. */
  start(): number[];
  /** Further starting points worth trying (spatial ranges over the observed distances); the best is used. */
  starts?(): number[][];
  /** Group of each observation (codes into `members`). */
  readonly groupOf: Int32Array;
  /** Observations of each group, in data order. */
  readonly members: readonly (readonly number[])[];
  /**
   * What the correlation of two observations of a group depends on: their times or coordinates
   * (none for corCompSymm). Groups with the same coordinates in the same order share C, and a group
   * whose coordinates begin another's has the leading block of its C (and of its Cholesky factor).
   */
  readonly coordinates: readonly Float64Array[];
  /** Correlation between observations i and j of the same group (i ≠ j). */
  correlation(par: ArrayLike<number>): (i: number, j: number) => number;
  /**
   * Optional: fills C[a, c] (a < c, column-major with leading dimension ld, default len: out[a * ld + c])
   * for a group's `rows`, faster than `correlation` pair by pair (spatial structures keep each rows
   * array's distances).
   */
  fillCorrelation?(par: ArrayLike<number>): (rows: Int32Array, out: Float64Array, ld?: number) => void;
  /**
   * Normalized residuals of one group when nlme uses its own inverse square root of C instead of
   * the inverse Cholesky factor (corCompSymm: a Helmert basis). Absent: L⁻¹r with C = L Lᵀ.
   */
  normalize?(par: ArrayLike<number>, r: Float64Array): Float64Array;
  /**
   * Markov structures (corAR1, corCAR1): ρ_ij = φ^|t_i − t_j|, so a group is whitened in O(n) in time
   * order (the Prais–Winsten transform) instead of through a dense Cholesky factor.
   */
  markov?: { readonly t: Float64Array; phi(par: ArrayLike<number>): number };
  /** Spatial structures: the distance between two observations of a group (for the variogram). */
  distance?(i: number, j: number): number;
  /**
   * Spatial structures: the fitted structure's semivariogram nugget + (1 − nugget)(1 − h(d / range)) of
   * standardized errors at `length` distances evenly over the observed ones (nlme's
   * attr(Variogram(fit), "modelVariog"), the line plot(Variogram(fit)) draws); null without pairs.
   */
  modelVariogram?(par: ArrayLike<number>, length?: number): { dist: number[]; variog: number[] } | null;
  /**
   * corSymm: the parameters apVar and intervals() use instead of the unconstrained ones (nlme's
   * corNatural): `from` maps the unconstrained parameters to them, `to` back (null where invalid),
   * `printed` maps them to the printed values one by one.
   */
  natural?: {
    from(par: ArrayLike<number>): number[];
    to(z: ArrayLike<number>): number[] | null;
    printed(z: ArrayLike<number>): { names: string[]; values: number[] };
  };
  /**
   * nlme's `value =`: the unconstrained parameters of values given as nlme prints them, or null when
   * they are outside the structure's range. Absent: the structure takes no starting value.
   */
  unconstrain?(printed: readonly number[]): number[] | null;
  /** coef(corStruct, unconstrained = FALSE): names and values as nlme prints them. */
  printed(par: ArrayLike<number>): { names: string[]; values: number[] };
  readonly formula: string;
}

/** The covariate of `~ 1 | g`: the position of each observation within its group (1, 2, …). */
export function positions(groupOf: Int32Array, members: readonly (readonly number[])[]): Float64Array {
  const t = new Float64Array(groupOf.length);
  for (const m of members) m.forEach((i, k) => (t[i] = k + 1));
  return t;
}

const logit = (p: number) => Math.log(p / (1 - p));
export const expit = (x: number) => 1 / (1 + Math.exp(-x));
export { logit };
