/// <reference path="./portable.d.ts" />
import { acos, atan2, cos, hypot, sin } from './math';
import { BobyqaState, hessVec } from './state';

export class TrustRegionStep {
  /** Step from xopt (after moving fixed coordinates exactly onto their bounds). */
  d: Float64Array;
  /** xopt + d, relative to xbase. */
  xnew: Float64Array;
  /** Model gradient at xopt + d. */
  gnew: Float64Array;
  /** 0 if the step reached the trust-region boundary, else the least curvature met (−1: none). */
  crvmin: f64 = 0;
  dsq: f64 = 0;

  constructor(n: i32) {
    this.d = new Float64Array(n);
    this.xnew = new Float64Array(n);
    this.gnew = new Float64Array(n);
  }
}

/** What both stages update: variables fixed on a bound, the model's reduction so far, the least curvature met. */
class TrsboxScalars {
  nact: i32 = 0;
  qred: f64 = 0;
  crvmin: f64 = -1;
}

export class TrsboxWork {
  s: Float64Array;
  hs: Float64Array;
  hd: Float64Array;
  u: Float64Array;
  /** −1, 0, 1: the variable is fixed on its lower bound, free, fixed on its upper bound. */
  xbdi: Int32Array;
  scalars: TrsboxScalars = new TrsboxScalars();

  constructor(n: i32) {
    this.s = new Float64Array(n);
    this.hs = new Float64Array(n);
    this.hd = new Float64Array(n);
    this.u = new Float64Array(n);
    this.xbdi = new Int32Array(n);
  }
}

const HALF_PI = Math.PI / 2;

/**
 * Approximately minimizes Q(xopt + d) subject to ‖d‖ ≤ delta and sl ≤ xopt + d ≤ su
 * (Powell's TRSBOX). Stage 1: truncated conjugate gradients on the free variables; a variable
 * that reaches a bound is fixed there and CG restarts. Stage 2 (if the sphere is reached):
 * rotate d within the sphere, in the plane of d and the free gradient, searching the angle on a
 * grid and refining by a parabola; bounds met on the way are fixed in turn.
 */
export function trsbox(st: BobyqaState, delta: f64, out: TrustRegionStep, w: TrsboxWork): TrustRegionStep {
  const n = st.n;
  const xopt = st.xopt;
  const gopt = st.gopt;
  const sl = st.sl;
  const su = st.su;
  const d = out.d;
  const gnew = out.gnew;
  const s = w.s;
  const xbdi = w.xbdi;
  const sc = w.scalars;
  sc.nact = 0;
  sc.qred = 0;
  sc.crvmin = -1;
  for (let i = 0; i < n; i++) {
    xbdi[i] = 0;
    if (xopt[i] <= sl[i] && gopt[i] >= 0) xbdi[i] = -1;
    else if (xopt[i] >= su[i] && gopt[i] <= 0) xbdi[i] = 1;
    if (xbdi[i] !== 0) sc.nact++;
    d[i] = 0;
    s[i] = 0;
    gnew[i] = gopt[i];
  }
  if (conjugateGradients(st, delta, out, w)) rotateOnSphere(st, out, w);
  return finishStep(st, out, w);
}

/**
 * Stage 1: truncated conjugate gradients on the free variables; a variable that reaches a bound is
 * fixed there and CG restarts. Returns whether the step reached the sphere ‖d‖ = delta.
 */
function conjugateGradients(st: BobyqaState, delta: f64, out: TrustRegionStep, w: TrsboxWork): boolean {
  const n = st.n;
  const xopt = st.xopt;
  const sl = st.sl;
  const su = st.su;
  const d = out.d;
  const gnew = out.gnew;
  const s = w.s;
  const hs = w.hs;
  const xbdi = w.xbdi;
  const sc = w.scalars;
  const delsq = delta * delta;
  let beta: f64 = 0;
  let gredsq: f64 = 0;
  let ggsav: f64 = 0;
  let iterc = 0;
  let itermax = 0;
  let reached = false;
  for (;;) {
    let stepsq: f64 = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xbdi[i] !== 0 ? 0 : beta * s[i] - gnew[i];
      stepsq += s[i] * s[i];
    }
    if (stepsq === 0) break;
    if (beta === 0) {
      gredsq = stepsq;
      itermax = iterc + n - sc.nact;
    }
    if (gredsq * delsq <= 1e-4 * sc.qred * sc.qred) break;
    hessVec(st, s, hs);
    let resid = delsq;
    let ds: f64 = 0;
    let shs: f64 = 0;
    let gs: f64 = 0;
    for (let i = 0; i < n; i++) {
      resid -= d[i] * d[i];
      if (xbdi[i] === 0) {
        ds += s[i] * d[i];
        shs += s[i] * hs[i];
        gs += s[i] * gnew[i];
      }
    }
    if (resid <= 0) {
      sc.crvmin = 0;
      return true;
    }
    const root = Math.sqrt(stepsq * resid + ds * ds);
    const blen = ds < 0 ? (root - ds) / stepsq : resid / (root + ds);
    let stplen = blen;
    if (shs > 0) stplen = Math.min(blen, -gs / shs);
    let iact = -1;
    for (let i = 0; i < n; i++) {
      if (s[i] === 0 || xbdi[i] !== 0) continue;
      const xsum = xopt[i] + d[i];
      const t = s[i] > 0 ? (su[i] - xsum) / s[i] : (sl[i] - xsum) / s[i];
      if (t < stplen) {
        stplen = t;
        iact = i;
      }
    }
    let sdec: f64 = 0;
    if (stplen > 0) {
      iterc++;
      const curv = shs / stepsq;
      if (iact === -1 && curv > 0) sc.crvmin = sc.crvmin === -1 ? curv : Math.min(sc.crvmin, curv);
      ggsav = gredsq;
      gredsq = 0;
      for (let i = 0; i < n; i++) {
        gnew[i] += stplen * hs[i];
        if (xbdi[i] === 0) gredsq += gnew[i] * gnew[i];
        d[i] += stplen * s[i];
      }
      sdec = Math.max(-stplen * (gs + 0.5 * stplen * shs), 0);
      sc.qred += sdec;
    }
    if (iact >= 0) {
      fixAtBound(st, out, w, iact, s[iact] > 0 ? 1 : -1);
      sc.nact++;
      beta = 0;
      continue;
    }
    // (if/else rather than an unconditional exit at the end: AssemblyScript 0.28 loses a for (;;)'s
    // breaks when its body ends in a return or break)
    if (stplen < blen) {
      if (iterc === itermax || sdec <= 0.01 * sc.qred) break;
      beta = gredsq / ggsav;
    } else {
      sc.crvmin = 0;
      reached = true;
      break;
    }
  }
  return reached;
}

/**
 * Stage 2: rotate d within the sphere, in the plane of d and the free gradient, searching the angle on
 * a grid and refining by a parabola; bounds met on the way are fixed in turn.
 */
// eslint-disable-next-line max-lines-per-function -- stage 2 of Powell's TRSBOX, kept in his order so it can be read beside the Fortran
function rotateOnSphere(st: BobyqaState, out: TrustRegionStep, w: TrsboxWork): void {
  const n = st.n;
  const xopt = st.xopt;
  const sl = st.sl;
  const su = st.su;
  const d = out.d;
  const gnew = out.gnew;
  const s = w.s;
  const hs = w.hs;
  const hd = w.hd;
  const u = w.u;
  const xbdi = w.xbdi;
  const sc = w.scalars;
  for (;;) {
    if (sc.nact >= n - 1) break;
    let dredsq: f64 = 0;
    let dredg: f64 = 0;
    let gsq: f64 = 0;
    for (let i = 0; i < n; i++) {
      if (xbdi[i] !== 0) continue;
      dredsq += d[i] * d[i];
      dredg += d[i] * gnew[i];
      gsq += gnew[i] * gnew[i];
    }
    const disc = dredsq * gsq - dredg * dredg;
    if (disc <= 1e-4 * sc.qred * sc.qred) break;
    const root = Math.sqrt(disc);
    for (let i = 0; i < n; i++) s[i] = xbdi[i] !== 0 ? 0 : (dredg * d[i] - dredsq * gnew[i]) / root;
    // The largest angle before a free variable meets a bound.
    let thmax = HALF_PI;
    let iact = -1;
    let side = 0;
    let onBound = false; // a free variable already at a bound: fix it and start the rotation again
    for (let i = 0; i < n; i++) {
      if (xbdi[i] !== 0) continue;
      const lo = sl[i] - xopt[i];
      const hi = su[i] - xopt[i];
      if (d[i] <= lo || d[i] >= hi) {
        fixAtBound(st, out, w, i, d[i] <= lo ? -1 : 1);
        sc.nact++;
        onBound = true;
        break;
      }
      if (lo === -Infinity && hi === Infinity) continue; // no bound to meet (skips a hypot and an atan2)
      const r = hypot(d[i], s[i]);
      if (r === 0) continue;
      const phi = atan2(s[i], d[i]);
      if (-r < lo) {
        const th = firstCrossing(phi, acos(lo / r));
        if (th < thmax) {
          thmax = th;
          iact = i;
          side = -1;
        }
      }
      if (r > hi) {
        const th = firstCrossing(phi, acos(hi / r));
        if (th < thmax) {
          thmax = th;
          iact = i;
          side = 1;
        }
      }
    }
    if (onBound) continue;
    // Change of Q along d(θ) = d + (cos θ − 1) u + sin θ s, where u is the free part of d.
    for (let i = 0; i < n; i++) u[i] = xbdi[i] !== 0 ? 0 : d[i];
    hessVec(st, u, hd);
    hessVec(st, s, hs);
    let gs: f64 = 0;
    let uhu: f64 = 0;
    let uhs: f64 = 0;
    let shs: f64 = 0;
    for (let i = 0; i < n; i++) {
      gs += gnew[i] * s[i];
      shs += s[i] * hs[i];
      if (xbdi[i] !== 0) continue;
      uhu += d[i] * hd[i];
      uhs += d[i] * hs[i];
    }
    const iu = <i32>Math.floor((17 * thmax) / HALF_PI + 3.1);
    let best = 0;
    let redmax: f64 = 0;
    let prev: f64 = 0;
    let redPrev: f64 = 0;
    let redNext: f64 = 0;
    for (let j = 1; j <= iu; j++) {
      const red = rotationReduction((thmax * <f64>j) / <f64>iu, dredg, gs, uhu, uhs, shs);
      if (red > redmax) {
        redmax = red;
        best = j;
        redPrev = prev;
      } else if (j === best + 1) {
        redNext = red;
      }
      prev = red;
    }
    if (best === 0) break;
    let theta = (thmax * <f64>best) / <f64>iu;
    if (best < iu) {
      const den = 2 * redmax - redPrev - redNext;
      if (den > 0) theta = (thmax * (<f64>best + (0.5 * (redNext - redPrev)) / den)) / <f64>iu;
    }
    const sdec = rotationReduction(theta, dredg, gs, uhu, uhs, shs);
    if (!(sdec > 0)) break;
    const cm = cos(theta) - 1;
    const sn = sin(theta);
    for (let i = 0; i < n; i++) {
      gnew[i] += cm * hd[i] + sn * hs[i];
      if (xbdi[i] === 0) d[i] += cm * d[i] + sn * s[i];
    }
    sc.qred += sdec;
    if (iact >= 0 && best === iu) {
      fixAtBound(st, out, w, iact, side);
      sc.nact++;
      continue;
    }
    if (sdec <= 0.01 * sc.qred) break;
  }
}

/** Moves fixed variables exactly onto their bounds and clips the rest into the box: xnew, d, ‖d‖². */
function finishStep(st: BobyqaState, out: TrustRegionStep, w: TrsboxWork): TrustRegionStep {
  const n = st.n;
  const xopt = st.xopt;
  const sl = st.sl;
  const su = st.su;
  const d = out.d;
  const xnew = out.xnew;
  const xbdi = w.xbdi;
  let dsq: f64 = 0;
  for (let i = 0; i < n; i++) {
    let x = Math.min(Math.max(xopt[i] + d[i], sl[i]), su[i]);
    if (xbdi[i] === -1) x = sl[i];
    else if (xbdi[i] === 1) x = su[i];
    xnew[i] = x;
    d[i] = x - xopt[i];
    dsq += d[i] * d[i];
  }
  out.crvmin = w.scalars.crvmin;
  out.dsq = dsq;
  return out;
}


// The helpers below are module-level functions with explicit arguments rather than closures, so
// that trsbox allocates nothing per call.

/** Fixes free variable i on its lower (side −1) or upper (side 1) bound; the caller counts it in nact. */
function fixAtBound(st: BobyqaState, out: TrustRegionStep, w: TrsboxWork, i: i32, side: i32): void {
  w.xbdi[i] = side;
  out.d[i] = (side > 0 ? st.su[i] : st.sl[i]) - st.xopt[i];
}

/** Reduction of Q along d(θ) = d + (cos θ − 1) u + sin θ s, from the stage-2 inner products. */
function rotationReduction(th: f64, dredg: f64, gs: f64, uhu: f64, uhs: f64, shs: f64): f64 {
  const cm = cos(th) - 1;
  const sn = sin(th);
  return -(cm * dredg + sn * gs + 0.5 * (cm * cm * uhu + 2 * cm * sn * uhs + sn * sn * shs));
}

const TWO_PI = 2 * Math.PI;

/** Smallest θ > 0 with cos(θ − φ) = cos(α), i.e. θ ∈ {φ ± α} reduced to (0, 2π]. */
function firstCrossing(phi: f64, alpha: f64): f64 {
  const a = angleIn0To2Pi(phi - alpha);
  const b = angleIn0To2Pi(phi + alpha);
  let best = Infinity;
  if (a < best) best = a;
  if (b < best) best = b;
  return best;
}

function angleIn0To2Pi(t: f64): f64 {
  const th = t % TWO_PI;
  return th <= 1e-300 ? th + TWO_PI : th;
}
