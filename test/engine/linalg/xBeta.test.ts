/** out ± Xβ (linalg/xBeta.ts): the JS loops' bits, whether the kernel or the JS forms them. */
import { afterEach, describe, expect, it } from 'vitest';
import { setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';
import { scratchRegions } from '../../../src-engine/linalg/wasmCholesky';
import { addXBeta } from '../../../src-engine/linalg/xBeta';

let seed = 11;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;

/** A design-like X: an intercept, indicator columns, a covariate with large values, exact zeros and −0. */
function matrix(n: number, p: number): Float64Array {
  const X = new Float64Array(n * p);
  for (let j = 0; j < p; j++)
    for (let i = 0; i < n; i++) X[j * n + i] = j === 0 ? 1 : j % 3 === 1 ? (rand() > 0 ? 1 : 0) : j % 3 === 2 ? rand() * 1e4 : rand() > 0.5 ? -0 : rand();
  return X;
}

/** The loops the callers ran before the kernel existed: row-wise sums (fitted values), column-wise subtraction (residuals). */
function reference(X: Float64Array, n: number, p: number, beta: Float64Array, start: Float64Array, subtract: boolean): Float64Array {
  const out = start.slice();
  if (subtract) for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) out[i] -= X[j * n + i] * beta[j];
  else
    for (let i = 0; i < n; i++) {
      let s = out[i];
      for (let j = 0; j < p; j++) s += X[j * n + i] * beta[j];
      out[i] = s;
    }
  return out;
}

function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return k;
  return -1;
}

const sizes = [
  [648, 16],
  [108, 4],
  [4097, 1],
  [5, 3],
  [1, 9],
];

describe('addXBeta', () => {
  afterEach(() => setCholeskyBackend('auto'));

  it('the kernel’s xBeta gives the JS loops’ bits, adding and subtracting', () => {
    for (const [n, p] of sizes) {
      const X = matrix(n, p);
      const beta = Float64Array.from({ length: p }, () => rand() * 100);
      const start = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : rand() * 1e3));
      for (const subtract of [false, true]) {
        const s = scratchRegions({ X: { type: 'f64', from: X }, beta: { type: 'f64', from: beta }, out: { type: 'f64', from: start } });
        expect(s, 'wasm available').toBeDefined();
        s!.kernel.xBeta(n, p, s!.at.X, s!.at.beta, s!.at.out, subtract ? 1 : 0);
        const viaKernel = new Float64Array(s!.kernel.buffer, s!.at.out, n).slice();
        expect(firstDifference(viaKernel, reference(X, n, p, beta, start, subtract)), `n ${n}, p ${p}, subtract ${subtract}`).toBe(-1);
      }
    }
  });

  it('gives the same bits with the kernel and with the JS backend, above and below the kernel’s threshold', () => {
    for (const [n, p] of sizes) {
      const X = matrix(n, p);
      const beta = Float64Array.from({ length: p }, () => rand());
      const start = Float64Array.from({ length: n }, () => rand());
      for (const subtract of [false, true]) {
        const auto = start.slice();
        addXBeta(X, n, p, beta, auto, subtract);
        setCholeskyBackend('js');
        const js = start.slice();
        addXBeta(X, n, p, beta, js, subtract);
        setCholeskyBackend('auto');
        const expected = reference(X, n, p, beta, start, subtract);
        expect(firstDifference(auto, expected), `auto: n ${n}, p ${p}, subtract ${subtract}`).toBe(-1);
        expect(firstDifference(js, expected), `js: n ${n}, p ${p}, subtract ${subtract}`).toBe(-1);
      }
    }
  });

  it('reads only the first n·p numbers of X (a longer buffer, as a design’s)', () => {
    const n = 700;
    const p = 7;
    const X = matrix(n, p + 2);
    const beta = Float64Array.from({ length: p }, () => rand());
    const out = new Float64Array(n);
    addXBeta(X, n, p, beta, out);
    expect(firstDifference(out, reference(X.subarray(0, n * p), n, p, beta, new Float64Array(n), false))).toBe(-1);
  });
});
