/**
 * Fitting a reduced model on the same data for ranova/step: an LMM when random terms remain, else a
 * linear model (as lmerTest falls back to lm), with its (REML) log-likelihood as R's logLik.lm.
 */
import { type Table } from '../data/table';
import { buildDesign, type DesignOptions } from '../design/buildDesign';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { fitDesign, type LmmFit } from '../lmm/fitDesign';
import { choleskyLowerInPlace } from '../linalg/denseCholesky';
import { throwIfCancelled } from '../optim/evaluator';

export interface LmFit {
  readonly design: MixedDesign;
  readonly reml: boolean;
  readonly beta: Float64Array;
  readonly rss: number;
  /** log|XᵀWX| */
  readonly logDetXtWX: number;
}

export type AnyFit = { kind: 'lmm'; fit: LmmFit; formula: string } | { kind: 'lm'; fit: LmFit; formula: string };

export function fitLm(design: MixedDesign, reml: boolean): LmFit {
  const { n, p, X, y } = design;
  const w = design.weights;
  const off = design.offset;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * X[j * n + i] * X[k * n + i];
      A[k * p + j] = A[j * p + k] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * X[j * n + i] * (y[i] - (off ? off[i] : 0));
    b[j] = s;
  }
  const L = A.slice();
  if (p > 0 && choleskyLowerInPlace(L, p) !== 0) throw new QuadratError('model', 'The linear model could not be fitted (singular XᵀX).');
  // solve L Lᵀ β = b
  const beta = b.slice();
  for (let j = 0; j < p; j++) {
    beta[j] /= L[j * p + j];
    for (let i = j + 1; i < p; i++) beta[i] -= L[j * p + i] * beta[j];
  }
  for (let j = p - 1; j >= 0; j--) {
    for (let i = j + 1; i < p; i++) beta[j] -= L[j * p + i] * beta[i];
    beta[j] /= L[j * p + j];
  }
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let mu = off ? off[i] : 0;
    for (let j = 0; j < p; j++) mu += X[j * n + i] * beta[j];
    rss += (w ? w[i] : 1) * (y[i] - mu) ** 2;
  }
  let logDet = 0;
  for (let j = 0; j < p; j++) logDet += 2 * Math.log(L[j * p + j]);
  return { design, reml, beta, rss, logDetXtWX: logDet };
}

/** R's logLik.lm(object, REML). */
export function lmLogLik(fit: LmFit, reml = fit.reml): number {
  const { n, p, weights } = fit.design;
  const N = reml ? n - p : n;
  let sumLogW = 0;
  if (weights) for (let i = 0; i < n; i++) sumLogW += Math.log(weights[i]);
  let val = 0.5 * (sumLogW - N * (Math.log(2 * Math.PI) + 1 - Math.log(N) + Math.log(fit.rss)));
  if (reml) val -= fit.logDetXtWX / 2;
  return val;
}

/** For procedures that refit many models (ranova, step): cancellation, and a call after each model. */
export interface RefitControl {
  /** Checked by each LMM fit's optimizer; when aborted the refit throws QuadratError('cancelled'). */
  readonly signal?: { readonly aborted: boolean };
  /** Called after each model is fitted: how many so far, and how many in all when that is known. */
  readonly onFitted?: (fitted: number, total: number | null) => void;
}

/** The models one procedure fits, counted for its progress and stopped when it is cancelled. */
export class Refits {
  fitted = 0;
  /** Models in all, when the procedure knows it in advance (ranova does, step does not). */
  total: number | null = null;
  constructor(private readonly control: RefitControl = {}) {}

  fit(table: Table, formula: string, reml: boolean, options: DesignOptions): AnyFit {
    throwIfCancelled(this.control.signal);
    const fit = fitFormula(table, formula, reml, options, this.control.signal);
    this.control.onFitted?.(++this.fitted, this.total);
    return fit;
  }
}

function fitFormula(table: Table, formula: string, reml: boolean, options: DesignOptions, signal?: RefitControl['signal']): AnyFit {
  const design = buildDesign(table, formula, options);
  if (design.reterms.length === 0) return { kind: 'lm', fit: fitLm(design, reml), formula };
  return { kind: 'lmm', fit: fitDesign(design, reml, { signal }), formula };
}

/** logLik as lmerTest's get_logLik uses it: the fit's own criterion (REML or ML). */
export function logLikOf(f: AnyFit): { logLik: number; npar: number; n: number; rows: Int32Array } {
  if (f.kind === 'lm') {
    const d = f.fit.design;
    return { logLik: lmLogLik(f.fit), npar: d.p + 1, n: d.n, rows: d.rows };
  }
  const d = f.fit.model.design;
  return { logLik: -f.fit.objective / 2, npar: d.p + f.fit.theta.length + 1, n: d.n, rows: d.rows };
}
