/// <reference path="./portable.d.ts" />
import { evaluate } from './objective';
import { BobyqaState } from './state';

/**
 * Powell's start rule: a coordinate within rho of a bound is moved onto that bound or to rho
 * away from it, so the initial points either use the bound or stay clear of it.
 */
export function adjustStart(x0: Float64Array, lower: Float64Array, upper: Float64Array, rho: f64): void {
  for (let i = 0; i < x0.length; i++) {
    const below = x0[i] - lower[i];
    const above = upper[i] - x0[i];
    if (below < rho) x0[i] = below <= 0 ? lower[i] : lower[i] + rho;
    else if (above < rho) x0[i] = above <= 0 ? upper[i] : upper[i] - rho;
  }
}

/**
 * The two steps (a, b) along one coordinate for the initial 2n+1 points, given the room to the
 * lower and upper bounds (room_lo + room_hi ≥ 2ρ). Prefers ±ρ; near a bound uses ρ and 2ρ on the
 * open side, otherwise whichever pair keeps the three points best separated.
 */
export function chooseSteps(roomLo: f64, roomHi: f64, rho: f64): f64[] {
  const up = roomHi >= rho;
  const a = up ? rho : -rho;
  const same = up ? roomHi : roomLo; // room on a's side
  const other = up ? roomLo : roomHi;
  const back = Math.min(other, rho); // step to the other side
  const far = Math.min(same, 2 * rho); // second step on a's side
  const scoreBack = back;
  const scoreFar = Math.min(far, far - rho);
  const b = scoreBack >= scoreFar ? -back : far;
  return up ? [a, b] : [a, -b];
}

/**
 * Evaluates f at `center` (unless `fCenter` is a number, not NaN) and at center + a_j e_j,
 * center + b_j e_j, and builds the initial quadratic model and the inverse KKT matrix in closed form.
 *
 * Along each axis the three points determine the model's gradient and diagonal Hessian; the
 * least-Frobenius-norm model has no off-diagonal terms. The Lagrange function of the point at
 * a e_j is t(t−b)/(a(a−b)) in t = x_j, which gives Ξ and Ω = ZZᵀ with one column of Z per axis;
 * Υ is zero because xbase is an interpolation point lying on every axis.
 */
export function prelim(center: Float64Array, fCenter: f64, rho: f64, lower: Float64Array, upper: Float64Array): BobyqaState {
  const n = center.length;
  const s = new BobyqaState(n);
  const npt = s.npt;
  const nz = s.nz;
  const xpt = s.xpt;
  const fval = s.fval;
  const bmat = s.bmat;
  const zmat = s.zmat;
  const hq = s.hq;
  const gopt = s.gopt;
  s.xbase.set(center);
  for (let i = 0; i < n; i++) {
    s.sl[i] = lower[i] - center[i];
    s.su[i] = upper[i] - center[i];
  }
  const x = center.slice();
  const f0 = isNaN(fCenter) ? evaluate(x, false) : fCenter;
  fval[0] = f0;
  for (let j = 0; j < n; j++) {
    const ab = chooseSteps(-s.sl[j], s.su[j], rho);
    const a = ab[0];
    const b = ab[1];
    const ka = 1 + j;
    const kb = 1 + n + j;
    x[j] = axisPoint(s, j, a, center, lower, upper);
    const fa = evaluate(x, false);
    x[j] = axisPoint(s, j, b, center, lower, upper);
    const fb = evaluate(x, false);
    x[j] = center[j];
    xpt[ka * n + j] = a;
    xpt[kb * n + j] = b;
    fval[ka] = fa;
    fval[kb] = fb;
    const da = (fa - f0) / a;
    const db = (fb - f0) / b;
    const h = (2 * (da - db)) / (a - b);
    hq[j * n + j] = h;
    gopt[j] = da - 0.5 * h * a;
    bmat[0 * n + j] = -(a + b) / (a * b);
    bmat[ka * n + j] = -b / (a * (a - b));
    bmat[kb * n + j] = -a / (b * (b - a));
    const scale = Math.SQRT2 / Math.abs(a * b * (a - b));
    zmat[0 * nz + j] = (a - b) * scale;
    zmat[ka * nz + j] = b * scale;
    zmat[kb * nz + j] = -a * scale;
  }
  let kopt = 0;
  for (let k = 1; k < npt; k++) if (fval[k] < fval[kopt]) kopt = k;
  s.kopt = kopt;
  for (let i = 0; i < n; i++) {
    s.xopt[i] = xpt[kopt * n + i];
    gopt[i] += hq[i * n + i] * s.xopt[i];
  }
  return s;
}

/** Coordinate j of center + step·e_j, exactly on the bound when the step reaches it. */
function axisPoint(s: BobyqaState, j: i32, step: f64, center: Float64Array, lower: Float64Array, upper: Float64Array): f64 {
  return step === s.su[j] ? upper[j] : step === s.sl[j] ? lower[j] : center[j] + step;
}
