/**
 * What the LMM core needs from a formula + table: the response, the dense fixed-effects matrix X and
 * the random-effects terms in lme4's compact form (never a dense n×q Z).
 */
export interface ReTerm {
  /** The grouping factor's name as lme4 prints it: "Subject", "cask:batch", "dept:service". */
  readonly group: string;
  /** Level labels of the grouping factor, in lme4's order (R's factor level order of the group). */
  readonly levels: readonly string[];
  /** refs[i] = level index (0-based) of observation i (after dropping rows with missing values). */
  readonly refs: Int32Array;
  /** Column names of the term's model matrix, as lme4 names them: ["(Intercept)", "Days"]. */
  readonly termNames: readonly string[];
  /** The term's model matrix, row-major n × S: z[i * S + j] (S = termNames.length). */
  readonly z: Float64Array;
}

/**
 * The fixed-effects terms as R's terms object and attr(X, "assign") describe them; ANOVA tables
 * (lmerTest's Type I–III hypotheses) are built from these.
 */
export interface FixedTerms {
  readonly intercept: boolean;
  /** R's attr(terms, "term.labels"): "Product", "Product:Information", "poly(Days, 2)". */
  readonly labels: readonly string[];
  /** The variables (model-frame labels) of each term. */
  readonly variables: readonly (readonly string[])[];
  /** Variables whose R data class is "numeric" (lmerTest's containment rule compares these). */
  readonly numericVariables: readonly string[];
  /** attr(X, "assign") of the kept columns of X: 0 = intercept, j = labels[j − 1]. */
  readonly assign: Int32Array;
  /** Per term, R's model.matrix(~ 0 + term) (every factor coded by all its levels), column-major columns. */
  readonly cells: readonly { readonly names: readonly string[]; readonly columns: readonly Float64Array[] }[];
  /** Per term, per variable: 1 = coded by treatment contrasts (all levels but the first), 2 = all levels. */
  readonly codes: readonly (readonly (1 | 2)[])[];
  /** Each variable's kind; factor/logical levels; the mean of a numeric variable over the rows used. */
  readonly variableInfo: Readonly<Record<string, { readonly type: 'numeric' | 'factor' | 'logical' | 'matrix'; readonly levels?: readonly string[]; readonly mean?: number }>>;
}

export interface MixedDesign {
  /** Number of observations used (rows with a missing model variable dropped). */
  readonly n: number;
  readonly responseName: string;
  readonly y: Float64Array;
  /** Fixed-effects model matrix, column-major n × p: X[j * n + i]. Rank-deficient columns already dropped. */
  readonly X: Float64Array;
  readonly p: number;
  /** R's column names of X: "(Intercept)", "Days", "recipeB:temp", "I(age^2)". */
  readonly fixedNames: readonly string[];
  /** Columns dropped as linearly dependent (lme4: "fixed-effect model matrix is rank deficient so dropping k columns / coefficients"). */
  readonly droppedFixed: readonly string[];
  /** Term structure of X (absent for designs built by hand). */
  readonly fixedTerms?: FixedTerms;
  /**
   * Random-effects terms in lme4's order (mkReTrms): written order, unless the numbers of levels ever
   * increase, then rev(order(nlevels)) — decreasing, with ties in reverse written order. `(a || g)` is
   * already split into `(1 | g) + (0 + a | g)`, `(1 | a/b)` into `(1 | b:a) + (1 | a)`.
   */
  readonly reterms: readonly ReTerm[];
  /** Prior weights, or undefined for all ones. */
  readonly weights: Float64Array | undefined;
  /** GLMM binomial cbind(successes, failures): trials per observation (y is then the proportion). */
  readonly trials?: Float64Array;
  /** GLMM: how the response was written (cbind, a factor, logical, numbers). */
  readonly responseForm?: 'numeric' | 'logical' | 'factor' | 'cbind';
  /** Offset, or undefined for zeros. */
  readonly offset: Float64Array | undefined;
  /** rows[i] = 0-based row in the source table of observation i. */
  readonly rows: Int32Array;
  /** Rows dropped because a model variable was missing. */
  readonly nDropped: number;
  /** Plain-language warnings raised while building (rank deficiency, dropped rows, …). */
  readonly warnings: readonly string[];
}
