/**
 * The random effects of lme(): one level per grouping factor of `random = ~ z | g1/g2` (outermost
 * first), each with b ~ N(0, σ²Ψ_q). Ψ_q = L Lᵀ is parameterized by its log-Cholesky factor (log of
 * L's diagonal, then L's lower triangle by columns), nlme's pdLogChol, so every value is valid.
 */
export interface ReLevel {
  /** nlme's name of the level: the grouping factor ("Block", "Variety" for Block/Variety). */
  readonly name: string;
  /** Group of each observation at this level (nested: the combination with the outer levels). */
  readonly codes: Int32Array;
  readonly labels: readonly string[];
  /** Column names of the level's model matrix: "(Intercept)", "age". */
  readonly terms: readonly string[];
  /** Row-major n × k model matrix of the level. */
  readonly z: Float64Array;
  /** pdDiag: Ψ diagonal (independent random effects), parameters log SD only. */
  readonly diagonal?: boolean;
}

/** Number of parameters of a level: k(k + 1)/2 (general Ψ) or k (pdDiag). */
export function levelParCount(lev: ReLevel): number {
  const k = lev.terms.length;
  return lev.diagonal ? k : (k * (k + 1)) / 2;
}

/** Ψ's lower Cholesky factor of a level from its parameters starting at `from`. */
export function levelCholesky(par: ArrayLike<number>, from: number, lev: ReLevel): Float64Array {
  const k = lev.terms.length;
  if (!lev.diagonal) return choleskyOfPsi(par, from, k);
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) L[i * k + i] = Math.exp(par[from + i]);
  return L;
}

export function reParCount(levels: readonly ReLevel[]): number {
  return levels.reduce((s, l) => s + levelParCount(l), 0);
}

/** Ψ's lower Cholesky factor (row-major k × k) from the level's parameters. */
export function choleskyOfPsi(par: ArrayLike<number>, from: number, k: number): Float64Array {
  const L = new Float64Array(k * k);
  let at = from;
  for (let i = 0; i < k; i++) L[i * k + i] = Math.exp(par[at++]);
  for (let j = 0; j < k; j++) for (let i = j + 1; i < k; i++) L[i * k + j] = par[at++];
  return L;
}

/** Ψ = L Lᵀ (row-major). */
export function psiOf(L: Float64Array, k: number): Float64Array {
  const P = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m <= Math.min(i, j); m++) s += L[i * k + m] * L[j * k + m];
      P[i * k + j] = s;
    }
  }
  return P;
}

/** The level's parameters (log-Cholesky) from Ψ (row-major k × k, positive definite). */
export function parFromPsi(Psi: ArrayLike<number>, k: number): number[] | undefined {
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = Psi[j * k + j];
    for (let m = 0; m < j; m++) d -= L[j * k + m] ** 2;
    if (!(d > 0)) return undefined;
    L[j * k + j] = Math.sqrt(d);
    for (let i = j + 1; i < k; i++) {
      let s = Psi[i * k + j];
      for (let m = 0; m < j; m++) s -= L[i * k + m] * L[j * k + m];
      L[i * k + j] = s / L[j * k + j];
    }
  }
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(Math.log(L[i * k + i]));
  for (let j = 0; j < k; j++) for (let i = j + 1; i < k; i++) out.push(L[i * k + j]);
  return out;
}
