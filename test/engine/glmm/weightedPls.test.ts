/**
 * The GLMM inner loop's fast paths against the straightforward computation they replace, on random
 * working weights and responses: in-place reweighted crossproducts against computeCrossproducts,
 * WeightedPls.solve against computeCrossproducts + Factorizer + solvePls (and against dense linear
 * algebra), the fused family kernels against family.ts/link.ts, and pirls() against the plain PIRLS
 * loop. The fast paths are meant to be bit-identical (same sums in the same order), so the tolerance
 * is 1e-12 relative and most comparisons are in fact exact.
 */
import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type ResponseFamily } from '../../../src-engine/design/glmResponse';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { type Table } from '../../../src-engine/data/table';
import { makeFamily, type Family, type GlmResponse } from '../../../src-engine/glmm/family';
import { familyKernel } from '../../../src-engine/glmm/familyKernel';
import { glmStart } from '../../../src-engine/glmm/glmStart';
import { linearPredictor, pirls, sumSquares, type PirlsResult } from '../../../src-engine/glmm/pirls';
import { glmResponse } from '../../../src-engine/glmm/response';
import { ReweightedCrossproducts } from '../../../src-engine/glmm/reweightedCrossproducts';
import { WeightedPls, type WeightedPlsSolution } from '../../../src-engine/glmm/weightedPls';
import { computeCrossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks, type ReBlock, templatesFromTheta } from '../../../src-engine/lmm/reBlocks';
import { solvePls } from '../../../src-engine/lmm/solve';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { loadCaseTable, subsetRows } from '../lmm/loadCase';

/** The plain reference the fused kernels are checked against: Σ devres at η through the family and link objects, filling mu (NaN when μ leaves the family's range). */
function devianceAt(family: Family, resp: GlmResponse, eta: Float64Array, mu: Float64Array): number {
  let s = 0;
  for (let i = 0; i < eta.length; i++) {
    if (!Number.isFinite(eta[i])) return NaN;
    const m = family.link.linkinv(eta[i]);
    if (!family.validMu(m)) return NaN;
    mu[i] = m;
    s += family.devResid(resp.y[i], m, resp.weights[i]);
  }
  return s;
}

/** Largest |a − b| / max(|b|, 1e-300) (0 when equal, ±0 included). */
function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Case {
  name: string;
  design: MixedDesign;
  family: Family;
}

function glmmCase(name: string, table: Table, formula: string, family: string, weights?: string): Case {
  const fam = makeFamily(family);
  const design = buildDesign(table, formula, { ...(weights ? { weights } : {}), family: fam.name as ResponseFamily });
  return { name, design, family: fam };
}

const cbpp = loadCaseTable({ data: 'cbpp.csv', factors: ['herd', 'period'], subset: null } as never);
const grouse = loadCaseTable({ data: 'grouseticks.csv', factors: ['INDEX', 'BROOD', 'YEAR', 'LOCATION'], subset: null } as never);
const verbAll = loadCaseTable({ data: 'VerbAgg.csv', factors: ['id', 'item', 'Gender', 'btype', 'situ', 'r2'], subset: null } as never);
// the first 40 respondents (24 items each: every level of id has the same pattern), and a ragged subset
const idCol = verbAll.columns.find((c) => c.name === 'id');
const idCodes = idCol && idCol.type === 'factor' ? idCol.codes : new Int32Array(0);
const verb = subsetRows(verbAll, Array.from({ length: verbAll.nrow }, (_, i) => i).filter((i) => idCodes[i] < 40));
const verbRagged = subsetRows(verbAll, Array.from({ length: verbAll.nrow }, (_, i) => i).filter((i) => idCodes[i] < 60 && (i * 7919) % 11 !== 0));

const CASES: Case[] = [
  glmmCase('cbpp: one scalar block, cbind response', cbpp, 'cbind(incidence, size - incidence) ~ period + (1 | herd)', 'binomial'),
  glmmCase('cbpp Poisson with an offset', cbpp, 'incidence ~ period + offset(log(size)) + (1 | herd)', 'poisson'),
  glmmCase('grouseticks: three scalar blocks, a diagonal head', grouse, 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)', 'poisson'),
  glmmCase('grouseticks nested', grouse, 'TICKS ~ YEAR + cHEIGHT + (1 | LOCATION/BROOD)', 'poisson'),
  glmmCase('VerbAgg crossed, every level the same pattern', verb, 'r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)', 'binomial'),
  glmmCase('VerbAgg ragged', verbRagged, 'r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)', 'binomial'),
  glmmCase('VerbAgg: a vector-valued rest block', verb, 'r2num ~ Anger + btype + (1 | id) + (1 + Anger | item)', 'binomial'),
  glmmCase('VerbAgg: a vector-valued block 0', verbRagged, 'r2num ~ btype + (1 + Anger | id) + (1 | item)', 'binomial'),
  glmmCase('cbpp: a vector-valued block 0 alone', cbpp, 'cbind(incidence, size - incidence) ~ period + (1 + size | herd)', 'binomial'),
];

/** Random positive working weights (a few exactly 0) and responses (a few exactly 0). */
function randomWz(n: number, seed: number): { W: Float64Array; z: Float64Array } {
  const r = seeded(seed);
  const W = Float64Array.from({ length: n }, () => (r() < 0.03 ? 0 : 0.05 + 3 * r()));
  const z = Float64Array.from({ length: n }, () => (r() < 0.05 ? 0 : 4 * r() - 2));
  return { W, z };
}

function randomTheta(blocks: readonly ReBlock[], nTheta: number, seed: number): Float64Array {
  const r = seeded(seed);
  const theta = new Float64Array(nTheta);
  for (const b of blocks) for (let k = 0; k < b.thetaIndex.length; k++) theta[b.thetaIndex[k]] = b.lambdaRows[k] === b.lambdaCols[k] ? 0.3 + 1.5 * r() : r() - 0.5;
  return theta;
}

/** The PLS design WeightedPls solves (no offset; without X when β is held fixed). */
function plsDesign(design: MixedDesign, withX: boolean): MixedDesign {
  return withX ? { ...design, offset: undefined } : { ...design, X: new Float64Array(0), p: 0, fixedNames: [], offset: undefined };
}

describe('ReweightedCrossproducts equals computeCrossproducts', () => {
  for (const c of CASES) {
    for (const withX of [false, true]) {
      it(`${c.name}${withX ? ' (with X)' : ''}`, () => {
        const base = plsDesign(c.design, withX);
        const { blocks } = buildReBlocks(c.design);
        const rcp = new ReweightedCrossproducts(base, blocks);
        for (const seed of [1, 2, 3]) {
          const { W, z } = randomWz(base.n, seed);
          rcp.update(W, z);
          const want = computeCrossproducts({ ...base, y: z, weights: W }, blocks);
          expect(Array.from(rcp.cp.patRows)).toEqual(Array.from(want.patRows));
          expect(maxRel(rcp.cp.A11, want.A11)).toBe(0);
          expect(maxRel(rcp.cp.A1rValues, want.A1rValues)).toBe(0);
          expect(maxRel(rcp.cp.Arr, want.Arr)).toBe(0);
          // restPattern holds every nonzero of A_rr's lower triangle
          const m = want.m;
          const inPattern = new Set(rcp.cp.restPattern);
          for (let j = 0; j < m; j++) for (let i = j; i < m; i++) if (want.Arr[j * m + i] !== 0) expect(inPattern.has(j * m + i)).toBe(true);
        }
      });
    }
  }
});

/** The straightforward solve: fresh crossproducts, a factorizer, solvePls (the LMM's solve). */
function referenceSolve(base: MixedDesign, blocks: readonly ReBlock[], theta: Float64Array, W: Float64Array, z: Float64Array) {
  const unit = computeCrossproducts({ ...base, y: new Float64Array(base.n).fill(1), weights: undefined }, blocks);
  const fz = new Factorizer(unit, blocks, true);
  const cp = computeCrossproducts({ ...base, y: z, weights: W }, blocks);
  unit.A11.set(cp.A11);
  unit.A1rValues.set(cp.A1rValues);
  unit.Arr.set(cp.Arr);
  const pls = solvePls({ ...base, y: z, weights: W }, unit, blocks, fz, theta);
  return { pls, parts: fz.parts() };
}

/**
 * Dense check: the full system [ΛᵀZᵀWZΛ + I, ΛᵀZᵀWX; ·, XᵀWX] from the design, solved by a plain
 * Cholesky: ũ, β̂, log|L_θ|², log|R_X|² and (R_XᵀR_X)⁻¹.
 */
function denseSolve(base: MixedDesign, blocks: readonly ReBlock[], theta: Float64Array, W: Float64Array, z: Float64Array) {
  const { n, p, X } = base;
  const T = templatesFromTheta(blocks, theta);
  const q = blocks.reduce((s, b) => s + b.nl * b.S, 0);
  const N = q + p;
  // columns of [ZΛ X]
  const cols: Float64Array[] = [];
  blocks.forEach((b, k) => {
    for (let l = 0; l < b.nl; l++)
      for (let c = 0; c < b.S; c++) {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          if (b.refs[i] !== l) continue;
          let s = 0;
          for (let r = 0; r < b.S; r++) s += b.z[i * b.S + r] * T[k][c * b.S + r];
          col[i] = s;
        }
        cols.push(col);
      }
  });
  for (let j = 0; j < p; j++) cols.push(X.slice(j * n, (j + 1) * n));
  const A = new Float64Array(N * N);
  const rhs = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    for (let i = 0; i < n; i++) rhs[a] += W[i] * cols[a][i] * z[i];
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += W[i] * cols[a][i] * cols[b][i];
      A[a * N + b] = A[b * N + a] = s + (a === b && a < q ? 1 : 0);
    }
  }
  // Cholesky A = L Lᵀ (row-major lower)
  const L = new Float64Array(N * N);
  for (let j = 0; j < N; j++) {
    let s = A[j * N + j];
    for (let k = 0; k < j; k++) s -= L[j * N + k] ** 2;
    L[j * N + j] = Math.sqrt(s);
    for (let i = j + 1; i < N; i++) {
      let t = A[i * N + j];
      for (let k = 0; k < j; k++) t -= L[i * N + k] * L[j * N + k];
      L[i * N + j] = t / L[j * N + j];
    }
  }
  const x = rhs.slice();
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < i; k++) x[i] -= L[i * N + k] * x[k];
    x[i] /= L[i * N + i];
  }
  for (let i = N - 1; i >= 0; i--) {
    for (let k = i + 1; k < N; k++) x[i] -= L[k * N + i] * x[k];
    x[i] /= L[i * N + i];
  }
  let ldL2 = 0;
  for (let j = 0; j < q; j++) ldL2 += 2 * Math.log(L[j * N + j]);
  let ldRX2 = 0;
  for (let j = q; j < N; j++) ldRX2 += 2 * Math.log(L[j * N + j]);
  // (R_XᵀR_X)⁻¹ is the X block of A⁻¹
  const vcov = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const e = new Float64Array(N);
    e[q + c] = 1;
    for (let i = 0; i < N; i++) {
      for (let k = 0; k < i; k++) e[i] -= L[i * N + k] * e[k];
      e[i] /= L[i * N + i];
    }
    for (let i = N - 1; i >= 0; i--) {
      for (let k = i + 1; k < N; k++) e[i] -= L[k * N + i] * e[k];
      e[i] /= L[i * N + i];
    }
    for (let r = 0; r < p; r++) vcov[c * p + r] = e[q + r];
  }
  const u = blocks.map((b, k) => {
    const o = blocks.slice(0, k).reduce((s, bb) => s + bb.nl * bb.S, 0);
    return x.slice(o, o + b.nl * b.S);
  });
  return { u, beta: x.slice(q), ldL2, ldRX2, vcov };
}

function expectSameSolution(got: WeightedPlsSolution, want: ReturnType<typeof referenceSolve>, tol: number): void {
  got.u.forEach((uk, k) => expect(maxRel(uk, want.pls.u[k])).toBeLessThanOrEqual(tol));
  expect(maxRel(got.beta, want.pls.beta)).toBeLessThanOrEqual(tol);
  expect(maxRel([got.ldL2, got.ldRX2], [want.parts.ldL2, want.parts.ldRX2])).toBeLessThanOrEqual(tol);
  expect(maxRel(got.unscaledVcov, want.pls.unscaledVcov)).toBeLessThanOrEqual(tol);
}

describe('WeightedPls.solve equals computeCrossproducts + solvePls', () => {
  for (const c of CASES) {
    for (const withX of [false, true]) {
      it(`${c.name}${withX ? ' (with X)' : ''}`, () => {
        const { blocks, theta: layout } = buildReBlocks(c.design);
        const base = plsDesign(c.design, withX);
        const wp = new WeightedPls(c.design, blocks, withX);
        for (const seed of [11, 12, 13]) {
          const { W, z } = randomWz(base.n, seed);
          for (let i = 0; i < base.n; i++) if (W[i] === 0) W[i] = 1e-3; // keep X's block positive definite
          const theta = randomTheta(blocks, layout.size, seed);
          const got = wp.solve(theta, z, W)!;
          expect(got).toBeDefined();
          const want = referenceSolve(base, blocks, theta, W, z);
          expectSameSolution(got, want, 1e-12);
          // the level rows (for conditional variances) of the latest solve
          want.pls.levelRows.forEach((B, l) => expect(maxRel(got.levelRows[l], B)).toBeLessThanOrEqual(1e-12));
          // and the whole against dense linear algebra
          const dense = denseSolve(base, blocks, theta, W, z);
          const scale = Math.max(1, ...dense.u.flatMap((x) => Array.from(x, Math.abs)));
          got.u.forEach((uk, k) => uk.forEach((v, i) => expect(Math.abs(v - dense.u[k][i]) / scale).toBeLessThan(1e-9)));
          got.beta.forEach((v, j) => expect(Math.abs(v - dense.beta[j]) / Math.max(1, Math.abs(dense.beta[j]))).toBeLessThan(1e-8));
          expect(Math.abs(got.ldL2 - dense.ldL2) / Math.max(1, Math.abs(dense.ldL2))).toBeLessThan(1e-10);
          expect(Math.abs(got.ldRX2 - dense.ldRX2) / Math.max(1, Math.abs(dense.ldRX2))).toBeLessThan(1e-10);
          got.unscaledVcov.forEach((v, k) => expect(Math.abs(v - dense.vcov[k]) / Math.max(1e-3, Math.abs(dense.vcov[k]))).toBeLessThan(1e-7));
        }
      });
    }
  }

  it('keeps each solution intact across later solves; the level rows only of the latest', () => {
    const c = CASES[2];
    const { blocks, theta: layout } = buildReBlocks(c.design);
    const wp = new WeightedPls(c.design, blocks, true);
    const { W, z } = randomWz(c.design.n, 5);
    for (let i = 0; i < W.length; i++) W[i] += 0.1;
    const theta = randomTheta(blocks, layout.size, 5);
    const first = wp.solve(theta, z, W)!;
    const kept = { u: first.u.map((x) => x.slice()), beta: first.beta.slice(), vcov: first.unscaledVcov.slice() };
    for (let k = 0; k < 5; k++) wp.solve(randomTheta(blocks, layout.size, 50 + k), randomWz(c.design.n, 50 + k).z, W);
    first.u.forEach((uk, k) => expect(maxRel(uk, kept.u[k])).toBe(0));
    expect(maxRel(first.beta, kept.beta)).toBe(0);
    expect(maxRel(first.unscaledVcov, kept.vcov)).toBe(0);
    expect(() => first.levelRows).toThrow(/superseded/);
  });
});

describe('family kernels equal family.ts and link.ts', () => {
  const etas = [-1000, -700, -31, -30.000000001, -30, -29.99999999, -12.5, -1, -1e-9, 0, 1e-9, 0.5, 3, 29.99999999, 30, 30.000000001, 31, 700, 710];
  for (const [family, link] of [['binomial', 'logit'], ['poisson', 'log'], ['binomial', 'probit'], ['poisson', 'sqrt']] as const) {
    it(`${family}/${link}`, () => {
      const fam = makeFamily(family, link);
      const n = etas.length * 3;
      const eta = Float64Array.from({ length: n }, (_, i) => etas[i % etas.length]);
      const y = Float64Array.from({ length: n }, (_, i) => (family === 'binomial' ? [0, 1, 0.3][Math.floor(i / etas.length)] : [0, 1, 7][Math.floor(i / etas.length)]));
      const weights = Float64Array.from({ length: n }, (_, i) => 1 + (i % 4));
      const resp: GlmResponse = { y, weights, n: new Float64Array(n).fill(1) };
      const k = familyKernel(fam, resp);
      // one observation at a time, so a value out of range gives NaN for that one only
      for (let i = 0; i < n; i++) {
        const e1 = eta.subarray(i, i + 1);
        const r1: GlmResponse = { y: y.subarray(i, i + 1), weights: weights.subarray(i, i + 1), n: resp.n.subarray(i, i + 1) };
        const mu = new Float64Array(1);
        const dmu = new Float64Array(1);
        const dev = familyKernel(fam, r1).deviance(e1, mu, dmu);
        const refMu = new Float64Array(1);
        const refDev = devianceAt(fam, r1, e1, refMu);
        expect(Object.is(dev, refDev) || dev === refDev, `deviance at η = ${eta[i]}`).toBe(true);
        if (!Number.isFinite(dev)) continue;
        expect(mu[0]).toBe(refMu[0]);
        const W = new Float64Array(1);
        const work = new Float64Array(1);
        familyKernel(fam, r1).working(e1, mu, dmu, W, work);
        const d = fam.link.muEta(eta[i]);
        expect(W[0]).toBe((weights[i] * d * d) / fam.variance(mu[0]));
        expect(work[0]).toBe((y[i] - mu[0]) / d);
      }
      // and the sum over many
      const keep = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(devianceAt(fam, { y: y.subarray(i, i + 1), weights: weights.subarray(i, i + 1), n: resp.n }, eta.subarray(i, i + 1), new Float64Array(1))));
      const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
      const r2: GlmResponse = { y: pick(y), weights: pick(weights), n: new Float64Array(keep.length).fill(1) };
      const e2 = pick(eta);
      expect(familyKernel(fam, r2).deviance(e2, new Float64Array(keep.length), new Float64Array(keep.length))).toBe(devianceAt(fam, r2, e2, new Float64Array(keep.length)));
      void k;
    });
  }
});

/** PIRLS as it was written first: plain loops over the Family and Link objects, fresh arrays each step. */
function referencePirls(design: MixedDesign, blocks: readonly ReBlock[], family: Family, resp: GlmResponse, solver: WeightedPls, theta: Float64Array, beta0: Float64Array, u0: readonly Float64Array[]) {
  const n = design.n;
  const T = templatesFromTheta(blocks, theta);
  const joint = solver.withX;
  let beta: Float64Array = beta0.slice();
  let u: Float64Array[] = u0.map((x) => x.slice());
  let eta: Float64Array = linearPredictor(design, blocks, T, beta, u, new Float64Array(n));
  const mu = new Float64Array(n);
  let dev = devianceAt(family, resp, eta, mu);
  if (!Number.isFinite(dev)) {
    u = u.map((x) => new Float64Array(x.length));
    eta = linearPredictor(design, blocks, T, beta, u, eta);
    dev = devianceAt(family, resp, eta, mu);
  }
  let pdev = dev + sumSquares(u);
  const z = new Float64Array(n);
  const W = new Float64Array(n);
  let last: WeightedPlsSolution | undefined;
  let it = 0;
  for (; it < 100; it++) {
    const fixed = linearPredictor(design, [], [], beta, [], new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const d = family.link.muEta(eta[i]);
      W[i] = (resp.weights[i] * d * d) / family.variance(mu[i]);
      z[i] = (joint ? eta[i] - (design.offset ? design.offset[i] : 0) : eta[i] - fixed[i]) + (resp.y[i] - mu[i]) / d;
    }
    const sol = solver.solve(theta, z, W)!;
    last = sol;
    // at the modes already: the full step moves (β, u) by at most 1e-13, so stop at the current point
    let full = 0;
    if (joint) for (let j = 0; j < beta.length; j++) full = Math.max(full, Math.abs(sol.beta[j] - beta[j]) / Math.max(1, Math.abs(beta[j])));
    u.forEach((uk, k) => uk.forEach((v, i) => (full = Math.max(full, Math.abs(sol.u[k][i] - v) / Math.max(1, Math.abs(v))))));
    if (full <= 1e-13) break;
    let step = 1;
    let accepted: { b: Float64Array; u: Float64Array[]; eta: Float64Array; mu: Float64Array; pd: number; d: number } | undefined;
    for (let h = 0; h <= 20; h++, step /= 2) {
      const cb = joint ? beta.map((b, j) => b + step * (sol.beta[j] - b)) : beta;
      const cu = u.map((uk, k) => uk.map((v, i) => v + step * (sol.u[k][i] - v)));
      const ce = linearPredictor(design, blocks, T, cb, cu, new Float64Array(n));
      const cm = new Float64Array(n);
      const d = devianceAt(family, resp, ce, cm);
      const pd = d + sumSquares(cu);
      if (Number.isFinite(pd) && pd <= pdev + 1e-10 * Math.abs(pdev)) {
        accepted = { b: cb, u: cu, eta: ce, mu: cm, pd, d };
        break;
      }
    }
    if (!accepted) break;
    let moved = 0;
    for (let j = 0; j < beta.length; j++) moved = Math.max(moved, Math.abs(accepted.b[j] - beta[j]) / Math.max(1, Math.abs(beta[j])));
    u.forEach((uk, k) => uk.forEach((v, i) => (moved = Math.max(moved, Math.abs(accepted!.u[k][i] - v) / Math.max(1, Math.abs(v))))));
    beta = accepted.b;
    u = accepted.u;
    eta = accepted.eta;
    mu.set(accepted.mu);
    pdev = accepted.pd;
    dev = accepted.d;
    if (moved <= 1e-13) break;
  }
  return { beta, u, eta, mu, devSum: dev, ldL2: last!.ldL2, iterations: it + 1 };
}

describe('pirls() equals the plain PIRLS loop', () => {
  const cases = [CASES[0], CASES[1], CASES[2], CASES[4], CASES[6], CASES[7]];
  for (const c of cases) {
    for (const withX of [false, true]) {
      it(`${c.name}${withX ? ' (β too)' : ''}`, () => {
        const { blocks, theta: layout } = buildReBlocks(c.design);
        const resp = glmResponse(c.design);
        const beta0 = glmStart(c.design, c.family, resp);
        const fast = new WeightedPls(c.design, blocks, withX);
        const plain = new WeightedPls(c.design, blocks, withX);
        let u0: Float64Array[] = blocks.map((b) => new Float64Array(b.nl * b.S));
        for (const seed of [21, 22, 23]) {
          const theta = randomTheta(blocks, layout.size, seed);
          const got = pirls({ design: c.design, blocks, family: c.family, resp, solver: fast }, theta, beta0, u0) as PirlsResult;
          const want = referencePirls(c.design, blocks, c.family, resp, plain, theta, beta0, u0);
          expect(got.iterations).toBe(want.iterations);
          expect(maxRel(got.beta, want.beta)).toBe(0);
          got.u.forEach((uk, k) => expect(maxRel(uk, want.u[k])).toBe(0));
          expect(maxRel(got.eta, want.eta)).toBe(0);
          expect(maxRel(got.mu, want.mu)).toBe(0);
          expect(maxRel([got.devSum, got.pls.ldL2], [want.devSum, want.ldL2])).toBe(0);
          u0 = got.u; // the next θ starts warm, as in a fit
        }
      });
    }
  }
});
