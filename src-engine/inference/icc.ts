/**
 * Intraclass correlations and Nakagawa's R² for an LMM.
 *  ICC (intercept-only random effects): var(group intercept) / (Σ random variances + σ²).
 *  R² (Nakagawa & Schielzeth 2013; Johnson 2014 for random slopes): with σ²_f = var(Xβ̂) and
 *  σ²_r = Σ_terms mean_i(z_iᵀ Σ_term z_i), marginal R² = σ²_f / (σ²_f + σ²_r + σ²) and conditional
 *  R² = (σ²_f + σ²_r) / (σ²_f + σ²_r + σ²).
 */
import { type LmmFit } from '../lmm/fitDesign';

interface TermCov {
  group: string;
  names: readonly string[];
  /** Covariance of the term's random effects, S×S row-major (σ² T Tᵀ). */
  cov: number[][];
}

function termCovariances(fit: LmmFit): TermCov[] {
  const s2 = fit.sigma * fit.sigma;
  let th = 0;
  return fit.model.design.reterms.map((t) => {
    const S = t.termNames.length;
    const T = Array.from({ length: S }, () => new Array<number>(S).fill(0));
    for (let c = 0; c < S; c++) for (let r = c; r < S; r++) T[r][c] = fit.theta[th++];
    const cov = T.map((_, i) => T.map((__, j) => s2 * T[i].reduce((s, v, k) => s + v * T[j][k], 0)));
    return { group: t.group, names: t.termNames, cov };
  });
}

/** Per grouping term, its ICC; null unless every random term is a plain (1 | g). */
export function icc(fit: LmmFit): Record<string, number> | null {
  const terms = termCovariances(fit);
  if (terms.some((t) => t.names.length !== 1 || t.names[0] !== '(Intercept)')) return null;
  const total = terms.reduce((s, t) => s + t.cov[0][0], 0) + fit.sigma * fit.sigma;
  return Object.fromEntries(terms.map((t) => [t.group, t.cov[0][0] / total]));
}

export function nakagawaR2(fit: LmmFit): { marginal: number; conditional: number } {
  const { design } = fit.model;
  const { n, p, X } = design;
  const beta = fit.pls.beta;
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += X[j * n + i] * beta[j];
  const mean = eta.reduce((s, v) => s + v, 0) / n;
  const varF = eta.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const terms = termCovariances(fit);
  let varR = 0;
  design.reterms.forEach((t, k) => {
    const S = t.termNames.length;
    const cov = terms[k].cov;
    let s = 0;
    for (let i = 0; i < n; i++)
      for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) s += t.z[i * S + a] * cov[a][b] * t.z[i * S + b];
    varR += s / n;
  });
  const total = varF + varR + fit.sigma * fit.sigma;
  return { marginal: varF / total, conditional: (varF + varR) / total };
}
