import { BudgetExhausted, type Evaluator, NonFiniteValue } from '../evaluator';
import { type MinimizeStatus } from '../types';
import { altMoveWork, altmov, type AltMove } from './altmov';
import { vlagBeta } from './lagrange';
import { adjustStart, prelim } from './prelim';
import { shiftBase, shiftWork } from './shiftBase';
import { type BobyqaState, distSq, hessDiag, modelChange, moveOptimum } from './state';
import { trsbox, trsboxWork, type TrustRegionStep } from './trsbox';
import { updateInverse, updateModel } from './update';

export interface BobyqaSettings {
  rhobeg: number;
  rhoend: number;
  ftolAbs: number;
}

export interface BobyqaOutcome {
  status: MinimizeStatus;
  message: string;
}

/**
 * Powell's BOBYQA main iteration (Cambridge NA Report 2009/06, §2): trust-region steps on a
 * quadratic model interpolating f at 2n+1 points, geometry ("alternative") steps when points are
 * far from the best one, and a decreasing lower bound rho on the trust-region radius. The model
 * and H = W⁻¹ are updated by the least-Frobenius-norm formulas after each evaluation.
 *
 * RESCUE is replaced by a simpler recovery: when rounding errors have spoiled a denominator, the
 * interpolation set is rebuilt around the best point with step rho (2n evaluations).
 *
 * The best point is tracked by the Evaluator; this returns only why the iteration stopped.
 */
export function runBobyqa(
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  settings: BobyqaSettings,
  ev: Evaluator,
): BobyqaOutcome {
  try {
    return iterate(x0, lower, upper, settings, ev);
  } catch (e) {
    if (e instanceof BudgetExhausted) return { status: 'max-evaluations', message: e.message };
    if (e instanceof NonFiniteValue) {
      return { status: 'failed', message: `${e.message} (BOBYQA cannot continue from it)` };
    }
    throw e;
  }
}

function iterate(
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  { rhobeg, rhoend, ftolAbs }: BobyqaSettings,
  ev: Evaluator,
): BobyqaOutcome {
  const n = x0.length;
  const npt = 2 * n + 1;
  const start = x0.slice();
  adjustStart(start, lower, upper, rhobeg);
  let st: BobyqaState = prelim(ev, start, undefined, rhobeg, lower, upper);

  // Work space.
  const tr: TrustRegionStep = {
    d: new Float64Array(n),
    xnew: new Float64Array(n),
    gnew: new Float64Array(n),
    crvmin: 0,
    dsq: 0,
  };
  const trw = trsboxWork(n);
  const am: AltMove = { xnew: new Float64Array(n), xalt: new Float64Array(n), alpha: 0, cauchy: 0 };
  const amw = altMoveWork(n, npt);
  const sw = shiftWork(n, npt, npt - n - 1);
  const vlag = new Float64Array(npt + n);
  const wcheck = new Float64Array(npt);
  const hcol = new Float64Array(npt + n);
  const work = new Float64Array(Math.max(n, npt));
  const dwork = new Float64Array(n);
  const d = new Float64Array(n);
  const xnew = new Float64Array(n);
  const xabs = new Float64Array(n);
  const xoWork = new Float64Array(npt);
  const pick: KnewPick = { knew: -1, denom: 0, scaden: 0, biglsq: 0 };

  let rho = rhobeg;
  let delta = rho;
  let ntrits = 0;
  let nfsav = ev.count;
  let nresc = ev.count;
  let diffa = 0;
  let diffb = 0;
  let diffc = 0;
  let ratio = 1;
  let itest = 0;
  let dnorm = 0;
  let knew = -1;
  let distsqLimit = 0;
  let action: Action = 'tr';
  // No closures over these variables (the module-level helpers take them as arguments), so they stay
  // plain locals of this loop.
  const roundoff: BobyqaOutcome = {
    status: 'failed',
    message: 'BOBYQA stopped: rounding errors spoiled the interpolation (much cancellation in a denominator).',
  };

  for (;;) {
    let geometry = false;
    let adelt = 0;
    if (action === 'tr') {
      trsbox(st, delta, tr, trw);
      d.set(tr.d);
      xnew.set(tr.xnew);
      dnorm = Math.min(delta, Math.sqrt(tr.dsq));
      if (dnorm < 0.5 * rho) {
        // Too short to be worth an evaluation: improve the geometry or reduce rho.
        ntrits = -1;
        distsqLimit = (10 * rho) ** 2;
        action = ev.count <= nfsav + 2 ? 'far' : shortStepAction(st, tr, rho, Math.max(diffa, diffb, diffc));
        continue;
      }
      ntrits++;
    } else if (action === 'far') {
      const kfar = farthestPoint(st, distsqLimit);
      if (kfar < 0) {
        if (ntrits === -1) action = 'reduce';
        else action = ratio > 0 || Math.max(delta, dnorm) > rho ? 'tr' : 'reduce';
        continue;
      }
      const dist = Math.sqrt(distSq(st, kfar, st.xopt));
      if (ntrits === -1) {
        delta = Math.min(0.1 * delta, 0.5 * dist);
        if (delta <= 1.5 * rho) delta = rho;
      }
      ntrits = 0;
      knew = kfar;
      adelt = Math.max(Math.min(0.1 * dist, delta), rho);
      geometry = true;
    } else {
      if (rho > rhoend) {
        delta = 0.5 * rho;
        const r = rho / rhoend;
        rho = r <= 16 ? rhoend : r <= 250 ? Math.sqrt(r) * rhoend : 0.1 * rho;
        delta = Math.max(delta, rho);
        ntrits = 0;
        nfsav = ev.count;
        action = 'tr';
        continue;
      }
      // Finished; the last (short) trust-region step is tried if it has not been and budget allows.
      if (ntrits === -1 && ev.remaining > 0) {
        try {
          evaluateAt(ev, st, xnew, lower, upper, xabs);
        } catch (e) {
          if (!(e instanceof NonFiniteValue)) throw e;
        }
      }
      return { status: 'converged', message: 'BOBYQA converged: the trust-region radius reached rhoend.' };
    }

    // Keep xbase near xopt so the KKT quantities stay accurate.
    let xoptsq = 0;
    for (let i = 0; i < n; i++) xoptsq += st.xopt[i] ** 2;
    const stepsq = geometry ? adelt * adelt : tr.dsq;
    if (stepsq <= 1e-3 * xoptsq) {
      for (let i = 0; i < n; i++) xnew[i] -= st.xopt[i];
      shiftBase(st, sw);
    }

    let beta: number;
    let denom = 0;
    let spoiled = false; // rounding errors have spoiled the update's denominator
    if (geometry) {
      altmov(st, knew, adelt, am, amw);
      xnew.set(am.xnew);
      for (let i = 0; i < n; i++) d[i] = xnew[i] - st.xopt[i];
      beta = vlagBeta(st, d, vlag, wcheck);
      denom = vlag[knew] ** 2 + am.alpha * beta;
      if (denom < am.cauchy && am.cauchy > 0) {
        xnew.set(am.xalt);
        for (let i = 0; i < n; i++) d[i] = xnew[i] - st.xopt[i];
        beta = vlagBeta(st, d, vlag, wcheck);
        denom = vlag[knew] ** 2 + am.alpha * beta;
      }
      spoiled = !(denom > 0.5 * vlag[knew] ** 2);
    } else {
      beta = vlagBeta(st, d, vlag, wcheck);
      chooseKnew(st, vlag, beta, delta, st.xopt, true, pick);
      spoiled = pick.knew < 0 || !(pick.scaden > 0.5 * pick.biglsq);
      if (!spoiled) {
        knew = pick.knew;
        denom = pick.denom;
      }
    }
    if (spoiled) {
      // Our replacement for RESCUE, at most once per evaluation.
      if (ev.count <= nresc) return roundoff;
      st = rebuildAround(ev, st, rho, lower, upper);
      nresc = ev.count;
      nfsav = ev.count;
      action = 'tr';
      continue;
    }

    const fx = evaluateAt(ev, st, xnew, lower, upper, xabs);
    const fopt = st.fval[st.kopt];
    const vquad = modelChange(st, d, work);
    const diff = fx - fopt - vquad;
    diffc = diffb;
    diffb = diffa;
    diffa = Math.abs(diff);
    if (dnorm > rho) nfsav = ev.count;

    if (ntrits > 0) {
      // Powell stops when the model predicts no decrease; that only happens when rounding errors
      // dominate (f changes near machine precision), so treat it as a failed step instead.
      ratio = vquad < 0 ? (fx - fopt) / vquad : -1;
      if (ratio <= 0.1) delta = Math.min(0.5 * delta, dnorm);
      else if (ratio <= 0.7) delta = Math.max(0.5 * delta, dnorm);
      else delta = Math.max(0.5 * delta, 2 * dnorm);
      if (delta <= 1.5 * rho) delta = rho;
      if (fx < fopt) {
        // xnew will be the best point: prefer dropping a point far from it.
        chooseKnew(st, vlag, beta, delta, xnew, false, pick);
        if (pick.knew >= 0 && pick.scaden > 0.5 * pick.biglsq) {
          knew = pick.knew;
          denom = pick.denom;
        }
      }
    }

    updateInverse(st, knew, vlag, beta, denom, hcol);
    updateModel(st, knew, xnew, fx, diff, work);
    if (fx < fopt) {
      moveOptimum(st, knew, work, dwork);
      if (fopt - fx < ftolAbs) {
        return { status: 'converged', message: 'BOBYQA converged: the decrease in f fell below ftolAbs.' };
      }
    }

    if (ntrits > 0) itest = maybeReplaceModel(st, ratio, itest, vlag, wcheck, xoWork);

    if (ntrits === 0 || fx <= fopt + 0.1 * vquad) {
      action = 'tr';
    } else {
      distsqLimit = Math.max((2 * delta) ** 2, (10 * rho) ** 2);
      action = 'far';
    }
  }

}

type Action = 'tr' | 'far' | 'reduce';

/** Evaluates f at xbase + xnew (into xabs), exactly on the bounds where xnew is on sl or su. */
function evaluateAt(
  ev: Evaluator,
  st: BobyqaState,
  xnew: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  xabs: Float64Array,
): number {
  for (let i = 0; i < st.n; i++) {
    let x = Math.min(Math.max(st.xbase[i] + xnew[i], lower[i]), upper[i]);
    if (xnew[i] === st.sl[i]) x = lower[i];
    if (xnew[i] === st.su[i]) x = upper[i];
    xabs[i] = x;
  }
  const fx = ev.eval(xabs);
  if (!Number.isFinite(fx)) throw new NonFiniteValue(Float64Array.from(xabs));
  return fx;
}

/** A fresh interpolation set around xopt with step rho (2n evaluations; f at xopt is reused). */
function rebuildAround(ev: Evaluator, st: BobyqaState, rho: number, lower: Float64Array, upper: Float64Array): BobyqaState {
  const center = new Float64Array(st.n);
  for (let i = 0; i < st.n; i++) center[i] = st.xbase[i] + st.xopt[i];
  return prelim(ev, center, st.fval[st.kopt], rho, lower, upper);
}

/**
 * After a short trust-region step (and enough evaluations since the last rho change): reduce rho
 * only if the model looks accurate enough, errbig being the largest of the last three model errors.
 */
function shortStepAction(st: BobyqaState, tr: TrustRegionStep, rho: number, errbig: number): Action {
  const frhosq = 0.125 * rho * rho;
  if (tr.crvmin > 0 && errbig > frhosq * tr.crvmin) return 'far';
  const bdtol = errbig / rho;
  for (let j = 0; j < st.n; j++) {
    let bdtest = bdtol;
    if (tr.xnew[j] === st.sl[j]) bdtest = tr.gnew[j];
    if (tr.xnew[j] === st.su[j]) bdtest = -tr.gnew[j];
    if (bdtest < bdtol) {
      bdtest += 0.5 * hessDiag(st, j) * rho;
      if (bdtest < bdtol) return 'far';
    }
  }
  return 'reduce';
}

/** The interpolation point farthest from xopt with squared distance above `limit`; −1 if none. */
function farthestPoint(st: BobyqaState, limit: number): number {
  const { n, npt, xpt, xopt } = st;
  let kfar = -1;
  let far = limit;
  for (let k = 0; k < npt; k++) {
    let ds = 0;
    for (let i = 0; i < n; i++) ds += (xpt[k * n + i] - xopt[i]) ** 2;
    if (ds > far) {
      far = ds;
      kfar = k;
    }
  }
  return kfar;
}

interface KnewPick {
  knew: number;
  denom: number;
  scaden: number;
  biglsq: number;
}

/**
 * The point to replace by a trust-region step: the one maximizing the update's denominator
 * σ_k = β Ω_kk + vlag_k², weighted by max(1, (dist_k/delta)⁴) to prefer distant points.
 * Written into `out` (reused across iterations).
 */
function chooseKnew(
  st: BobyqaState,
  vlag: Float64Array,
  beta: number,
  delta: number,
  from: Float64Array,
  skipKopt: boolean,
  out: KnewPick,
): void {
  const { n, nz, xpt, zmat } = st;
  const delsq = delta * delta;
  let scaden = 0;
  let biglsq = 0;
  let knew = -1;
  let denom = 0;
  for (let k = 0; k < st.npt; k++) {
    if (skipKopt && k === st.kopt) continue;
    // Ω_kk and ‖xpt_k − from‖², as omegaDiag and distSq compute them, inlined in this hot loop
    let omkk = 0;
    for (let c = 0; c < nz; c++) omkk += zmat[k * nz + c] ** 2;
    let ds = 0;
    for (let i = 0; i < n; i++) ds += (xpt[k * n + i] - from[i]) ** 2;
    const den = beta * omkk + vlag[k] ** 2;
    const temp = Math.max(1, (ds / delsq) ** 2);
    if (temp * den > scaden) {
      scaden = temp * den;
      knew = k;
      denom = den;
    }
    biglsq = Math.max(biglsq, temp * vlag[k] ** 2);
  }
  out.knew = knew;
  out.denom = denom;
  out.scaden = scaden;
  out.biglsq = biglsq;
}

/**
 * Powell's safeguard: if trust-region steps keep doing badly while the model's (projected)
 * gradient is much larger than that of the least-Frobenius-norm interpolant of the current data,
 * three times in a row, the model is replaced by that interpolant. Returns the new count.
 * fdiff (length ≥ npt + n) also receives that interpolant's gradient in its last n entries;
 * xo (length npt) is work space.
 */
function maybeReplaceModel(
  st: BobyqaState,
  ratio: number,
  itest: number,
  fdiff: Float64Array,
  lambda: Float64Array,
  xo: Float64Array,
): number {
  // A successful step resets the count and changes nothing else: skip the O(npt²) work.
  if (ratio > 0.01) return 0;
  const { n, npt, nz, xpt, zmat, bmat, xopt, gopt, sl, su, fval, kopt } = st;
  for (let k = 0; k < npt; k++) {
    fdiff[k] = fval[k] - fval[kopt];
    lambda[k] = 0;
  }
  for (let c = 0; c < nz; c++) {
    let t = 0;
    for (let k = 0; k < npt; k++) t += zmat[k * nz + c] * fdiff[k];
    for (let k = 0; k < npt; k++) lambda[k] += t * zmat[k * nz + c];
  }
  for (let k = 0; k < npt; k++) {
    let t = 0;
    for (let j = 0; j < n; j++) t += xpt[k * n + j] * xopt[j];
    xo[k] = t;
  }
  let gqsq = 0;
  let gisq = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < npt; k++) sum += bmat[k * n + i] * fdiff[k] + xpt[k * n + i] * lambda[k] * xo[k];
    fdiff[npt + i] = sum;
    if (xopt[i] === sl[i]) {
      gqsq += Math.min(0, gopt[i]) ** 2;
      gisq += Math.min(0, sum) ** 2;
    } else if (xopt[i] === su[i]) {
      gqsq += Math.max(0, gopt[i]) ** 2;
      gisq += Math.max(0, sum) ** 2;
    } else {
      gqsq += gopt[i] ** 2;
      gisq += sum * sum;
    }
  }
  const next = gqsq < 10 * gisq ? 0 : itest + 1;
  if (next < 3) return next;
  for (let i = 0; i < n; i++) gopt[i] = fdiff[npt + i];
  st.hq.fill(0);
  for (let k = 0; k < npt; k++) st.pq[k] = lambda[k];
  return 0;
}
