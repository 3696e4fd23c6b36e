/**
 * H = Zᵀ W Z + diag(1/σ²) for scalar random-effect terms, stored as TMB's sparse Hessian would let it
 * be factored: the levels of one term (the one with the most levels) form a diagonal block D, since
 * each observation has exactly one of them; the other terms' levels ("the rest", q₂ of them) a dense
 * block R; and the coupling C between the two is sparse (a level of the first term meets only the
 * rest levels its observations have). With H = [D C; Cᵀ R], eliminating D leaves the Schur complement
 * S = R − Cᵀ D⁻¹ C, so a factorization costs O(q₂³) instead of O(q³) (q₂ = 0 for one term), and
 *   log det H = Σ log Dₗ + log det S,
 *   H⁻¹ = [D⁻¹ + D⁻¹ C S⁻¹ Cᵀ D⁻¹, −D⁻¹ C S⁻¹; ·, S⁻¹],
 * of which the gradient needs only the selected entries: the diagonal and the pairs one observation
 * couples (zᵢ H⁻¹ zᵢᵀ).
 */
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../linalg/denseCholesky';
import { lowerTriangularInverse } from '../linalg/triangularInverse';
import { type ScalarRe } from './laplace';

export class ReHessian {
  /** the term whose levels form the diagonal block */
  private readonly t0: number;
  /** its levels' global indices start here; the rest's global index j maps to restOf[j] (−1 for t0's) */
  private readonly off0: number;
  private readonly n0: number;
  private readonly restOf: Int32Array;
  private readonly q2: number;
  /** C in rows per level of t0: the rest (local) index of each stored entry, rows at rowStart[l] */
  private readonly rowStart: Int32Array;
  private readonly cols: Int32Array;
  /** per observation and term u ≠ t0, the position of (its t0 level, its u level) in C (−1 for t0) */
  private readonly slot: Int32Array;
  private readonly D: Float64Array;
  private readonly C: Float64Array;
  private readonly R: Float64Array;
  /** D + damping, and the lower Cholesky factor of S, after factor() */
  private readonly Dd: Float64Array;
  private readonly S: Float64Array;
  /** selected inverse after invert(): H⁻¹ on the diagonal, and at C's pattern */
  private readonly invDiag: Float64Array;
  private readonly invC: Float64Array;
  private Sinv: Float64Array = new Float64Array(0);

  constructor(private readonly terms: readonly ScalarRe[], private readonly q: number, n: number) {
    let t0 = 0;
    terms.forEach((t, k) => { if (t.nLevels > terms[t0].nLevels) t0 = k; });
    this.t0 = t0;
    this.off0 = terms[t0].offset;
    this.n0 = terms[t0].nLevels;
    this.restOf = new Int32Array(q).fill(-1);
    let r = 0;
    terms.forEach((t, k) => { if (k !== t0) for (let j = 0; j < t.nLevels; j++) this.restOf[t.offset + j] = r++; });
    this.q2 = r;
    // C's pattern: for each t0 level, the sorted rest levels its observations meet
    const seen = Array.from({ length: this.n0 }, () => new Set<number>());
    const nt = terms.length;
    for (let i = 0; i < n; i++) {
      const l = terms[t0].index[i] - this.off0;
      terms.forEach((t, k) => { if (k !== t0) seen[l].add(this.restOf[t.index[i]]); });
    }
    this.rowStart = new Int32Array(this.n0 + 1);
    const rows = seen.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
    rows.forEach((row, l) => { this.rowStart[l + 1] = this.rowStart[l] + row.length; });
    this.cols = new Int32Array(this.rowStart[this.n0]);
    rows.forEach((row, l) => this.cols.set(row, this.rowStart[l]));
    this.slot = new Int32Array(n * nt).fill(-1);
    for (let i = 0; i < n; i++) {
      const l = terms[t0].index[i] - this.off0;
      terms.forEach((t, k) => {
        if (k === t0) return;
        const c = this.restOf[t.index[i]];
        let s = this.rowStart[l];
        while (this.cols[s] !== c) s++;
        this.slot[i * nt + k] = s;
      });
    }
    this.D = new Float64Array(this.n0);
    this.Dd = new Float64Array(this.n0);
    this.C = new Float64Array(this.cols.length);
    this.R = new Float64Array(this.q2 * this.q2);
    this.S = new Float64Array(this.q2 * this.q2);
    this.invDiag = new Float64Array(q);
    this.invC = new Float64Array(this.cols.length);
  }

  /** Starts H = diag(prec) (prec per global index). */
  reset(prec: Float64Array): void {
    this.C.fill(0);
    this.R.fill(0);
    for (let j = 0; j < this.q; j++) {
      const r = this.restOf[j];
      if (r < 0) this.D[j - this.off0] = prec[j];
      else this.R[r * this.q2 + r] = prec[j];
    }
  }

  /** H += w zᵢᵀzᵢ for observation i (w = −∂²ℓᵢ/∂η²). */
  addObservation(i: number, w: number): void {
    const { terms, t0, restOf, q2 } = this;
    const nt = terms.length;
    const z0 = terms[t0].z[i] * w;
    this.D[terms[t0].index[i] - this.off0] += terms[t0].z[i] * z0;
    for (let k = 0; k < nt; k++) {
      if (k === t0) continue;
      const t = terms[k];
      this.C[this.slot[i * nt + k]] += t.z[i] * z0;
      const a = restOf[t.index[i]] * q2;
      for (let m = 0; m < nt; m++) if (m !== t0) this.R[a + restOf[terms[m].index[i]]] += t.z[i] * terms[m].z[i] * w;
    }
  }

  /** Factors H + damping·I; false when it is not positive definite. */
  factor(damping: number): boolean {
    const { n0, q2, rowStart, cols, C, S, Dd } = this;
    for (let l = 0; l < n0; l++) {
      Dd[l] = this.D[l] + damping;
      if (!(Dd[l] > 0)) return false;
    }
    S.set(this.R);
    for (let r = 0; r < q2; r++) S[r * q2 + r] += damping;
    for (let l = 0; l < n0; l++)
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) {
        const cs = C[s] / Dd[l];
        for (let u = rowStart[l]; u < rowStart[l + 1]; u++) S[cols[s] * q2 + cols[u]] -= cs * C[u];
      }
    return q2 === 0 || choleskyLowerInPlace(S, q2) === 0;
  }

  /** x = H⁻¹ g (global order) after factor(). */
  solve(g: Float64Array): Float64Array {
    const { n0, q2, rowStart, cols, C, S, Dd, off0, restOf } = this;
    const x2 = new Float64Array(q2);
    for (let j = 0; j < this.q; j++) if (restOf[j] >= 0) x2[restOf[j]] = g[j];
    for (let l = 0; l < n0; l++) {
      const g1 = g[off0 + l] / Dd[l];
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) x2[cols[s]] -= C[s] * g1;
    }
    if (q2 > 0) {
      forwardSolveLower(S, q2, x2);
      backSolveLowerTranspose(S, q2, x2);
    }
    const x = new Float64Array(this.q);
    for (let j = 0; j < this.q; j++) if (restOf[j] >= 0) x[j] = x2[restOf[j]];
    for (let l = 0; l < n0; l++) {
      let v = g[off0 + l];
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) v -= C[s] * x2[cols[s]];
      x[off0 + l] = v / Dd[l];
    }
    return x;
  }

  /** ½ log det H after factor(). */
  halfLogDet(): number {
    let s = 0;
    for (let l = 0; l < this.n0; l++) s += 0.5 * Math.log(this.Dd[l]);
    for (let r = 0; r < this.q2; r++) s += Math.log(this.S[r * this.q2 + r]);
    return s;
  }

  /** Forms the selected inverse (after factor(0)): S⁻¹, H⁻¹'s diagonal and its entries at C's pattern. */
  invert(): void {
    const { n0, q2, rowStart, cols, C, S, Dd, off0, restOf, invC, invDiag } = this;
    const Linv = lowerTriangularInverse(S, q2, q2);
    const Sinv = (this.Sinv = new Float64Array(q2 * q2));
    for (let j = 0; j < q2; j++)
      for (let k = j; k < q2; k++) {
        let s = 0;
        for (let t = k; t < q2; t++) s += Linv[j * q2 + t] * Linv[k * q2 + t];
        Sinv[j * q2 + k] = s;
        Sinv[k * q2 + j] = s;
      }
    for (let j = 0; j < this.q; j++) if (restOf[j] >= 0) invDiag[j] = Sinv[restOf[j] * (q2 + 1)];
    for (let l = 0; l < n0; l++) {
      // (H⁻¹)_{l,r} = −Σ_s C_s S⁻¹[r_s, r] / D_l, and (H⁻¹)_{ll} = 1/D_l − Σ_s C_s (H⁻¹)_{l,r_s} / D_l
      let diag = 1 / Dd[l];
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) {
        let v = 0;
        for (let u = rowStart[l]; u < rowStart[l + 1]; u++) v -= C[u] * Sinv[cols[u] * q2 + cols[s]];
        invC[s] = v / Dd[l];
      }
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) diag -= C[s] * invC[s] / Dd[l];
      invDiag[off0 + l] = diag;
    }
  }

  /** (H⁻¹)ⱼⱼ after invert(). */
  inverseDiagonal(): Float64Array {
    return this.invDiag;
  }

  /** hᵢ = zᵢ H⁻¹ zᵢᵀ after invert(). */
  leverage(i: number): number {
    const { terms, t0, restOf, q2, Sinv, invC, invDiag } = this;
    const nt = terms.length;
    const z0 = terms[t0].z[i];
    let h = z0 * z0 * invDiag[terms[t0].index[i]];
    for (let k = 0; k < nt; k++) {
      if (k === t0) continue;
      const zk = terms[k].z[i];
      h += 2 * z0 * zk * invC[this.slot[i * nt + k]];
      const a = restOf[terms[k].index[i]] * q2;
      for (let m = 0; m < nt; m++) if (m !== t0) h += zk * terms[m].z[i] * Sinv[a + restOf[terms[m].index[i]]];
    }
    return h;
  }
}
