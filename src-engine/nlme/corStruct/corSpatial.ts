/**
 * The spatial structures of nlme (corExp, corGaus, corLin, corRatio, corSpher): correlation
 * (1 − nugget)·h(d / range) between observations at Euclidean distance d > 0 of the same group.
 * nlme's unconstrained parameters: log(range) and, with nugget = TRUE, log(nugget / (1 − nugget)).
 */
import { type CorStruct, expit, logit } from './corStruct';

export type SpatialKind = 'corExp' | 'corGaus' | 'corLin' | 'corRatio' | 'corSpher';

const SHAPE: Record<SpatialKind, (u: number) => number> = {
  corExp: (u) => Math.exp(-u),
  corGaus: (u) => Math.exp(-u * u),
  corLin: (u) => (u < 1 ? 1 - u : 0),
  corRatio: (u) => 1 / (1 + u * u),
  corSpher: (u) => (u < 1 ? 1 - 1.5 * u + 0.5 * u * u * u : 0),
};

export function corSpatial(kind: SpatialKind, groupOf: Int32Array, members: number[][], coords: readonly Float64Array[], nugget: boolean, formula: string): CorStruct {
  const dist = (i: number, j: number) => {
    let s = 0;
    for (const c of coords) s += (c[i] - c[j]) ** 2;
    return Math.sqrt(s);
  };
  // start the range at the mean distance within groups
  let total = 0;
  let count = 0;
  for (const m of members) {
    for (let a = 0; a < m.length; a++) {
      for (let b = a + 1; b < m.length; b++) {
        total += dist(m[a], m[b]);
        count++;
      }
    }
  }
  const range0 = count > 0 && total > 0 ? total / count : 1;
  const h = SHAPE[kind];
  return {
    className: kind,
    nPar: nugget ? 2 : 1,
    groupOf,
    members,
    formula,
    start: () => (nugget ? [Math.log(range0), logit(0.1)] : [Math.log(range0)]),
    correlation(par) {
      const range = Math.exp(par[0]);
      const scale = nugget ? 1 - expit(par[1]) : 1;
      return (i, j) => scale * h(dist(i, j) / range);
    },
    printed: (par) => (nugget ? { names: ['range', 'nugget'], values: [Math.exp(par[0]), expit(par[1])] } : { names: ['range'], values: [Math.exp(par[0])] }),
  };
}
