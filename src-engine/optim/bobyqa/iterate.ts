/// <reference path="./portable.d.ts" />
import { altmov, AltMove, AltMoveWork } from './altmov';
import { vlagBeta } from './lagrange';
import { evaluate, evaluations, evaluationsLeft } from './objective';
import { chooseKnew, farthestPoint, KnewPick } from './pointChoice';
import { adjustStart, prelim } from './prelim';
import { maybeReplaceModel } from './replaceModel';
import { shiftBase, ShiftWork } from './shiftBase';
import { BobyqaState, distSq, hessDiag, modelChange, moveOptimum } from './state';
import { trsbox, TrsboxWork, TrustRegionStep } from './trsbox';
import { updateInverse, updateModel } from './update';

/** How a run ended (bobyqa.ts words them); a budget spent or a non-finite f end it by exceptions instead. */
export const CONVERGED_RHO: i32 = 0;
export const CONVERGED_FTOL: i32 = 1;
export const ROUNDOFF: i32 = 2;
const RUNNING: i32 = -1;

/** Why the next pass of the loop does what it does (Powell's GOTO targets). */
const TRUST_REGION: i32 = 0;
const FAR_POINT: i32 = 1;
const REDUCE_RHO: i32 = 2;

/**
 * The iteration's scalars under Powell's names, in one object so that each stage of the loop can be
 * its own function without closures; the stages run in Powell's order, so the iterates are his.
 */
class Loop {
  st: BobyqaState;
  rho: f64;
  delta: f64;
  /** Trust-region steps since the last rho change; −1 after a step too short to evaluate. */
  ntrits: i32 = 0;
  nfsav: i32;
  nresc: i32;
  /** The last three model errors |f − f_model|. */
  diffa: f64 = 0;
  diffb: f64 = 0;
  diffc: f64 = 0;
  ratio: f64 = 1;
  itest: i32 = 0;
  dnorm: f64 = 0;
  knew: i32 = -1;
  distsqLimit: f64 = 0;
  action: i32 = TRUST_REGION;
  /** This pass: a geometry (alternative) step of length adelt rather than a trust-region step. */
  geometry: boolean = false;
  adelt: f64 = 0;
  beta: f64 = 0;
  denom: f64 = 0;

  constructor(st: BobyqaState, rhobeg: f64) {
    this.st = st;
    this.rho = rhobeg;
    this.delta = rhobeg;
    this.nfsav = evaluations();
    this.nresc = evaluations();
  }
}

/** Work space, allocated once per run. */
class Work {
  tr: TrustRegionStep;
  trw: TrsboxWork;
  am: AltMove;
  amw: AltMoveWork;
  sw: ShiftWork;
  vlag: Float64Array;
  wcheck: Float64Array;
  hcol: Float64Array;
  work: Float64Array;
  dwork: Float64Array;
  d: Float64Array;
  xnew: Float64Array;
  xabs: Float64Array;
  xoWork: Float64Array;
  pick: KnewPick = new KnewPick();

  constructor(n: i32, npt: i32) {
    this.tr = new TrustRegionStep(n);
    this.trw = new TrsboxWork(n);
    this.am = new AltMove(n);
    this.amw = new AltMoveWork(n, npt);
    this.sw = new ShiftWork(n, npt, npt - n - 1);
    this.vlag = new Float64Array(npt + n);
    this.wcheck = new Float64Array(npt);
    this.hcol = new Float64Array(npt + n);
    this.work = new Float64Array(npt); // npt = 2n + 1 > n
    this.dwork = new Float64Array(n);
    this.d = new Float64Array(n);
    this.xnew = new Float64Array(n);
    this.xabs = new Float64Array(n);
    this.xoWork = new Float64Array(npt);
  }
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
 * f comes from ./objective, which also tracks the best point; this returns only why the iteration
 * stopped (CONVERGED_RHO, CONVERGED_FTOL, ROUNDOFF).
 */
export function iterate(x0: Float64Array, lower: Float64Array, upper: Float64Array, rhobeg: f64, rhoend: f64, ftolAbs: f64): i32 {
  const n = x0.length;
  const npt = 2 * n + 1;
  const start = x0.slice();
  adjustStart(start, lower, upper, rhobeg);
  const L = new Loop(prelim(start, NaN, rhobeg, lower, upper), rhobeg);
  const W = new Work(n, npt);
  let outcome = RUNNING;
  while (outcome === RUNNING) outcome = pass(L, W, lower, upper, rhoend, ftolAbs);
  return outcome;
}

/** One pass of the loop: the action L.action names, and what follows it; RUNNING until the run ends. */
function pass(L: Loop, W: Work, lower: Float64Array, upper: Float64Array, rhoend: f64, ftolAbs: f64): i32 {
  L.geometry = false;
  L.adelt = 0;
  if (L.action === TRUST_REGION) {
    if (!trustRegionStep(L, W)) return RUNNING;
  } else if (L.action === FAR_POINT) {
    if (!geometryStep(L)) return RUNNING;
  } else {
    return reduceRho(L, W, rhoend, lower, upper);
  }
  if (!denominators(L, W)) {
    // Our replacement for RESCUE, at most once per evaluation.
    if (evaluations() <= L.nresc) return ROUNDOFF;
    L.st = rebuildAround(L.st, L.rho, lower, upper);
    L.nresc = evaluations();
    L.nfsav = evaluations();
    L.action = TRUST_REGION;
    return RUNNING;
  }
  return evaluateStep(L, W, lower, upper, ftolAbs);
}

/**
 * The trust-region step from xopt (into W.d, W.xnew); false when it is too short to be worth an
 * evaluation, and the next action improves the geometry or reduces rho instead.
 */
function trustRegionStep(L: Loop, W: Work): boolean {
  const tr = W.tr;
  trsbox(L.st, L.delta, tr, W.trw);
  W.d.set(tr.d);
  W.xnew.set(tr.xnew);
  L.dnorm = Math.min(L.delta, Math.sqrt(tr.dsq));
  if (L.dnorm < 0.5 * L.rho) {
    L.ntrits = -1;
    const r10 = 10 * L.rho;
    L.distsqLimit = r10 * r10;
    L.action = evaluations() <= L.nfsav + 2 ? FAR_POINT : shortStepAction(L.st, tr, L.rho, Math.max(Math.max(L.diffa, L.diffb), L.diffc));
    return false;
  }
  L.ntrits++;
  return true;
}

/** Picks the far point a geometry step replaces, and its step length; false when no point is far. */
function geometryStep(L: Loop): boolean {
  const kfar = farthestPoint(L.st, L.distsqLimit);
  if (kfar < 0) {
    if (L.ntrits === -1) L.action = REDUCE_RHO;
    else L.action = L.ratio > 0 || Math.max(L.delta, L.dnorm) > L.rho ? TRUST_REGION : REDUCE_RHO;
    return false;
  }
  const dist = Math.sqrt(distSq(L.st, kfar, L.st.xopt));
  if (L.ntrits === -1) {
    L.delta = Math.min(0.1 * L.delta, 0.5 * dist);
    if (L.delta <= 1.5 * L.rho) L.delta = L.rho;
  }
  L.ntrits = 0;
  L.knew = kfar;
  L.adelt = Math.max(Math.min(0.1 * dist, L.delta), L.rho);
  L.geometry = true;
  return true;
}

/** Reduces rho towards rhoend; at rhoend the run has converged (CONVERGED_RHO), else RUNNING. */
function reduceRho(L: Loop, W: Work, rhoend: f64, lower: Float64Array, upper: Float64Array): i32 {
  if (L.rho > rhoend) {
    L.delta = 0.5 * L.rho;
    const r = L.rho / rhoend;
    L.rho = r <= 16 ? rhoend : r <= 250 ? Math.sqrt(r) * rhoend : 0.1 * L.rho;
    L.delta = Math.max(L.delta, L.rho);
    L.ntrits = 0;
    L.nfsav = evaluations();
    L.action = TRUST_REGION;
    return RUNNING;
  }
  // Finished; the last (short) trust-region step is tried if it has not been and budget allows
  // (a value that is not finite there is ignored: the best point stands).
  if (L.ntrits === -1 && evaluationsLeft() > 0) evaluateAt(L.st, W.xnew, lower, upper, W.xabs, true);
  return CONVERGED_RHO;
}

/**
 * Shifts xbase when the step is small beside xopt, takes the geometry step, and computes the
 * update's denominator and the point to replace (L.knew, L.beta, L.denom); false when rounding
 * errors have spoiled the denominator.
 */
function denominators(L: Loop, W: Work): boolean {
  const st = L.st;
  const d = W.d;
  const xnew = W.xnew;
  const vlag = W.vlag;
  const wcheck = W.wcheck;
  const am = W.am;
  const pick = W.pick;
  const n = st.n;
  // Keep xbase near xopt so the KKT quantities stay accurate.
  let xoptsq: f64 = 0;
  for (let i = 0; i < n; i++) xoptsq += st.xopt[i] * st.xopt[i];
  const stepsq = L.geometry ? L.adelt * L.adelt : W.tr.dsq;
  if (stepsq <= 1e-3 * xoptsq) {
    for (let i = 0; i < n; i++) xnew[i] -= st.xopt[i];
    shiftBase(st, W.sw);
  }
  if (L.geometry) {
    altmov(st, L.knew, L.adelt, am, W.amw);
    xnew.set(am.xnew);
    for (let i = 0; i < n; i++) d[i] = xnew[i] - st.xopt[i];
    L.beta = vlagBeta(st, d, vlag, wcheck);
    L.denom = vlag[L.knew] * vlag[L.knew] + am.alpha * L.beta;
    if (L.denom < am.cauchy && am.cauchy > 0) {
      xnew.set(am.xalt);
      for (let i = 0; i < n; i++) d[i] = xnew[i] - st.xopt[i];
      L.beta = vlagBeta(st, d, vlag, wcheck);
      L.denom = vlag[L.knew] * vlag[L.knew] + am.alpha * L.beta;
    }
    return L.denom > 0.5 * (vlag[L.knew] * vlag[L.knew]);
  }
  L.beta = vlagBeta(st, d, vlag, wcheck);
  L.denom = 0;
  chooseKnew(st, vlag, L.beta, L.delta, st.xopt, true, pick);
  if (pick.knew < 0 || !(pick.scaden > 0.5 * pick.biglsq)) return false;
  L.knew = pick.knew;
  L.denom = pick.denom;
  return true;
}

/**
 * Evaluates f at the step, adjusts the trust region by the ratio of actual to predicted decrease,
 * updates H and the model, moves xopt to a better point, and chooses the next action; returns
 * CONVERGED_FTOL when the decrease fell below ftolAbs, else RUNNING.
 */
function evaluateStep(L: Loop, W: Work, lower: Float64Array, upper: Float64Array, ftolAbs: f64): i32 {
  const st = L.st;
  const d = W.d;
  const xnew = W.xnew;
  const vlag = W.vlag;
  const pick = W.pick;
  const fx = evaluateAt(st, xnew, lower, upper, W.xabs, false);
  const fopt = st.fval[st.kopt];
  const vquad = modelChange(st, d, W.work);
  const diff = fx - fopt - vquad;
  L.diffc = L.diffb;
  L.diffb = L.diffa;
  L.diffa = Math.abs(diff);
  if (L.dnorm > L.rho) L.nfsav = evaluations();

  if (L.ntrits > 0) {
    // Powell stops when the model predicts no decrease; that only happens when rounding errors
    // dominate (f changes near machine precision), so treat it as a failed step instead.
    L.ratio = vquad < 0 ? (fx - fopt) / vquad : -1;
    if (L.ratio <= 0.1) L.delta = Math.min(0.5 * L.delta, L.dnorm);
    else if (L.ratio <= 0.7) L.delta = Math.max(0.5 * L.delta, L.dnorm);
    else L.delta = Math.max(0.5 * L.delta, 2 * L.dnorm);
    if (L.delta <= 1.5 * L.rho) L.delta = L.rho;
    if (fx < fopt) {
      // xnew will be the best point: prefer dropping a point far from it.
      chooseKnew(st, vlag, L.beta, L.delta, xnew, false, pick);
      if (pick.knew >= 0 && pick.scaden > 0.5 * pick.biglsq) {
        L.knew = pick.knew;
        L.denom = pick.denom;
      }
    }
  }

  updateInverse(st, L.knew, vlag, L.beta, L.denom, W.hcol);
  updateModel(st, L.knew, xnew, fx, diff, W.work);
  if (fx < fopt) {
    moveOptimum(st, L.knew, W.work, W.dwork);
    if (fopt - fx < ftolAbs) return CONVERGED_FTOL;
  }

  if (L.ntrits > 0) L.itest = maybeReplaceModel(st, L.ratio, L.itest, vlag, W.wcheck, W.xoWork);

  if (L.ntrits === 0 || fx <= fopt + 0.1 * vquad) {
    L.action = TRUST_REGION;
  } else {
    const d2 = 2 * L.delta;
    const r10 = 10 * L.rho;
    L.distsqLimit = Math.max(d2 * d2, r10 * r10);
    L.action = FAR_POINT;
  }
  return RUNNING;
}

/** Evaluates f at xbase + xnew (into xabs), exactly on the bounds where xnew is on sl or su. */
function evaluateAt(st: BobyqaState, xnew: Float64Array, lower: Float64Array, upper: Float64Array, xabs: Float64Array, tolerant: boolean): f64 {
  for (let i = 0; i < st.n; i++) {
    let x = Math.min(Math.max(st.xbase[i] + xnew[i], lower[i]), upper[i]);
    if (xnew[i] === st.sl[i]) x = lower[i];
    if (xnew[i] === st.su[i]) x = upper[i];
    xabs[i] = x;
  }
  return evaluate(xabs, tolerant);
}

/** A fresh interpolation set around xopt with step rho (2n evaluations; f at xopt is reused). */
function rebuildAround(st: BobyqaState, rho: f64, lower: Float64Array, upper: Float64Array): BobyqaState {
  const center = new Float64Array(st.n);
  for (let i = 0; i < st.n; i++) center[i] = st.xbase[i] + st.xopt[i];
  return prelim(center, st.fval[st.kopt], rho, lower, upper);
}

/**
 * After a short trust-region step (and enough evaluations since the last rho change): reduce rho
 * only if the model looks accurate enough, errbig being the largest of the last three model errors.
 */
function shortStepAction(st: BobyqaState, tr: TrustRegionStep, rho: f64, errbig: f64): i32 {
  const frhosq = 0.125 * rho * rho;
  if (tr.crvmin > 0 && errbig > frhosq * tr.crvmin) return FAR_POINT;
  const bdtol = errbig / rho;
  for (let j = 0; j < st.n; j++) {
    let bdtest = bdtol;
    if (tr.xnew[j] === st.sl[j]) bdtest = tr.gnew[j];
    if (tr.xnew[j] === st.su[j]) bdtest = -tr.gnew[j];
    if (bdtest < bdtol) {
      bdtest += 0.5 * hessDiag(st, j) * rho;
      if (bdtest < bdtol) return FAR_POINT;
    }
  }
  return REDUCE_RHO;
}
