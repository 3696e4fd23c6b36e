/**
 * Fitting a reduced model on the same data for ranova/step: an LMM when random terms remain, else a
 * linear model (as lmerTest falls back to lm), with its (REML) log-likelihood as R's logLik.lm.
 */
import { type Table } from '../data/table';
import { buildDesign, type DesignOptions } from '../design/buildDesign';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { fitDesign, type LmmFit } from '../lmm/fitDesign';
import { weightedLeastSquares } from '../linalg/leastSquares';
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
  const ls = weightedLeastSquares(X, n, p, y, design.weights, design.offset);
  if (!ls) throw new QuadratError('model', 'The linear model could not be fitted (singular XᵀX).');
  let logDet = 0;
  for (let j = 0; j < p; j++) logDet += 2 * Math.log(ls.L[j * p + j]);
  return { design, reml, beta: ls.beta, rss: ls.rss, logDetXtWX: logDet };
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
