/// <reference path="./portable.d.ts" />
import { BobyqaState, omegaColumn } from './state';

export class AltMoveWork {
  hcol: Float64Array; // npt
  glag: Float64Array; // n
  step: Float64Array; // n
  free: Int32Array; // n: 1 while the variable may still move

  constructor(n: i32, npt: i32) {
    this.hcol = new Float64Array(npt);
    this.glag = new Float64Array(n);
    this.step = new Float64Array(n);
    this.free = new Int32Array(n);
  }
}

export class AltMove {
  /** Best point on a line through xopt and another interpolation point. */
  xnew: Float64Array;
  /** Constrained Cauchy step for the Lagrange function. */
  xalt: Float64Array;
  /** Ω_knew,knew. */
  alpha: f64 = 0;
  /** Λ_knew(xalt)², 0 if the Cauchy step is useless. */
  cauchy: f64 = 0;

  constructor(n: i32) {
    this.xnew = new Float64Array(n);
    this.xalt = new Float64Array(n);
  }
}

/**
 * A geometry-improving replacement for interpolation point knew (Powell's ALTMOV): a point within
 * distance adelt of xopt, inside the bounds, where the Lagrange function Λ_knew is large, because
 * the update's denominator σ = αβ + Λ_knew² then stays well away from zero.
 *
 * Candidate 1 searches the lines through xopt and each other point; along such a line Λ_knew is a
 * quadratic with Λ = 0 at xopt and Λ = δ at the other point, so its extremes are explicit. The
 * candidate maximizing Λ²(Λ² + ½α‖step‖⁴) (a proxy for Λ²σ) is kept. Candidate 2 follows ±∇Λ
 * from xopt, pinning components at the bounds they reach and spending the remaining length on
 * the others. The caller picks between them after computing the true denominator.
 */
// eslint-disable-next-line max-lines-per-function -- Powell's ALTMOV, kept in his order so it can be read beside the Fortran
export function altmov(st: BobyqaState, knew: i32, adelt: f64, out: AltMove, w: AltMoveWork): AltMove {
  const n = st.n;
  const npt = st.npt;
  const xpt = st.xpt;
  const xopt = st.xopt;
  const bmat = st.bmat;
  const sl = st.sl;
  const su = st.su;
  const kopt = st.kopt;
  const hcol = w.hcol;
  const glag = w.glag;
  const step = w.step;
  const free = w.free;
  omegaColumn(st, knew, hcol);
  const alpha = hcol[knew];
  for (let i = 0; i < n; i++) glag[i] = bmat[knew * n + i];
  for (let k = 0; k < npt; k++) {
    let xo: f64 = 0;
    for (let j = 0; j < n; j++) xo += xpt[k * n + j] * xopt[j];
    const t = hcol[k] * xo;
    for (let i = 0; i < n; i++) glag[i] += t * xpt[k * n + i];
  }

  // Candidate 1: line searches.
  let bestScore: f64 = -1;
  let bestK = -1;
  let bestT: f64 = 0;
  for (let k = 0; k < npt; k++) {
    if (k === kopt) continue;
    let dderiv: f64 = 0;
    let distsq: f64 = 0;
    for (let i = 0; i < n; i++) {
      const dir = xpt[k * n + i] - xopt[i];
      dderiv += glag[i] * dir;
      distsq += dir * dir;
    }
    if (distsq === 0) continue;
    let hi = adelt / Math.sqrt(distsq);
    let lo = -hi;
    for (let i = 0; i < n; i++) {
      const dir = xpt[k * n + i] - xopt[i];
      if (dir > 0) {
        lo = Math.max(lo, (sl[i] - xopt[i]) / dir);
        hi = Math.min(hi, (su[i] - xopt[i]) / dir);
      } else if (dir < 0) {
        lo = Math.max(lo, (su[i] - xopt[i]) / dir);
        hi = Math.min(hi, (sl[i] - xopt[i]) / dir);
      }
    }
    const delta: f64 = k === knew ? 1 : 0;
    // Candidates in order: both ends, then the interior extreme of Λ along the line if any.
    for (let c = 0; c < 3; c++) {
      let t = c === 0 ? lo : hi;
      if (c === 2) {
        if (dderiv === delta) break;
        t = dderiv / (2 * (dderiv - delta));
        if (!(t > lo && t < hi)) break;
      }
      const score = lineScore(t, dderiv, delta, distsq, alpha);
      if (score > bestScore) {
        bestScore = score;
        bestK = k;
        bestT = t;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const x = bestK >= 0 ? xopt[i] + bestT * (xpt[bestK * n + i] - xopt[i]) : xopt[i];
    out.xnew[i] = Math.min(Math.max(x, sl[i]), su[i]);
  }

  // Candidate 2: constrained Cauchy steps along +∇Λ and −∇Λ.
  let cauchy: f64 = 0;
  out.xalt.set(out.xnew);
  for (let sign = 1; sign >= -1; sign -= 2) {
    let budget = adelt * adelt;
    for (let i = 0; i < n; i++) {
      const g = <f64>sign * glag[i];
      free[i] = (g > 0 && xopt[i] < su[i]) || (g < 0 && xopt[i] > sl[i]) ? 1 : 0;
      step[i] = 0;
    }
    for (;;) {
      let ggfree: f64 = 0;
      for (let i = 0; i < n; i++) if (free[i] !== 0) ggfree += glag[i] * glag[i];
      if (ggfree === 0 || budget <= 0) break;
      const scale = Math.sqrt(budget / ggfree);
      let pinned = false;
      for (let i = 0; i < n; i++) {
        if (free[i] === 0) continue;
        const g = <f64>sign * glag[i];
        const room = g > 0 ? su[i] - xopt[i] : sl[i] - xopt[i];
        if (Math.abs(scale * g) >= Math.abs(room)) {
          step[i] = room;
          budget -= room * room;
          free[i] = 0;
          pinned = true;
        }
      }
      if (!pinned) {
        for (let i = 0; i < n; i++) if (free[i] !== 0) step[i] = scale * <f64>sign * glag[i];
        break;
      }
    }
    // Λ(xopt + t·step) = t·gs + ½t²·curv, with curv = Σ_k Ω_k,knew (xpt_k·step)².
    let gs: f64 = 0;
    for (let i = 0; i < n; i++) gs += glag[i] * step[i];
    let curv: f64 = 0;
    for (let k = 0; k < npt; k++) {
      let t: f64 = 0;
      for (let j = 0; j < n; j++) t += xpt[k * n + j] * step[j];
      curv += hcol[k] * t * t;
    }
    let t: f64 = 1;
    let value = gs + 0.5 * curv;
    if (curv !== 0) {
      const tStar = -gs / curv;
      if (tStar > 0 && tStar < 1) {
        const v = 0.5 * tStar * gs;
        if (v * v > value * value) {
          t = tStar;
          value = v;
        }
      }
    }
    if (value * value > cauchy) {
      cauchy = value * value;
      for (let i = 0; i < n; i++) out.xalt[i] = Math.min(Math.max(xopt[i] + t * step[i], sl[i]), su[i]);
    }
  }
  out.alpha = alpha;
  out.cauchy = cauchy;
  return out;
}

/**
 * Score of the point xopt + t (xpt_k − xopt): Λ²(Λ² + ½α‖step‖⁴), where Λ(t) = t·dderiv + t²(δ − dderiv)
 * (module-level rather than a closure per line, which altmov would otherwise create npt times a call).
 */
function lineScore(t: f64, dderiv: f64, delta: f64, distsq: f64, alpha: f64): f64 {
  const v = t * dderiv + t * t * (delta - dderiv);
  const stp = t * t * distsq;
  return v * v * (v * v + 0.5 * alpha * stp * stp);
}
