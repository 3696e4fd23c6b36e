/**
 * A starting θ better than lme4's all-ones: for random intercepts a backfitted method-of-moments
 * estimate of each term's variance relative to the residual variance of the OLS residuals; for
 * vector-valued terms the covariance of per-level least-squares coefficients (vectorTermStarts). It is only a starting point — the optimiser starts from whichever of this and lme4's
 * default has the lower criterion — but on large crossed designs it saves dozens of evaluations.
 */
import { dgemm, dsyev } from '../linalg/lapack';
import { choleskyLowerInPlace, backSolveLowerTranspose, forwardSolveLower, getCholeskyBackend } from '../linalg/denseCholesky';
import { type ScratchRegion, scratchRegions } from '../linalg/wasmCholesky';
import { type MixedDesign } from '../design/mixedDesign';
import { type Crossproducts } from './crossproducts';
import { type ThetaLayout } from './reBlocks';
import { addXBeta } from '../linalg/xBeta';

/** XᵀWX (p×p column-major, lower triangle used) and XᵀW(y − offset). */
export interface NormalEquations {
  XtX: Float64Array;
  Xty: Float64Array;
}

/** The normal equations read off the crossproducts' dense [X y] block (rest indices qRest…m−1). */
export function normalEquationsFromCrossproducts(cp: Crossproducts): NormalEquations {
  const { m, qRest, p, Arr } = cp;
  const XtX = new Float64Array(p * p);
  const Xty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let i = j; i < p; i++) XtX[j * p + i] = Arr[(qRest + j) * m + qRest + i];
    Xty[j] = Arr[(qRest + j) * m + m - 1];
  }
  return { XtX, Xty };
}

/** With `normal` (from the crossproducts, when the model has them) the OLS fit needs no pass over X. */
/**
 * One backfitting step: term q's effects ← per level, the mean of r net of the other terms' effects
 * (subtracted in term order). A function of its own so that V8 optimises it for the later of its
 * 6 × (number of terms) calls (InstEval: 73,421 observations × 3 terms per call).
 */
function backfitTerm(r: Float64Array, effs: Float64Array[], refs: Int32Array[], q: number, count: Float64Array): void {
  const eff = effs[q];
  const own = refs[q];
  const sum = new Float64Array(eff.length);
  const T = effs.length;
  for (let i = 0; i < r.length; i++) {
    let v = r[i];
    for (let o = 0; o < T; o++) if (o !== q) v -= effs[o][refs[o][i]];
    sum[own[i]] += v;
  }
  for (let g = 0; g < eff.length; g++) eff[g] = count[g] > 0 ? sum[g] / count[g] : 0;
}

const BACKFIT_SWEEPS = 6;

/** From this many observation visits (n × terms × sweeps) the backfitting runs in the Cholesky module (its first use costs ≈ 1 ms). */
const KERNEL_MIN_VISITS = 6000;

/**
 * The backfitting sweeps in the Cholesky module (wasm/build-kernel.mjs, backfit: backfitTerm's sums in its
 * order), on copies of r, the effects, the level indices and counts (scratchRegions); the effects are copied back. False
 * when it does not run (small, no wasm, the JS backend forced).
 */
function backfitInKernel(r: Float64Array, effs: Float64Array[], refs: Int32Array[], counts: Float64Array[]): boolean {
  const n = r.length;
  const T = effs.length;
  if (n * T * BACKFIT_SWEEPS < KERNEL_MIN_VISITS || getCholeskyBackend() !== 'auto') return false;
  const maxG = Math.max(...effs.map((e) => e.length));
  // the kernel finds each term's effects and level indices through two tables of addresses
  const spec: Record<string, ScratchRegion> = { r: { type: 'f64', from: r }, sum: { type: 'f64', length: maxG }, effTable: { type: 'i32', length: T }, refTable: { type: 'i32', length: T } };
  for (let q = 0; q < T; q++) {
    spec[`eff${q}`] = { type: 'f64', from: effs[q] };
    spec[`count${q}`] = { type: 'f64', from: counts[q] };
    spec[`refs${q}`] = { type: 'i32', from: refs[q] };
  }
  const s = scratchRegions(spec);
  if (!s) return false;
  const { kernel, at } = s;
  const effAt = effs.map((_, q) => at[`eff${q}`]);
  new Int32Array(kernel.buffer, at.effTable, T).set(effAt);
  new Int32Array(kernel.buffer, at.refTable, T).set(refs.map((_, q) => at[`refs${q}`]));
  for (let sweep = 0; sweep < BACKFIT_SWEEPS; sweep++) for (let q = 0; q < T; q++) kernel.backfit(n, T, at.r, at.effTable, at.refTable, q, at[`count${q}`], at.sum, effs[q].length);
  effs.forEach((e, q) => e.set(new Float64Array(kernel.buffer, effAt[q], e.length)));
  return true;
}

/** Whether every entry is 1 (an intercept term's column); a loop, not every(), whose callback the first fit would interpret per row. */
function allOnes(z: Float64Array): boolean {
  for (let i = 0; i < z.length; i++) if (z[i] !== 1) return false;
  return true;
}

export function momentTheta(design: MixedDesign, layout: ThetaLayout, normal?: NormalEquations): Float64Array | undefined {
  const { n, p, X } = design;
  const w = design.weights;
  const yo = new Float64Array(n); // y − offset
  for (let i = 0; i < n; i++) yo[i] = design.y[i] - (design.offset ? design.offset[i] : 0);
  const { XtX, Xty } = normal ?? normalEquations(X, w, yo, n, p);
  if (choleskyLowerInPlace(XtX, p) !== 0) return undefined;
  forwardSolveLower(XtX, p, Xty);
  backSolveLowerTranspose(XtX, p, Xty);
  const r = yo;
  addXBeta(X, n, p, Xty, r, true);

  // Additive fixed-effects fit of all intercept terms by backfitting (coarsest factor first, so nested
  // factors split their variance sensibly), then each term's effect variance net of noise.
  const terms: { k: number; refs: Int32Array; G: number; eff: Float64Array; count: Float64Array }[] = [];
  let k = 0; // index into θ, term by term in lme4 order
  for (const term of design.reterms) {
    const S = term.termNames.length;
    if (S === 1 && allOnes(term.z)) {
      const G = term.levels.length;
      const count = new Float64Array(G);
      for (let i = 0; i < n; i++) count[term.refs[i]]++;
      terms.push({ k, refs: term.refs, G, eff: new Float64Array(G), count });
    }
    k += (S * (S + 1)) / 2;
  }
  if (terms.length === 0) {
    const theta = layout.initial.slice();
    return vectorTermStarts(design, r, theta) ? theta : undefined;
  }
  terms.sort((a, b) => a.G - b.G);
  const effs = terms.map((t) => t.eff);
  const refs = terms.map((t) => t.refs);
  if (!backfitInKernel(r, effs, refs, terms.map((t) => t.count)))
    for (let sweep = 0; sweep < BACKFIT_SWEEPS; sweep++) for (let q = 0; q < terms.length; q++) backfitTerm(r, effs, refs, q, terms[q].count);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    let v = r[i];
    for (let q = 0; q < terms.length; q++) v -= effs[q][refs[q][i]];
    ss += v * v;
  }
  const dfResid = n - p - terms.reduce((s, t) => s + t.G - 1, 0);
  if (dfResid <= 0 || !(ss > 0)) return undefined;
  const sigma2 = ss / dfResid;
  const theta = layout.initial.slice();
  vectorTermStarts(design, r, theta);
  for (const t of terms) {
    let v = 0;
    let noise = 0;
    let used = 0;
    for (let g = 0; g < t.G; g++) {
      if (t.count[g] === 0) continue;
      v += t.eff[g] * t.eff[g];
      noise += 1 / t.count[g];
      used++;
    }
    const varBetween = v / used - (sigma2 * noise) / used;
    theta[t.k] = Math.max(Math.sqrt(Math.max(varBetween, 0) / sigma2), 0.05);
  }
  return theta;
}

/**
 * Vector-valued terms ((x | g)): regress the OLS residuals on the term's columns within each level; the
 * covariance of those per-level coefficients, less their average sampling covariance, estimates Σ_b,
 * and θ is the lower Cholesky factor of Σ_b/σ² (eigenvalues floored so it exists). Writes into `theta`
 * (lme4's order: each term's lower triangle by column); returns whether any term was set.
 */
function vectorTermStarts(design: MixedDesign, r: Float64Array, theta: Float64Array): boolean {
  let k = 0;
  let any = false;
  for (const term of design.reterms) {
    const S = term.termNames.length;
    if (S > 1) {
      const T = vectorTermFactor(term.refs, term.levels.length, term.z, S, r);
      if (T) {
        let q = k;
        for (let c = 0; c < S; c++) for (let row = c; row < S; row++) theta[q++] = T[row * S + c];
        any = true;
      }
    }
    k += (S * (S + 1)) / 2;
  }
  return any;
}

/** Row-major S×S lower factor of Σ_b/σ² from per-level least squares, or undefined. */
function vectorTermFactor(refs: Int32Array, G: number, z: Float64Array, S: number, r: Float64Array): Float64Array | undefined {
  const n = r.length;
  const ZtZ = new Float64Array(G * S * S);
  const Ztr = new Float64Array(G * S);
  const count = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    const g = refs[i];
    count[g]++;
    for (let a = 0; a < S; a++) {
      Ztr[g * S + a] += z[i * S + a] * r[i];
      for (let c = 0; c < S; c++) ZtZ[g * S * S + a * S + c] += z[i * S + a] * z[i * S + c];
    }
  }
  const coefs: number[][] = [];
  const inverses: Float64Array[] = []; // column-major S×S
  let ss = 0;
  let df = 0;
  for (let g = 0; g < G; g++) {
    if (count[g] <= S) continue;
    // (ZᵀZ)⁻¹ for the level from one Cholesky factor; a level that cannot identify the term is skipped
    const Lf = ZtZ.slice(g * S * S, (g + 1) * S * S);
    if (choleskyLowerInPlace(Lf, S) !== 0) continue;
    const inv = new Float64Array(S * S);
    for (let j = 0; j < S; j++) {
      const e = new Float64Array(S);
      e[j] = 1;
      forwardSolveLower(Lf, S, e);
      backSolveLowerTranspose(Lf, S, e);
      inv.set(e, j * S);
    }
    const b = Array.from({ length: S }, (_, a) => {
      let t = 0;
      for (let c = 0; c < S; c++) t += inv[c * S + a] * Ztr[g * S + c];
      return t;
    });
    // residual sum of squares of the level's fit: rᵀr − bᵀZᵀr
    coefs.push(b);
    inverses.push(inv);
    df += count[g] - S;
    let fit = 0;
    for (let a = 0; a < S; a++) fit += b[a] * Ztr[g * S + a];
    ss -= fit;
  }
  if (coefs.length < S + 1 || df <= 0) return undefined;
  for (let i = 0; i < n; i++) if (count[refs[i]] > S) ss += r[i] * r[i];
  const sigma2 = ss / df;
  if (!(sigma2 > 0)) return undefined;
  const L = coefs.length;
  const mean = Array.from({ length: S }, (_, a) => coefs.reduce((t, v) => t + v[a], 0) / L);
  const Sigma = new Float64Array(S * S); // column-major
  for (let a = 0; a < S; a++)
    for (let c = 0; c < S; c++) {
      let t = 0;
      for (const v of coefs) t += (v[a] - mean[a]) * (v[c] - mean[c]);
      let iv = 0;
      for (const M of inverses) iv += M[c * S + a];
      Sigma[c * S + a] = (t / (L - 1) - (sigma2 * iv) / L) / sigma2;
    }
  // the symmetric part, exactly symmetric, so the symmetric eigen-decomposition applies
  const sym = Float64Array.from({ length: S * S }, (_, e) => (Sigma[e] + Sigma[(e % S) * S + Math.floor(e / S)]) / 2);
  const { w: values, Z: V } = dsyev(sym, S);
  const top = Math.max(...values);
  if (!(top > 0)) return undefined;
  const D = new Float64Array(S * S);
  for (let a = 0; a < S; a++) D[a * S + a] = Math.max(values[a], 1e-4 * top);
  const P = dgemm('N', 'T', S, S, S, dgemm('N', 'N', S, S, S, V, D), V); // V D Vᵀ
  const F = new Float64Array(S * S);
  for (let a = 0; a < S; a++) for (let c = 0; c < S; c++) F[c * S + a] = (P[c * S + a] + P[a * S + c]) / 2;
  if (choleskyLowerInPlace(F, S) !== 0) return undefined;
  const T = new Float64Array(S * S); // row-major lower
  for (let c = 0; c < S; c++) for (let row = c; row < S; row++) T[row * S + c] = F[c * S + row];
  return T;
}

/** The weighted OLS fit's normal equations of a design (y − offset on X), one pass over X. */
export function olsNormalEquations(design: MixedDesign): NormalEquations {
  const { n, p, X } = design;
  const yo = new Float64Array(n);
  for (let i = 0; i < n; i++) yo[i] = design.y[i] - (design.offset ? design.offset[i] : 0);
  return normalEquations(X, design.weights, yo, n, p);
}

/** Weighted OLS normal equations, column by column (contiguous in X). */
function normalEquations(X: Float64Array, w: Float64Array | undefined, yo: Float64Array, n: number, p: number): NormalEquations {
  const WX = w ? X.map((v, idx) => v * w[idx % n]) : X;
  const XtX = new Float64Array(p * p);
  const Xty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const oj = j * n;
    for (let i = j; i < p; i++) {
      const oi = i * n;
      let t = 0;
      for (let r = 0; r < n; r++) t += WX[oj + r] * X[oi + r];
      XtX[j * p + i] = t;
    }
    let t = 0;
    for (let r = 0; r < n; r++) t += WX[oj + r] * yo[r];
    Xty[j] = t;
  }
  return { XtX, Xty };
}
