/**
 * Tests of linear functions of the fixed effects (lmerTest's contest1D / contestMD) with the
 * denominator df by Satterthwaite or Kenward–Roger, plus the asymptotic z-test. One LmmInference per
 * fit caches the expensive parts (Satterthwaite's Hessian and Jacobian, Kenward–Roger's adjusted
 * covariance) so that a whole summary and ANOVA table reuse them.
 */
import { QuadratError } from '../errors/quadratError';
import { type LmmFit } from '../lmm/fitDesign';
import { ddot, qform } from '../linalg/lapack';
import { twoSidedT, upperF } from './distributions';
import { kenwardRoger, krFTest, krTTest, type KenwardRoger } from './kenwardRoger';
import { faiCorneliusDdf, rotateHypothesis, rotatedF, satterthwaiteDf, type FTest, type TTest } from './satterthwaite';
import { varparCovariance, type VarparCovariance } from './varpar';

export type { FTest, TTest } from './satterthwaite';
export type DdfMethod = 'satterthwaite' | 'kenward-roger';

function tTest(estimate: number, variance: number, df: number, rhs: number): TTest {
  const stdError = Math.sqrt(variance);
  const tValue = (estimate - rhs) / stdError;
  return { estimate, stdError, df, tValue, pValue: twoSidedT(tValue, df) };
}

/** lmerTest's mk_Ftable: MS = F σ², SS = MS · numDf; KR scales F after MS is taken. */
export function fTable(fUnscaled: number, numDf: number, denDf: number, sigma: number, fScale = 1): FTest {
  const meanSq = fUnscaled * sigma * sigma;
  const fValue = fUnscaled * fScale;
  return { sumSq: meanSq * numDf, meanSq, numDf, denDf, fValue, pValue: upperF(fValue, numDf, denDf) };
}

export class LmmInference {
  private vc?: VarparCovariance;
  private krCache?: KenwardRoger | null;

  /** Messages for the report (e.g. Kenward–Roger falling back to Satterthwaite, as lmerTest does). */
  readonly messages: string[] = [];

  constructor(readonly fit: LmmFit) {}

  get p(): number {
    return this.fit.model.design.p;
  }

  get beta(): Float64Array {
    return this.fit.pls.beta;
  }

  /** Satterthwaite's ingredients (computed once). */
  get varpar(): VarparCovariance {
    return (this.vc ??= varparCovariance(this.fit));
  }

  /** lmerTest's warnings about the Hessian of the variance parameters (once computed) and fallbacks. */
  varparWarnings(): string[] {
    return [...(this.vc?.warnings ?? []), ...this.messages];
  }

  /**
   * Kenward–Roger's adjusted covariance (computed once), or null when it cannot be computed — then,
   * as lmerTest, the tests use Satterthwaite's method and say so. ML fits are refused, as in lmerTest.
   */
  get kr(): KenwardRoger | null {
    if (!this.fit.reml) throw new QuadratError('model', "Kenward-Roger's method is only available for REML fits (as in lmerTest/pbkrtest). Refit by REML, or use Satterthwaite's method.");
    if (this.krCache === undefined) {
      try {
        this.krCache = kenwardRoger(this.fit);
      } catch (e) {
        if (!(e instanceof QuadratError)) throw e;
        this.krCache = null;
        this.messages.push(`Unable to compute Kenward-Roger tests: using Satterthwaite instead (${e.message})`);
      }
    }
    return this.krCache;
  }

  /** vcov(β̂) = σ² (R_XᵀR_X)⁻¹ without any derivatives, column-major p×p (built once: one z-test per coefficient reads it). */
  get vcovBeta(): Float64Array {
    const { pls, sigma } = this.fit;
    const s2 = sigma * sigma;
    return (this.vcovCache ??= pls.unscaledVcov.map((v) => v * s2));
  }
  private vcovCache?: Float64Array;

  private checkL(L: ArrayLike<number>): void {
    if (L.length !== this.p) throw new QuadratError('model', `A contrast needs one coefficient per fixed effect (${this.p}); got ${L.length}.`);
    for (let j = 0; j < L.length; j++) if (!Number.isFinite(L[j])) throw new QuadratError('model', 'A contrast coefficient is missing or not a finite number.');
  }

  /** t-test of Lᵀβ = rhs (lmerTest contest1D). */
  contest1D(L: ArrayLike<number>, method: DdfMethod, rhs = 0): TTest {
    this.checkL(L);
    const estimate = ddot(L, this.beta);
    const KR = method === 'kenward-roger' ? this.kr : null;
    if (KR) {
      const kr = krTTest(KR, L);
      return tTest(estimate, kr.variance, kr.df, rhs);
    }
    const s = satterthwaiteDf(this.varpar, L);
    return tTest(estimate, s.variance, s.df, rhs);
  }

  /** Wald z-test of Lᵀβ = rhs with the plain vcov (df = ∞). */
  zTest(L: ArrayLike<number>, rhs = 0): TTest {
    this.checkL(L);
    return tTest(ddot(L, this.beta), qform(L, this.vcovBeta), Infinity, rhs);
  }

  /** F-test of L β = 0 (lmerTest contestMD), L column-major m×p; null when L has no testable rows (lmerTest's empty table). */
  contestMD(L: Float64Array, m: number, method: DdfMethod): FTest | null {
    if (m === 0) return null;
    const p = this.p;
    if (L.length !== m * p) throw new QuadratError('model', `A contrast needs one coefficient per fixed effect (${p}).`);
    const row = (i: number) => Float64Array.from({ length: p }, (_, j) => L[j * m + i]);
    for (let i = 0; i < m; i++) this.checkL(row(i));
    const sigma = this.fit.sigma;
    const KR = method === 'kenward-roger' ? this.kr : null;
    if (KR) {
      const kr = krFTest(KR, L, m, this.beta);
      if (!kr) return null;
      return fTable(kr.fUnscaled, kr.numDf, kr.denDf, sigma, kr.fScale);
    }
    if (m === 1) {
      const t = this.contest1D(row(0), 'satterthwaite');
      return fTable(t.tValue * t.tValue, 1, t.df, sigma);
    }
    const vc = this.varpar;
    const { rows, d } = rotateHypothesis(L, m, vc.vcovBeta);
    if (rows.length === 0) return null;
    if (rows.length === 1) {
      const t = this.contest1D(rows[0], 'satterthwaite');
      return fTable(t.tValue * t.tValue, 1, t.df, sigma);
    }
    return fTable(rotatedF(rows, d, this.beta), rows.length, faiCorneliusDdf(vc, rows, d), sigma);
  }
}
