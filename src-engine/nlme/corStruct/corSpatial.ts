/**
 * The spatial structures of nlme (corExp, corGaus, corLin, corRatio, corSpher): correlation
 * (1 − nugget)·h(d / range) between observations at Euclidean distance d > 0 of the same group.
 * nlme's unconstrained parameters: log(range) (corLin, corSpher: log(range − smallest distance)) and, with nugget = TRUE, log(nugget / (1 − nugget)).
 */
import { type CorStruct, expit, logit } from './corStruct';
import { orderStatistics } from './orderStatistics';

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
    for (let k = 0; k < coords.length; k++) s += (coords[k][i] - coords[k][j]) ** 2;
    return Math.sqrt(s);
  };
  // start the range at the mean distance within groups
  let pairs = 0;
  for (const m of members) pairs += (m.length * (m.length - 1)) / 2;
  const distances = new Float64Array(pairs);
  let at = 0;
  let minD = Infinity;
  let maxD = -Infinity;
  for (const m of members) {
    for (let a = 0; a < m.length; a++) {
      for (let b = a + 1; b < m.length; b++) {
        const d = (distances[at++] = dist(m[a], m[b]));
        if (d < minD) minD = d;
        if (d > maxD) maxD = d;
      }
    }
  }
  const positive = distances.filter((d) => d > 0);
  let sum = 0;
  for (let k = 0; k < positive.length; k++) sum += positive[k];
  const range0 = positive.length ? sum / positive.length : 1;
  // corLin and corSpher are flat in the range below the smallest distance and can stop on a local
  // optimum: the start is chosen among ranges spread over the observed distances (50 of them); the
  // smooth shapes only need a start of the right size (9: each candidate costs a likelihood evaluation)
  const flat = kind === 'corLin' || kind === 'corSpher';
  const steps = flat ? 24 : 8;
  const len = positive.length;
  const ranks = Array.from({ length: steps }, (_, k) => Math.min(len - 1, Math.floor((k / steps) * len))).concat([len - 1]);
  const grid = len ? orderStatistics(positive, ranks) : [];
  const ranges = grid.flatMap((d) => (flat ? [1.2 * d, 1.6 * d] : [1.4 * d]));
  // corLin and corSpher: nlme's parameter is log(range − minD), minD the smallest distance
  const offset = flat && pairs > 0 ? minD : 0;
  const toRange = (x: number) => offset + Math.exp(x);
  const fromRange = (r: number) => Math.log(Math.max(r - offset, 1e-8));
  const h = SHAPE[kind];
  // the distances within a pattern's rows, computed once (lowRankBlocks.ts fills C per evaluation); on
  // a grid (a field trial's plots) few distances are distinct, and h is then computed once per distance
  interface PairDistances {
    d: Float64Array;
    /** The distinct distances and each pair's index into them, when they are few. */
    distinct?: { values: Float64Array; index: Int32Array; h: Float64Array };
  }
  const pairDistances = new WeakMap<Int32Array, PairDistances>();
  const distancesOf = (rows: Int32Array) => {
    let pd = pairDistances.get(rows);
    if (!pd) {
      const len = rows.length;
      const d = new Float64Array(len * len);
      for (let a = 0; a < len; a++) for (let c = a + 1; c < len; c++) d[a * len + c] = dist(rows[a], rows[c]);
      pd = { d, distinct: distinctDistances(d, len) };
      pairDistances.set(rows, pd);
    }
    return pd;
  };
  return {
    className: kind,
    nPar: nugget ? 2 : 1,
    distance: dist,
    groupOf,
    members,
    coordinates: coords,
    formula,
    start: () => (nugget ? [fromRange(range0), logit(0.1)] : [fromRange(range0)]),
    starts: () => ranges.map((r) => (nugget ? [fromRange(r), logit(0.1)] : [fromRange(r)])),
    correlation(par) {
      const range = toRange(par[0]);
      const scale = nugget ? 1 - expit(par[1]) : 1;
      return (i, j) => scale * h(dist(i, j) / range);
    },
    fillCorrelation(par) {
      const range = toRange(par[0]);
      const scale = nugget ? 1 - expit(par[1]) : 1;
      return (rows, out, ld = rows.length) => {
        const { d, distinct } = distancesOf(rows);
        const len = rows.length;
        if (distinct) {
          const { values, index, h: hv } = distinct;
          for (let u = 0; u < values.length; u++) hv[u] = scale * h(values[u] / range);
          for (let a = 0; a < len; a++) for (let c = a + 1; c < len; c++) out[a * ld + c] = hv[index[a * len + c]];
          return;
        }
        for (let a = 0; a < len; a++) for (let c = a + 1; c < len; c++) out[a * ld + c] = scale * h(d[a * len + c] / range);
      };
    },
    modelVariogram(par, length = 50) {
      if (pairs === 0) return null;
      const range = toRange(par[0]);
      const nug = nugget ? expit(par[1]) : 0;
      const by = (maxD - minD) / (length - 1);
      const dist = Array.from({ length }, (_, k) => (k === length - 1 ? maxD : minD + k * by));
      return { dist, variog: dist.map((d) => nug + (1 - nug) * (1 - h(d / range))) };
    },
    unconstrain: ([range, nug]) => {
      if (!(range > offset) || (nugget && !(nug > 0 && nug < 1))) return null;
      return nugget ? [fromRange(range), logit(nug)] : [fromRange(range)];
    },
    printed: (par) => (nugget ? { names: ['range', 'nugget'], values: [toRange(par[0]), expit(par[1])] } : { names: ['range'], values: [toRange(par[0])] }),
  };
}

/** The distinct pair distances of a pattern (upper triangle of d) and each pair's index, if at most a quarter of the pairs. */
function distinctDistances(d: Float64Array, len: number): { values: Float64Array; index: Int32Array; h: Float64Array } | undefined {
  const pairs = (len * (len - 1)) / 2;
  if (pairs < 64) return undefined;
  const at = new Map<number, number>();
  const index = new Int32Array(len * len);
  for (let a = 0; a < len; a++) {
    for (let c = a + 1; c < len; c++) {
      const x = d[a * len + c];
      let u = at.get(x);
      if (u === undefined) {
        if (at.size >= pairs / 4) return undefined;
        at.set(x, (u = at.size));
      }
      index[a * len + c] = u;
    }
  }
  return { values: Float64Array.from(at.keys()), index, h: new Float64Array(at.size) };
}
