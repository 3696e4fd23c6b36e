/// <reference path="./portable.d.ts" />
import { BobyqaState } from './state';

/**
 * Moves xbase to xbase + xopt, so that xopt becomes 0. Done when the step is tiny compared with
 * ‖xopt‖, because the KKT quantities depend on distances from xbase and lose accuracy as the
 * points drift away from it.
 *
 * Derivation (own): with s = xopt, σ_k = s·xpt_k and S = ‖s‖², re-expressing every quadratic about
 * the new base gives H⁺ = L H Tᵀ, where T maps (λ, c, g) to the new base (g += Σ λ_k σ_k xpt_k)
 * and L's gradient rows are [C 0 I] with column k of C equal to (σ_k − S)(xpt_k − s). Hence
 *   Ω⁺ = Ω,   Ξ⁺ = Ξ + C Ω,   Υ⁺ = Υ + Ξ⁺ Bᵀ + C Ξᵀ,   B_k = σ_k xpt_k.
 * Ξ⁺ uses C Ω (entries of C are O(‖s‖ρ²)) rather than the algebraically equal B Ω (B is
 * O(‖s‖³)), so little accuracy is lost when xopt is far from xbase; Υ⁺ is symmetrized. The
 * model's explicit Hessian absorbs the change of the implicit part: hq += v sᵀ + s vᵀ with
 * v = Σ_k pq_k (xpt_k − ½ s). Checked against a direct inverse in bobyqaAlgebra.test.ts.
 */
export class ShiftWork {
  cz: Float64Array; // n × nz
  g: Float64Array; // n × n
  sigma: Float64Array; // npt
  v: Float64Array; // n

  constructor(n: i32, npt: i32, nz: i32) {
    this.cz = new Float64Array(n * nz);
    this.g = new Float64Array(n * n);
    this.sigma = new Float64Array(npt);
    this.v = new Float64Array(n);
  }
}

export function shiftBase(s: BobyqaState, work: ShiftWork): void {
  const n = s.n;
  const npt = s.npt;
  const nz = s.nz;
  const xpt = s.xpt;
  const xopt = s.xopt;
  const bmat = s.bmat;
  const zmat = s.zmat;
  const hq = s.hq;
  const pq = s.pq;
  const sig = work.sigma; // σ_k
  let ss: f64 = 0;
  for (let i = 0; i < n; i++) ss += xopt[i] * xopt[i];
  for (let k = 0; k < npt; k++) {
    let t: f64 = 0;
    for (let i = 0; i < n; i++) t += xpt[k * n + i] * xopt[i];
    sig[k] = t;
  }
  // CZ (n × nz) = C Z
  const cz = work.cz;
  cz.fill(0);
  for (let k = 0; k < npt; k++) {
    const w = sig[k] - ss;
    for (let i = 0; i < n; i++) {
      const cik = w * (xpt[k * n + i] - xopt[i]);
      if (cik === 0) continue;
      for (let c = 0; c < nz; c++) cz[i * nz + c] += cik * zmat[k * nz + c];
    }
  }
  // Υ += C Ξᵀ (old Ξ):  (CΞᵀ)_ij = Σ_k C_ik Ξ_jk
  const ups = work.g; // n × n accumulator for Υ increment
  ups.fill(0);
  for (let k = 0; k < npt; k++) {
    const w = sig[k] - ss;
    for (let i = 0; i < n; i++) {
      const cik = w * (xpt[k * n + i] - xopt[i]);
      for (let j = 0; j < n; j++) ups[i * n + j] += cik * bmat[k * n + j];
    }
  }
  // Ξ⁺ = Ξ + C Ω = Ξ + (CZ) Zᵀ
  for (let k = 0; k < npt; k++) {
    for (let i = 0; i < n; i++) {
      let t: f64 = 0;
      for (let c = 0; c < nz; c++) t += cz[i * nz + c] * zmat[k * nz + c];
      bmat[k * n + i] += t;
    }
  }
  // Υ += Ξ⁺ Bᵀ: (Ξ⁺Bᵀ)_ij = Σ_k Ξ⁺_ik σ_k xpt_kj
  for (let k = 0; k < npt; k++) {
    for (let i = 0; i < n; i++) {
      const t = bmat[k * n + i] * sig[k];
      for (let j = 0; j < n; j++) ups[i * n + j] += t * xpt[k * n + j];
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const inc = 0.5 * (ups[i * n + j] + ups[j * n + i]);
      const v = bmat[(npt + i) * n + j] + inc;
      bmat[(npt + i) * n + j] = v;
      bmat[(npt + j) * n + i] = v;
    }
  }
  // Model Hessian: move the implicit part's dependence on xbase into hq.
  let sumpq: f64 = 0;
  for (let k = 0; k < npt; k++) sumpq += pq[k];
  const vv = work.v;
  for (let i = 0; i < n; i++) {
    let t = -0.5 * sumpq * xopt[i];
    for (let k = 0; k < npt; k++) t += pq[k] * xpt[k * n + i];
    vv[i] = t;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) hq[i * n + j] += vv[i] * xopt[j] + xopt[i] * vv[j];
  }
  for (let k = 0; k < npt; k++) for (let i = 0; i < n; i++) xpt[k * n + i] -= xopt[i];
  for (let i = 0; i < n; i++) {
    s.xbase[i] += xopt[i];
    s.sl[i] -= xopt[i];
    s.su[i] -= xopt[i];
    xopt[i] = 0;
  }
}
