/**
 * lme4's checks on a model (lFormula: checkNlevels, checkZdims, checkScaleX) plus a few plain-language
 * warnings lme4 does not give but users need: numeric grouping columns with fractional values, and
 * random slopes that cannot be estimated because they do not vary within groups.
 */
import { QuadratError } from '../errors/quadratError';
import { type BuiltReTerm } from './reTerms';
import { type Value } from './values';
import { type MixedDesign } from './mixedDesign';
import { leastSquaresFromNormalEquations, weightedLeastSquares } from '../linalg/leastSquares';

/** `glmm`: lme4's glmer allows as many levels (and random effects) as observations — an observation-level random effect. */
export function checkGroupingLevels(terms: readonly BuiltReTerm[], n: number, glmm = false): void {
  const tooMany = (k: number) => (glmm ? k > n : k >= n);
  for (const t of terms) {
    const where = { column: t.source.leaves[0].start + 1, columnName: t.group };
    if (t.levels.length < 2) {
      throw new QuadratError('model', `The grouping factor ${t.group} has only ${t.levels.length === 1 ? `one level ("${t.levels[0]}")` : 'no levels'} in the rows used; a random effect needs at least 2 groups. (lme4: grouping factors must have > 1 sampled level)`, where);
    }
    if (tooMany(t.levels.length)) {
      throw new QuadratError('model', `The grouping factor ${t.group} has ${t.levels.length} levels for ${n} observations, so each group has a single observation and its variance cannot be told apart from the residual. (lme4: number of levels of each grouping factor must be < number of observations (problems: ${t.group}))`, where);
    }
    const q = t.levels.length * t.termNames.length;
    if (tooMany(q)) {
      throw new QuadratError('model', `number of observations (=${n}) <= number of random effects (=${q}) for term (${t.termText}); the random-effects parameters and the residual variance (or scale parameter) are probably unidentifiable`, where);
    }
  }
}

/** Warn about numeric grouping columns with fractional values: every distinct value becomes a group. */
export function groupingWarnings(terms: readonly BuiltReTerm[], value: (label: string) => Value): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of terms) {
    for (const leaf of t.source.leaves) {
      if (seen.has(leaf.name)) continue;
      seen.add(leaf.name);
      const v = value(leaf.name);
      if (v.type !== 'numeric') continue;
      let fractional = 0;
      for (const x of v.values) if (!Number.isInteger(x)) fractional++;
      if (fractional > 0) {
        const levels = new Set(v.values).size;
        out.push(`The grouping column ${leaf.name} is numeric with fractional values; each of its ${levels} distinct values is treated as a group. If it is a measurement, it should not be a grouping factor.`);
      }
    }
  }
  return out;
}

/** A random slope constant within every group is confounded with the group's intercept. */
export function slopeWarnings(terms: readonly BuiltReTerm[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    const S = t.termNames.length;
    const nl = t.levels.length;
    const n = t.refs.length;
    for (let j = 0; j < S; j++) {
      if (t.termNames[j] === '(Intercept)') continue;
      const first = new Float64Array(nl).fill(NaN);
      let varies = false;
      for (let i = 0; i < n && !varies; i++) {
        const g = t.refs[i];
        const v = t.z[i * S + j];
        if (Number.isNaN(first[g])) first[g] = v;
        else if (first[g] !== v) varies = true;
      }
      if (!varies) {
        out.push(`In (${t.termText}) the effect ${t.termNames[j]} does not vary within any level of ${t.group}, so its random variation cannot be separated from differences between groups. Consider dropping it from the random part.`);
      }
    }
  }
  return out;
}

/** lme4's checkScaleX: continuous columns whose SDs differ by more than 1000× (or are far from 1). */
export function scaleWarning(columns: readonly Float64Array[]): string | undefined {
  const sds: number[] = [];
  for (const c of columns) {
    if (isBinary(c)) continue;
    const n = c.length;
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c[i] - m) * (c[i] - m);
    sds.push(Math.sqrt(ss / (n - 1)));
  }
  const tol = Math.log(1000);
  const big = sds.some((s, i) => Math.abs(Math.log(s)) > tol || sds.some((r, j) => j < i && Math.abs(Math.log(s / r)) > tol));
  return big ? 'Some predictor variables are on very different scales: consider rescaling' : undefined;
}

function isBinary(c: Float64Array): boolean {
  for (let i = 0; i < c.length; i++) if (c[i] !== 0 && c[i] !== 1) return false;
  return true;
}

/**
 * An LMM needs residual variation: a response that is the same in every row, or an exact linear
 * function of the fixed effects, leaves σ² = 0 and every criterion infinite. Said before fitting, as
 * the user's problem, rather than as a failed factorization after it. `normal`: the unweighted XᵀX
 * (lower triangle) and Xᵀ(y − offset) when the caller has them (a model's crossproducts; both are
 * overwritten), saving the least-squares fit its pass over X.
 */
export function checkResponseVaries(design: MixedDesign, normal?: { XtX: Float64Array; Xty: Float64Array }): void {
  const { n, p, X, y, offset } = design;
  // loops, not Float64Array.from(y, fn) and every(): on 96,000 rows those cost ≈ 10 ms each
  const r = new Float64Array(n);
  let constant = true;
  for (let i = 0; i < n; i++) {
    r[i] = y[i] - (offset ? offset[i] : 0);
    if (r[i] !== r[0]) constant = false;
  }
  const name = design.responseName;
  if (constant) {
    throw new QuadratError('data', `The response ${name} has the same value (${r[0]}) in every row used, so there is nothing to model. Check that you chose the right column.`, { columnName: name });
  }
  // a zero residual sum of squares of the least-squares fit on X is an exact fit
  const ls = p === 0 ? undefined : normal ? leastSquaresFromNormalEquations(normal.XtX, normal.Xty, X, n, p, r) : weightedLeastSquares(X, n, p, r);
  if (!ls) return;
  const rss = ls.rss;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += r[i] / n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (r[i] - mean) ** 2;
  if (rss <= 1e-20 * Math.max(tss, 1e-300) || rss <= 1e-24 * n) {
    throw new QuadratError(
      'data',
      `The response ${name} is an exact linear function of the fixed effects (${design.fixedNames.join(', ')}): nothing is left for the random effects or the residuals to explain, so the variances cannot be estimated. Check that the response is not computed from a predictor.`,
      { columnName: name },
    );
  }
}

/**
 * The columns of one random-effects term must not be linear combinations of each other (e.g.
 * `(Days + I(2*Days) | Subject)`): their covariance would be singular by construction and the fit
 * would end at a saddle. Found by a Cholesky of the term's scaled Gram matrix.
 */
export function checkRandomColumns(terms: readonly BuiltReTerm[], n: number): void {
  for (const t of terms) {
    const S = t.termNames.length;
    if (S < 2) continue;
    const G = new Float64Array(S * S);
    for (let i = 0; i < n; i++)
      for (let a = 0; a < S; a++) for (let b = 0; b <= a; b++) G[b * S + a] += t.z[i * S + a] * t.z[i * S + b];
    const d = Array.from({ length: S }, (_, a) => Math.sqrt(G[a * S + a]) || 1);
    for (let a = 0; a < S; a++) for (let b = 0; b <= a; b++) G[b * S + a] /= d[a] * d[b];
    // unit-diagonal Gram: a pivot below 1e-10 means a column is (nearly) a combination of earlier ones
    for (let c = 0; c < S; c++) {
      let piv = G[c * S + c];
      for (let k = 0; k < c; k++) piv -= G[k * S + c] ** 2;
      if (!(piv > 1e-10)) {
        throw new QuadratError(
          'model',
          `In the random-effects term (${t.termText}), ${t.termNames[c]} is a linear combination of ${t.termNames.slice(0, c).join(', ')}: the term's covariance cannot be estimated. Remove ${t.termNames[c]} from the term.`,
          { column: t.source.leaves[0].start + 1, columnName: t.group },
        );
      }
      const L = Math.sqrt(piv);
      G[c * S + c] = L;
      for (let r = c + 1; r < S; r++) {
        let s = G[c * S + r];
        for (let k = 0; k < c; k++) s -= G[k * S + r] * G[k * S + c];
        G[c * S + r] = s / L;
      }
    }
  }
}
