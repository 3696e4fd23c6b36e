/**
 * anova(gls) / anova(lme): Wald F tests of the fixed-effects terms, sequential (type I: the
 * components of c = Rβ̂/σ belonging to each term, R the Cholesky factor of X̃ᵀX̃, in model order)
 * or marginal (each term adjusted for all others: β_Tᵀ Var(β_T)⁻¹ β_T / df). σ² is rss/(N − p) for
 * REML and ML fits alike (nlme's adjustSigma = TRUE).
 */
import { upperF } from '../inference/distributions';
import { dgetri } from '../linalg/lapack';

export interface AnovaRow {
  term: string;
  numDf: number;
  /** Denominator df: gls N − p; lme the term's containment df. */
  denDf: number;
  fValue: number;
  pValue: number;
}

export interface AnovaInput {
  readonly beta: Float64Array;
  /** Lower Cholesky factor of X̃ᵀX̃, column-major p × p. */
  readonly LX: Float64Array;
  readonly sigma2: number;
  /** Per term: its label ("(Intercept)", "age", "age:Sex") and its columns of X. */
  readonly terms: readonly { readonly label: string; readonly columns: readonly number[]; readonly denDf: number }[];
}

export function anovaTable(input: AnovaInput, type: 'sequential' | 'marginal'): AnovaRow[] {
  const { beta, LX, sigma2, terms } = input;
  const p = beta.length;
  const sigma = Math.sqrt(sigma2);
  const c = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = j; i < p; i++) s += LX[j * p + i] * beta[i];
    c[j] = s / sigma;
  }
  let vcov: Float64Array | undefined; // column-major p×p
  if (type === 'marginal') {
    // (X̃ᵀX̃)⁻¹ from the factor
    const M = new Float64Array(p * p);
    for (let j = 0; j < p; j++)
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let k = 0; k <= Math.min(i, j); k++) s += LX[k * p + i] * LX[k * p + j];
        M[j * p + i] = s;
      }
    vcov = dgetri(M, p);
  }
  return terms.map((t) => {
    const k = t.columns.length;
    let F: number;
    if (type === 'sequential') {
      F = t.columns.reduce((s, j) => s + c[j] * c[j], 0) / k;
    } else {
      const sub = new Float64Array(k * k);
      t.columns.forEach((i, a) => t.columns.forEach((j, b) => (sub[b * k + a] = vcov![j * p + i])));
      const inv = dgetri(sub, k);
      let q = 0;
      t.columns.forEach((i, a) => t.columns.forEach((j, b) => (q += beta[i] * inv[b * k + a] * beta[j])));
      F = q / sigma2 / k;
    }
    return { term: t.label, numDf: k, denDf: t.denDf, fValue: F, pValue: upperF(F, k, t.denDf) };
  });
}
