import { BudgetExhausted, type Evaluator, NonFiniteValue } from '../evaluator';
import { type MinimizeStatus } from '../types';
import { altMoveWork, altmov, type AltMove } from './altmov';
import { vlagBeta } from './lagrange';
import { adjustStart, prelim } from './prelim';
import { shiftBase, shiftWork } from './shiftBase';
import { type BobyqaState, distSq, hessDiag, modelChange, moveOptimum } from './state';
import { chooseKnew, farthestPoint, type KnewPick } from './pointChoice';
import { maybeReplaceModel } from './replaceModel';
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

/** Why the next pass of the loop does what it does (Powell's GOTO targets). */
type Action = 'tr' | 'far' | 'reduce';

/**
 * The iteration's scalars under Powell's names, in one object so that each stage of the loop can be
 * its own function without closures; the stages run in Powell's order, so the iterates are his.
 */
interface Loop {
  st: BobyqaState;
  rho: number;
  delta: number;
  /** Trust-region steps since the last rho change; −1 after a step too short to evaluate. */
  ntrits: number;
  nfsav: number;
  nresc: number;
  /** The last three model errors |f − f_model|. */
  diffa: number;
  diffb: number;
  diffc: number;
  ratio: number;
  itest: number;
  dnorm: number;
  knew: number;
  distsqLimit: number;
  action: Action;
  /** This pass: a geometry (alternative) step of length adelt rather than a trust-region step. */
  geometry: boolean;
  adelt: number;
  beta: number;
  denom: number;
}

/** Work space, allocated once per run. */
interface Work {
  tr: TrustRegionStep;
  trw: ReturnType<typeof trsboxWork>;
  am: AltMove;
  amw: ReturnType<typeof altMoveWork>;
  sw: ReturnType<typeof shiftWork>;
  vlag: Float64Array;
  wcheck: Float64Array;
  hcol: Float64Array;
  work: Float64Array;
  dwork: Float64Array;
  d: Float64Array;
  xnew: Float64Array;
  xabs: Float64Array;
  xoWork: Float64Array;
  pick: KnewPick;
}

function work(n: number, npt: number): Work {
  return {
    tr: { d: new Float64Array(n), xnew: new Float64Array(n), gnew: new Float64Array(n), crvmin: 0, dsq: 0 },
    trw: trsboxWork(n),
    am: { xnew: new Float64Array(n), xalt: new Float64Array(n), alpha: 0, cauchy: 0 },
    amw: altMoveWork(n, npt),
    sw: shiftWork(n, npt, npt - n - 1),
    vlag: new Float64Array(npt + n),
    wcheck: new Float64Array(npt),
    hcol: new Float64Array(npt + n),
    work: new Float64Array(Math.max(n, npt)),
    dwork: new Float64Array(n),
    d: new Float64Array(n),
    xnew: new Float64Array(n),
    xabs: new Float64Array(n),
    xoWork: new Float64Array(npt),
    pick: { knew: -1, denom: 0, scaden: 0, biglsq: 0 },
  };
}

const ROUNDOFF: BobyqaOutcome = {
  status: 'failed',
  message: 'BOBYQA stopped: rounding errors spoiled the interpolation (much cancellation in a denominator).',
};

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
  const L: Loop = {
    st: prelim(ev, start, undefined, rhobeg, lower, upper),
    rho: rhobeg,
    delta: rhobeg,
    ntrits: 0,
    nfsav: ev.count,
    nresc: ev.count,
    diffa: 0,
    diffb: 0,
    diffc: 0,
    ratio: 1,
    itest: 0,
    dnorm: 0,
    knew: -1,
    distsqLimit: 0,
    action: 'tr',
    geometry: false,
    adelt: 0,
    beta: 0,
    denom: 0,
  };
  const W = work(n, npt);

  for (;;) {
    L.geometry = false;
    L.adelt = 0;
    if (L.action === 'tr') {
      if (!trustRegionStep(L, W, ev)) continue;
    } else if (L.action === 'far') {
      if (!geometryStep(L)) continue;
    } else {
      const done = reduceRho(L, W, ev, rhoend, lower, upper);
      if (done) return done;
      continue;
    }
    if (!denominators(L, W)) {
      // Our replacement for RESCUE, at most once per evaluation.
      if (ev.count <= L.nresc) return ROUNDOFF;
      L.st = rebuildAround(ev, L.st, L.rho, lower, upper);
      L.nresc = ev.count;
      L.nfsav = ev.count;
      L.action = 'tr';
      continue;
    }
    const done = evaluateStep(L, W, ev, lower, upper, ftolAbs);
    if (done) return done;
  }
}

/**
 * The trust-region step from xopt (into W.d, W.xnew); false when it is too short to be worth an
 * evaluation, and the next action improves the geometry or reduces rho instead.
 */
function trustRegionStep(L: Loop, W: Work, ev: Evaluator): boolean {
  const { tr } = W;
  trsbox(L.st, L.delta, tr, W.trw);
  W.d.set(tr.d);
  W.xnew.set(tr.xnew);
  L.dnorm = Math.min(L.delta, Math.sqrt(tr.dsq));
  if (L.dnorm < 0.5 * L.rho) {
    L.ntrits = -1;
    L.distsqLimit = (10 * L.rho) ** 2;
    L.action = ev.count <= L.nfsav + 2 ? 'far' : shortStepAction(L.st, tr, L.rho, Math.max(L.diffa, L.diffb, L.diffc));
    return false;
  }
  L.ntrits++;
  return true;
}

/** Picks the far point a geometry step replaces, and its step length; false when no point is far. */
function geometryStep(L: Loop): boolean {
  const kfar = farthestPoint(L.st, L.distsqLimit);
  if (kfar < 0) {
    if (L.ntrits === -1) L.action = 'reduce';
    else L.action = L.ratio > 0 || Math.max(L.delta, L.dnorm) > L.rho ? 'tr' : 'reduce';
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

/** Reduces rho towards rhoend; at rhoend the run has converged (the outcome), else null. */
function reduceRho(L: Loop, W: Work, ev: Evaluator, rhoend: number, lower: Float64Array, upper: Float64Array): BobyqaOutcome | null {
  if (L.rho > rhoend) {
    L.delta = 0.5 * L.rho;
    const r = L.rho / rhoend;
    L.rho = r <= 16 ? rhoend : r <= 250 ? Math.sqrt(r) * rhoend : 0.1 * L.rho;
    L.delta = Math.max(L.delta, L.rho);
    L.ntrits = 0;
    L.nfsav = ev.count;
    L.action = 'tr';
    return null;
  }
  // Finished; the last (short) trust-region step is tried if it has not been and budget allows.
  if (L.ntrits === -1 && ev.remaining > 0) {
    try {
      evaluateAt(ev, L.st, W.xnew, lower, upper, W.xabs);
    } catch (e) {
      if (!(e instanceof NonFiniteValue)) throw e;
    }
  }
  return { status: 'converged', message: 'BOBYQA converged: the trust-region radius reached rhoend.' };
}

/**
 * Shifts xbase when the step is small beside xopt, takes the geometry step, and computes the
 * update's denominator and the point to replace (L.knew, L.beta, L.denom); false when rounding
 * errors have spoiled the denominator.
 */
function denominators(L: Loop, W: Work): boolean {
  const { st } = L;
  const { d, xnew, vlag, wcheck, am, pick } = W;
  const n = st.n;
  // Keep xbase near xopt so the KKT quantities stay accurate.
  let xoptsq = 0;
  for (let i = 0; i < n; i++) xoptsq += st.xopt[i] ** 2;
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
    L.denom = vlag[L.knew] ** 2 + am.alpha * L.beta;
    if (L.denom < am.cauchy && am.cauchy > 0) {
      xnew.set(am.xalt);
      for (let i = 0; i < n; i++) d[i] = xnew[i] - st.xopt[i];
      L.beta = vlagBeta(st, d, vlag, wcheck);
      L.denom = vlag[L.knew] ** 2 + am.alpha * L.beta;
    }
    return L.denom > 0.5 * vlag[L.knew] ** 2;
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
 * updates H and the model, moves xopt to a better point, and chooses the next action; returns the
 * outcome when the decrease fell below ftolAbs, else null.
 */
function evaluateStep(L: Loop, W: Work, ev: Evaluator, lower: Float64Array, upper: Float64Array, ftolAbs: number): BobyqaOutcome | null {
  const { st } = L;
  const { d, xnew, vlag, pick } = W;
  const fx = evaluateAt(ev, st, xnew, lower, upper, W.xabs);
  const fopt = st.fval[st.kopt];
  const vquad = modelChange(st, d, W.work);
  const diff = fx - fopt - vquad;
  L.diffc = L.diffb;
  L.diffb = L.diffa;
  L.diffa = Math.abs(diff);
  if (L.dnorm > L.rho) L.nfsav = ev.count;

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
    if (fopt - fx < ftolAbs) return { status: 'converged', message: 'BOBYQA converged: the decrease in f fell below ftolAbs.' };
  }

  if (L.ntrits > 0) L.itest = maybeReplaceModel(st, L.ratio, L.itest, vlag, W.wcheck, W.xoWork);

  if (L.ntrits === 0 || fx <= fopt + 0.1 * vquad) {
    L.action = 'tr';
  } else {
    L.distsqLimit = Math.max((2 * L.delta) ** 2, (10 * L.rho) ** 2);
    L.action = 'far';
  }
  return null;
}

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
