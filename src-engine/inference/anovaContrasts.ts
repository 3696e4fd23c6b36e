/**
 * The hypothesis matrices of lmerTest's ANOVA tables (R/contrast_utils.R, R/anova_contrasts.R):
 *   Type I   rows of the Doolittle factor of XᵀX (sequential sums of squares);
 *   Type II  per term, Doolittle with the term and the terms containing it moved last;
 *            terms contained in no other term are tested marginally;
 *   Type III per term, built from the cell-means design (~ 0 + term for every term) so that the
 *            hypotheses do not depend on the contrast coding, orthogonalised against the terms that
 *            contain it, highest order first.
 * Every step mirrors lmerTest, including its tolerances (1e-6 in doolittle, zapsmall to 7 digits).
 */
import { QuadratError } from '../errors/quadratError';
import { type FixedTerms, type MixedDesign } from '../design/mixedDesign';
import { dgetri, fromRows } from '../linalg/lapack';

/** Rows of a hypothesis matrix as lmerTest builds them (and as the API passes contrasts). */
type Mat = number[][];

export interface TermHypothesis {
  term: string;
  /** L, column-major m×p; m = 0 when the term has no estimable columns. */
  L: Float64Array;
  m: number;
}

/** A term's hypothesis as the steps below build it: rows of L (each of length p), as lmerTest does. */
interface RowHypothesis {
  term: string;
  L: Mat;
}

/** lmerTest's doolittle(): the unit lower factor of an LU decomposition, entries below 1e-6 zeroed. */
export function doolittle(x: Mat, eps = 1e-6): Mat {
  const n = x.length;
  const L: Mat = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const U: Mat = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let u = x[i][j];
      for (let k = 0; k < i; k++) u -= L[i][k] * U[k][j];
      U[i][j] = u;
    }
    for (let j = i + 1; j < n; j++) {
      let l = x[j][i];
      for (let k = 0; k < i; k++) l -= L[j][k] * U[k][i];
      L[j][i] = Math.abs(U[i][i]) < eps ? 0 : l / U[i][i];
    }
  }
  for (const row of L) for (let j = 0; j < n; j++) if (Math.abs(row[j]) < eps) row[j] = 0;
  return L;
}

/** R's round(x, digits). */
function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const y = Math.round(Math.abs(x) * f) / f;
  return x < 0 ? -y : y;
}

/** R's zapsmall(x, digits = 7) over a whole matrix. */
export function zapsmall(A: Mat, digits = 7): Mat {
  let mx = 0;
  for (const row of A) for (const v of row) if (Math.abs(v) > mx) mx = Math.abs(v);
  const d = mx > 0 ? Math.max(0, digits - Math.ceil(Math.log10(mx))) : digits;
  return A.map((row) => row.map((v) => roundTo(v, d)));
}

function crossprodX(design: MixedDesign, cols: readonly number[]): Mat {
  const { n, X } = design;
  return cols.map((a) =>
    cols.map((b) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[a * n + i] * X[b * n + i];
      return s;
    }),
  );
}

/** Columns of X for each term label (lmerTest term2colX); "(Intercept)" included when present. */
export function termColumns(ft: FixedTerms): Map<string, number[]> {
  const map = new Map<string, number[]>();
  if (ft.intercept) map.set('(Intercept)', []);
  for (const t of ft.labels) map.set(t, []);
  ft.assign.forEach((a, j) => map.get(a === 0 ? '(Intercept)' : ft.labels[a - 1])!.push(j));
  return map;
}

/** For each term, the terms that contain it (lmerTest containment / term_contain). */
export function containment(ft: FixedTerms): Map<string, string[]> {
  const numeric = new Set(ft.numericVariables);
  const out = new Map<string, string[]>();
  ft.labels.forEach((t1, i) => {
    const v1 = ft.variables[i];
    const n1 = v1.filter((v) => numeric.has(v));
    const inside: string[] = [];
    ft.labels.forEach((t2, j) => {
      const v2 = ft.variables[j];
      const n2 = v2.filter((v) => numeric.has(v));
      const subset = v1.every((v) => v2.includes(v));
      const larger = v2.some((v) => !v1.includes(v));
      const sameNumerics = n1.every((v) => n2.includes(v)) && n2.every((v) => n1.includes(v));
      if (subset && larger && sameNumerics) inside.push(t2);
    });
    out.set(t1, inside);
  });
  return out;
}

function type1(design: MixedDesign, ft: FixedTerms): RowHypothesis[] {
  const p = design.p;
  if (p === 0) return [];
  if (p === 1 && ft.intercept) return [];
  const all = Array.from({ length: p }, (_, j) => j);
  const L = p === 1 ? [[1]] : transposeM(doolittle(crossprodX(design, all)));
  const cols = termColumns(ft);
  return ft.labels.map((term) => ({ term, L: cols.get(term)!.map((j) => L[j]) }));
}

function transposeM(A: Mat): Mat {
  return A[0].map((_, j) => A.map((row) => row[j]));
}

function marginal(design: MixedDesign, ft: FixedTerms, which: string[]): RowHypothesis[] {
  const cols = termColumns(ft);
  return which.map((term) => ({ term, L: cols.get(term)!.map((j) => Array.from({ length: design.p }, (_, k) => (k === j ? 1 : 0))) }));
}

function type2(design: MixedDesign, ft: FixedTerms): RowHypothesis[] {
  if (design.p <= 1 || ft.labels.length <= 1) return type1(design, ft);
  const contained = containment(ft);
  const cols = termColumns(ft);
  const colTerm: string[] = [];
  cols.forEach((cs, term) => cs.forEach((j) => (colTerm[j] = term)));
  const out = new Map<string, RowHypothesis>();
  for (const h of marginal(design, ft, ft.labels.filter((t) => contained.get(t)!.length === 0))) out.set(h.term, h);
  for (const term of ft.labels) {
    if (contained.get(term)!.length === 0) continue;
    // lmerTest: Xnew = cbind(X[, -cols_term], X[, cols_term]) with cols_term = the term's columns, then
    // those of each term containing it
    const moved = [term, ...contained.get(term)!].flatMap((t) => cols.get(t)!);
    const movedSet = new Set(moved);
    const newOrder = [...Array.from({ length: design.p }, (_, j) => j).filter((j) => !movedSet.has(j)), ...moved];
    const Lc = transposeM(doolittle(crossprodX(design, newOrder)));
    const rows: Mat = [];
    newOrder.forEach((j, r) => {
      if (colTerm[j] !== term) return;
      const row = new Array<number>(design.p).fill(0);
      newOrder.forEach((k, c) => (row[k] = Lc[r][c]));
      rows.push(row);
    });
    out.set(term, { term, L: rows });
  }
  return ft.labels.map((t) => out.get(t)!);
}

/** Residuals of least-squares regression of each column of Y on the columns of Xs (lm.fit's residuals). */
function residualize(Xs: Mat, Y: Mat): Mat {
  // orthonormal basis of span(Xs) by modified Gram–Schmidt, dropping columns with a relative residual < 1e-7
  const basis: number[][] = [];
  for (const x of Xs) {
    const v = x.slice();
    const norm0 = Math.hypot(...v);
    for (const b of basis) {
      const d = v.reduce((s, vi, i) => s + vi * b[i], 0);
      for (let i = 0; i < v.length; i++) v[i] -= d * b[i];
    }
    const norm = Math.hypot(...v);
    if (norm0 > 0 && norm > 1e-7 * norm0) basis.push(v.map((vi) => vi / norm));
  }
  return Y.map((y) => {
    const r = y.slice();
    for (const b of basis) {
      const d = r.reduce((s, ri, i) => s + ri * b[i], 0);
      for (let i = 0; i < r.length; i++) r[i] -= d * b[i];
    }
    return r;
  });
}

function type3(design: MixedDesign, ft: FixedTerms): { hypotheses: RowHypothesis[]; messages: string[] } {
  if (design.p <= 1 || ft.labels.length <= 1) return { hypotheses: type1(design, ft), messages: [] };
  const { n, p, X } = design;
  // rdX: intercept column (if any) then ~ 0 + term for each term
  const rdNames: string[] = [];
  const rdCols: Float64Array[] = [];
  if (ft.intercept) {
    rdNames.push('(Intercept)');
    rdCols.push(new Float64Array(n).fill(1));
  }
  ft.cells.forEach((c) => {
    rdNames.push(...c.names);
    rdCols.push(...c.columns);
  });
  const messages: string[] = [];
  const zero = rdNames.filter((_, k) => rdCols[k].every((v) => v === 0));
  if (zero.length) messages.push(`Missing cells for: ${zero.join(', ')}. Interpret type III hypotheses with care.`);

  // L (rows = rdX columns, cols = X columns) = zapsmall(t(ginv(X) rdX)); X has full column rank here
  const XtXinv = dgetri(fromRows(crossprodX(design, Array.from({ length: p }, (_, j) => j))), p); // column-major
  const XtR = rdCols.map((r) =>
    Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[j * n + i] * r[i];
      return s;
    }),
  );
  let L: Mat = zapsmall(
    XtR.map((v) =>
      Array.from({ length: p }, (_, j) => {
        let s = 0;
        for (let k = 0; k < p; k++) s += XtXinv[k * p + j] * v[k];
        return s;
      }),
    ),
  );
  // orthogonalise the X-columns of each term against those of the terms containing it, highest order first
  const cols = termColumns(ft);
  const contained = containment(ft);
  const order = ft.labels.map((t, i) => ({ t, k: ft.variables[i].length, i })).sort((a, b) => b.k - a.k || a.i - b.i);
  for (const { t } of order) {
    const cont = contained.get(t)!;
    if (!cont.length) continue;
    const xCols = cont.flatMap((c) => cols.get(c)!);
    const yCols = cols.get(t)!;
    if (!yCols.length) continue;
    const colOf = (j: number) => L.map((row) => row[j]);
    const res = zapsmall(transposeM(residualize(xCols.map(colOf), yCols.map(colOf))));
    L = L.map((row, r) => {
      const next = row.slice();
      yCols.forEach((j, c) => (next[j] = res[r][c]));
      return next;
    });
  }
  // keep the rows named like X's columns, in X's order
  const rowOf = new Map(rdNames.map((nm, k) => [nm, k]));
  const Lx = design.fixedNames.map((nm) => {
    const k = rowOf.get(nm);
    if (k === undefined) throw new QuadratError('model', `Type III hypotheses could not be formed: the coefficient ${nm} has no cell in the cell-means design. Use a Type I or II table.`);
    return L[k];
  });
  const hypotheses = ft.labels.map((term) => {
    const rows = cols.get(term)!.map((j) => Lx.map((row) => row[j]));
    return { term, L: rows.filter((r) => r.reduce((s, v) => s + Math.abs(v), 0) > 1e-8) };
  });
  return { hypotheses, messages };
}

export function anovaHypotheses(design: MixedDesign, type: 1 | 2 | 3): { hypotheses: TermHypothesis[]; messages: string[] } {
  const ft = design.fixedTerms;
  if (!ft) throw new Error('anovaHypotheses: the design has no term structure');
  const { hypotheses, messages } = type === 1 ? { hypotheses: type1(design, ft), messages: [] } : type === 2 ? { hypotheses: type2(design, ft), messages: [] } : type3(design, ft);
  return { hypotheses: hypotheses.map((h) => ({ term: h.term, L: fromRows(h.L, design.p), m: h.L.length })), messages };
}
