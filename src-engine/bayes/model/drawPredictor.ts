/**
 * The linear predictor of one stored draw, as brms's posterior_linpred(re_formula = NULL): from the
 * draw as brms names it (b_Intercept, b_<coef>, r_<group>[<level>,<coef>], sigma or shape),
 * η = b_Intercept + offset + X b + Σ r Z with the uncentred intercept (which equals brms's centred one).
 * Shared by the pointwise log-likelihood (LOO) and the posterior predictive draws (pp_check).
 */
import { QuadratError } from '../../errors/quadratError';
import { type BrmsModel } from './brmsModel';
import { brmsName } from './brmsNames';

/** Where each quantity η and the likelihood need sits in a draw of `names`. */
export interface DrawLayout {
  intercept: number;
  b: number[];
  /** Per term, per coefficient, per level: the index of r_<group>[<level>,<coef>]. */
  r: number[][][];
  /** sigma or shape, or −1. */
  dpar: number;
}

export function drawLayout(model: BrmsModel, names: readonly string[]): DrawLayout {
  const at = new Map(names.map((n, i) => [n, i]));
  const need = (n: string): number => {
    const i = at.get(n);
    if (i === undefined) {
      const why = n.startsWith('r_') ? ' It was stored without its group-level effects (by an earlier Quadrat); fit the model again.' : '';
      throw new QuadratError('input', `The draws have no "${n}", which this needs.${why}`);
    }
    return i;
  };
  const { data, family } = model;
  return {
    intercept: data.hasIntercept ? need('b_Intercept') : -1,
    b: data.bNames.map((nm) => need(`b_${brmsName(nm)}`)),
    r: data.terms.map((t) => t.coefNames.map((c) => t.levels.map((lv) => need(`r_${t.group}[${lv},${brmsName(c)}]`)))),
    dpar: family.dpar ? need(family.dpar) : -1,
  };
}

/** η of every observation at draw d, into eta. */
export function drawLinearPredictor(model: BrmsModel, L: DrawLayout, d: ArrayLike<number>, eta: Float64Array): Float64Array {
  const { n, Xc, meansX, offset, terms } = model.data;
  const b0 = L.intercept >= 0 ? d[L.intercept] : 0;
  for (let i = 0; i < n; i++) eta[i] = b0 + (offset ? offset[i] : 0);
  L.b.forEach((j, k) => {
    const bk = d[j];
    const base = k * n;
    for (let i = 0; i < n; i++) eta[i] += (Xc[base + i] + meansX[k]) * bk;
  });
  terms.forEach((t, k) => {
    const M = t.coefNames.length;
    const idx = L.r[k];
    for (let i = 0; i < n; i++) {
      const lv = t.refs[i];
      for (let m = 0; m < M; m++) eta[i] += d[idx[m][lv]] * t.Z[i * M + m];
    }
  });
  return eta;
}
