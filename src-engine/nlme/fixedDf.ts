/**
 * nlme's denominator degrees of freedom for lme's t and F tests (getFixDF, "containment"): each
 * column of X is estimated in the innermost stratum (groups of level 1, …, level Q, residual) within
 * whose groups it varies; a stratum's df is its number of groups minus those of the stratum above,
 * minus the columns estimated in it; the intercept takes the largest df, one df off the top stratum.
 */
export interface FixedDf {
  /** Per column of X. */
  readonly columns: number[];
  /** Per term (intercept first if present), for the F tests. */
  readonly terms: number[];
}

function constantColumn(x: Float64Array, from: number, n: number): boolean {
  const x0 = x[from];
  const tol = Math.sqrt(2.220446049250313e-16);
  for (let i = 0; i < n; i++) {
    const v = x[from + i];
    if (Math.abs(x0 === 0 ? v : v / x0 - 1) >= tol) return false;
  }
  return true;
}

/** Does the column vary within some group? */
function variesWithin(x: Float64Array, from: number, codes: Int32Array): boolean {
  const first = new Map<number, number>();
  for (let i = 0; i < codes.length; i++) {
    const v = x[from + i];
    const f = first.get(codes[i]);
    if (f === undefined) first.set(codes[i], v);
    else if (f !== v) return true;
  }
  return false;
}

/**
 * `X` column-major n × p; `assign[j]` = term of column j (0 = intercept); `nTerms` terms (intercept
 * included when present); `levels` the grouping codes, outermost first, with their numbers of groups.
 */
export function fixedDf(X: Float64Array, n: number, p: number, assign: ArrayLike<number>, termIds: readonly number[], levels: readonly { codes: Int32Array; count: number }[]): FixedDf {
  const Q = levels.length;
  const counts = [...levels.map((l) => l.count), n];
  const base = counts.map((c, s) => c - (s === 0 ? 0 : counts[s - 1]));
  const dfX = base.slice();
  const dfTerms = base.slice();
  const notInt: boolean[] = [];
  const stratX: number[] = [];
  for (let j = 0; j < p; j++) {
    notInt.push(!constantColumn(X, j * n, n));
    let s = 0;
    for (let q = 0; q < Q; q++) if (variesWithin(X, j * n, levels[q].codes)) s = q + 1;
    stratX.push(s);
  }
  const hasIntercept = notInt.some((v) => !v);
  const columns = new Array<number>(p).fill(0);
  const terms = new Array<number>(termIds.length).fill(0);
  // nlme adjusts the strata only when some column is not the intercept
  const anyNotInt = notInt.some((v) => v);
  for (let j = 0; j < p; j++) if (notInt[j]) dfX[stratX[j]]--;
  if (anyNotInt && hasIntercept) dfX[0]--;
  else if (anyNotInt) for (let s = 1; s <= Q; s++) dfX[s]++;
  for (let j = 0; j < p; j++) columns[j] = notInt[j] ? dfX[stratX[j]] : Math.max(...dfX);
  // terms: the stratum of a term is the innermost of its columns'
  const termCols = termIds.map((t) => Array.from({ length: p }, (_, j) => j).filter((j) => assign[j] === t));
  const termNotInt = termCols.map((cols) => cols.some((j) => notInt[j]));
  const stratTerm = termCols.map((cols) => Math.max(0, ...cols.map((j) => stratX[j])));
  termCols.forEach((cols, k) => {
    if (termNotInt[k]) dfTerms[stratTerm[k]] -= cols.length;
  });
  if (anyNotInt && termNotInt.some((v) => !v)) dfTerms[0]--;
  else if (anyNotInt) for (let s = 1; s <= Q; s++) dfTerms[s]++;
  termCols.forEach((_, k) => (terms[k] = termNotInt[k] ? dfTerms[stratTerm[k]] : Math.max(...dfTerms)));
  return { columns, terms };
}
