/**
 * A draw (a point of the unconstrained space) as brms reports it: b_Intercept (= Intercept −
 * means_X·b, brms's generated quantity), b_<coef>, sd_<group>__<coef>, cor_<group>__<a>__<b> (pairs in
 * brms's order: (1,2), (1,3), (2,3), …), sigma or shape, and r_<group>[<level>,<coef>] (coefficient-major).
 */
import { type BrmsModel } from './brmsModel';
import { brmsName } from './brmsNames';
import { CholeskyCorr } from './choleskyCorr';
import { constrain, POSITIVE, type Constrained } from './transform';

/** Whether a draw name is a group-level effect r_<group>[<level>,<coef>] (stored, not summarised). */
export function isGroupEffect(name: string): boolean {
  return name.startsWith('r_');
}

/** The names of drawValues()'s entries, in its order. */
export function drawNames(model: BrmsModel): string[] {
  const { data, family } = model;
  const out: string[] = [];
  if (data.hasIntercept) out.push('b_Intercept');
  for (const nm of data.bNames) out.push(`b_${brmsName(nm)}`);
  for (const t of data.terms) for (const c of t.coefNames) out.push(`sd_${t.group}__${brmsName(c)}`);
  data.terms.forEach((t) => {
    if (!t.cor || t.coefNames.length < 2) return;
    const cs = t.coefNames.map(brmsName);
    for (let k = 1; k < cs.length; k++) for (let j = 0; j < k; j++) out.push(`cor_${t.group}__${cs[j]}__${cs[k]}`);
  });
  if (family.dpar) out.push(family.dpar);
  for (const t of data.terms) for (const c of t.coefNames) for (const lv of t.levels) out.push(`r_${t.group}[${lv},${brmsName(c)}]`);
  return out;
}

/** The values of a draw q in drawNames()'s order (written into out when given). */
export function drawValues(model: BrmsModel, q: Float64Array, out?: Float64Array): Float64Array {
  const { data, priors } = model;
  const res = out ?? new Float64Array(drawNames(model).length);
  const c: Constrained = { x: 0, logJ: 0, dLogJ: 0, dx: 0 };
  let at = 0;
  const b = Float64Array.from({ length: model.Kc }, (_, k) => {
    constrain(priors.bBounds, q[k], c);
    return c.x;
  });
  if (data.hasIntercept) {
    constrain(priors.interceptBounds, q[model.interceptAt], c);
    let v = c.x;
    for (let k = 0; k < b.length; k++) v -= data.meansX[k] * b[k];
    res[at++] = v;
  }
  for (const v of b) res[at++] = v;
  const sds = model.terms.map((t) => Float64Array.from({ length: t.M }, (_, m) => Math.exp(q[t.sdAt + m])));
  for (const sd of sds) for (const v of sd) res[at++] = v;
  const Ls = model.terms.map((t) => {
    if (!t.chol) return undefined;
    const ch = new CholeskyCorr(t.M);
    ch.forward(q, t.LAt);
    return ch.L;
  });
  model.terms.forEach((t, k) => {
    const L = Ls[k];
    if (!L) return;
    const M = t.M;
    for (let kk = 1; kk < M; kk++) {
      for (let j = 0; j < kk; j++) {
        let s = 0;
        for (let m = 0; m <= j; m++) s += L[j * M + m] * L[kk * M + m];
        res[at++] = s;
      }
    }
  });
  if (model.dparAt >= 0) {
    constrain(POSITIVE, q[model.dparAt], c);
    res[at++] = c.x;
  }
  model.terms.forEach((t, k) => {
    const { M, N } = t;
    const sd = sds[k];
    const L = Ls[k];
    for (let m = 0; m < M; m++) {
      for (let j = 0; j < N; j++) {
        let w: number;
        if (L) {
          w = 0;
          for (let cc = 0; cc <= m; cc++) w += L[m * M + cc] * q[t.zAt + j * M + cc];
        } else w = q[t.zAt + m * N + j];
        res[at++] = sd[m] * w;
      }
    }
  });
  return res;
}
