/**
 * lme4's rePCA: the principal components of each random-effects term's covariance, on the scale of
 * the relative covariance factor (sdev = singular values of the term's T = √eigenvalues of Σ/σ²).
 * A component with sdev ≈ 0 is a direction of the random effects the data do not support: the
 * covariance is rank-deficient even when no single variance is zero.
 */
import { dsyev } from '../linalg/lapack';
import { type CorrelationRow, type RandomEffectRow } from '../lmm/fitReport';

export interface TermPCA {
  /** The grouping factor as lme4 names it ("Subject", "Subject.1" for a second term). */
  group: string;
  terms: string[];
  /** Decreasing, as prcomp's sdev. */
  sdev: number[];
  /** Proportion of variance of each component (summary(rePCA(m))). */
  proportion: number[];
}

/** `scale`: σ for an LMM (lme4's T is relative to it), 1 for a GLMM. */
export function rePCA(random: readonly RandomEffectRow[], correlations: readonly CorrelationRow[], scale: number): TermPCA[] {
  const groups = [...new Set(random.filter((r) => r.term !== null).map((r) => r.group))];
  return groups.map((group) => {
    const rows = random.filter((r) => r.group === group && r.term !== null);
    const terms = rows.map((r) => r.term!);
    const S = terms.length;
    const sigma = new Float64Array(S * S); // column-major
    rows.forEach((r, i) => (sigma[i * S + i] = r.variance));
    for (const c of correlations) {
      if (c.group !== group) continue;
      const i = terms.indexOf(c.term1);
      const j = terms.indexOf(c.term2);
      const v = (Number.isFinite(c.corr) ? c.corr : 0) * rows[i].sd * rows[j].sd;
      sigma[j * S + i] = v;
      sigma[i * S + j] = v;
    }
    const ev = Array.from(dsyev(sigma, S).w);
    const sdev = ev.map((e) => Math.sqrt(Math.max(0, e)) / scale).sort((a, b) => b - a);
    const total = sdev.reduce((s, d) => s + d * d, 0);
    return { group, terms, sdev, proportion: sdev.map((d) => (total > 0 ? (d * d) / total : NaN)) };
  });
}
