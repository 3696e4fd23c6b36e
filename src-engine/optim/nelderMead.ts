import { BudgetExhausted, type Evaluator } from './evaluator';
import { type MinimizeStatus } from './types';

export interface NelderMeadSettings {
  /** Edge length of the initial simplex. */
  step: number;
  /** Stop when every vertex is within this distance (max-norm) of the best one. */
  xtol: number;
  /** Stop when the spread of f over the simplex is at most this. */
  ftolAbs: number;
}

/**
 * Nelder–Mead simplex search in a box, the fallback optimizer (as lme4's Nelder_Mead, itself an
 * adaptation of NLopt's): standard reflection (1), expansion (2), contraction (½) and shrink (½)
 * coefficients; trial points outside the box are moved onto it, and an initial vertex that
 * would leave the box is placed on the other side of x0. Non-finite values count as +∞, so the
 * search simply backs away from where the objective is undefined. Converged searches are
 * restarted from the best point (at most 10 times) while that still lowers f by more than ftolAbs.
 */
export function runNelderMead(
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  settings: NelderMeadSettings,
  ev: Evaluator,
): { status: MinimizeStatus; message: string } {
  // A simplex can collapse onto a face of the box (or onto itself) away from the minimum, so a
  // converged search is restarted from its best point until a restart no longer improves f.
  const start = Float64Array.from(x0);
  let message = '';
  try {
    let previous = Infinity;
    for (let restart = 0; restart <= MAX_RESTARTS; restart++) {
      message = simplexSearch(start, lower, upper, settings, ev);
      start.set(ev.bestX);
      if (!(previous - ev.bestF > settings.ftolAbs)) break;
      previous = ev.bestF;
    }
  } catch (e) {
    if (e instanceof BudgetExhausted) return { status: 'max-evaluations', message: e.message };
    throw e;
  }
  return { status: 'converged', message };
}

const MAX_RESTARTS = 10;

function simplexSearch(
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  { step, xtol, ftolAbs }: NelderMeadSettings,
  ev: Evaluator,
): string {
  const n = x0.length;
  const m = n + 1;
  const pts = Array.from({ length: m }, () => Float64Array.from(x0));
  const fv = new Float64Array(m);
  const value = (x: Float64Array) => {
    const f = ev.eval(x);
    return Number.isNaN(f) ? Infinity : f;
  };
  const clampInto = (x: Float64Array) => {
    for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
    return x;
  };
  const accept = (k: number, x: Float64Array, f: number) => {
    pts[k].set(x);
    fv[k] = f;
  };
  fv[0] = value(pts[0]);
  for (let i = 0; i < n; i++) {
    const p = pts[i + 1];
    const up = Math.min(step, upper[i] - x0[i]);
    const down = Math.min(step, x0[i] - lower[i]);
    p[i] = x0[i] + (up >= down ? up : -down);
    fv[i + 1] = value(p);
  }
  const order = Array.from({ length: m }, (_, i) => i);
  const c = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  for (;;) {
    order.sort((a, b) => fv[a] - fv[b] || a - b);
    const best = order[0];
    const worst = order[n];
    const second = order[n - 1];
    let size = 0;
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(pts[k][i] - pts[best][i]));
    }
    if (size <= xtol) return 'Nelder–Mead converged: the simplex shrank below the x tolerance.';
    if (fv[worst] - fv[best] <= ftolAbs && Number.isFinite(fv[worst])) {
      return 'Nelder–Mead converged: the spread of f fell below ftolAbs.';
    }
    c.fill(0);
    for (const k of order.slice(0, n)) for (let i = 0; i < n; i++) c[i] += pts[k][i] / n;
    const along = (out: Float64Array, t: number) => {
      for (let i = 0; i < n; i++) out[i] = c[i] + t * (pts[worst][i] - c[i]);
      return clampInto(out);
    };
    const fr = value(along(xr, -1));
    if (fr < fv[best]) {
      const fe = value(along(xe, -2));
      if (fe < fr) accept(worst, xe, fe);
      else accept(worst, xr, fr);
    } else if (fr < fv[second]) {
      accept(worst, xr, fr);
    } else {
      const outside = fr < fv[worst];
      const fc = value(along(xc, outside ? -0.5 : 0.5));
      if (outside ? fc <= fr : fc < fv[worst]) {
        accept(worst, xc, fc);
      } else {
        for (const k of order.slice(1)) {
          for (let i = 0; i < n; i++) pts[k][i] = pts[best][i] + 0.5 * (pts[k][i] - pts[best][i]);
          fv[k] = value(pts[k]);
        }
      }
    }
  }
}
