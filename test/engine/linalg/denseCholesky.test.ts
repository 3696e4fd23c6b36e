import { afterEach, describe, expect, it } from 'vitest';
import { choleskyLowerJs } from '../../../src-engine/linalg/choleskyJs';
import { CholeskyWorkspace } from '../../../src-engine/linalg/choleskyWorkspace';
import {
  backSolveLowerTranspose,
  choleskyLowerInPlace,
  forwardSolveLower,
  setCholeskyBackend,
  WASM_MIN_ORDER,
} from '../../../src-engine/linalg/denseCholesky';
import { choleskyLowerWasm } from '../../../src-engine/linalg/wasmCholesky';

/** A reproducible symmetric positive-definite matrix (random symmetric part + dominant diagonal), column-major. */
function spd(m: number, seed = 1): Float64Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  const A = new Float64Array(m * m);
  for (let j = 0; j < m; j++)
    for (let i = j; i < m; i++) {
      const v = rand();
      A[j * m + i] = v;
      A[i * m + j] = v;
    }
  for (let i = 0; i < m; i++) A[i * m + i] = 1 + m / 4 + Math.abs(A[i * m + i]);
  return A;
}

/** Textbook unblocked Cholesky (dot-product form): the reference. */
function naiveCholesky(A: Float64Array, m: number): { L: Float64Array; info: number } {
  const L = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let d = A[j * m + j];
    for (let k = 0; k < j; k++) d -= L[k * m + j] ** 2;
    if (!(d > 0)) return { L, info: j + 1 };
    const ljj = Math.sqrt(d);
    L[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let t = A[j * m + i];
      for (let k = 0; k < j; k++) t -= L[k * m + i] * L[k * m + j];
      L[j * m + i] = t / ljj;
    }
  }
  return { L, info: 0 };
}

/** max |L − Lref| over the lower triangle, relative to max |Lref|. */
function relErr(L: Float64Array, ref: Float64Array, m: number, offset = 0, ld = m): number {
  let err = 0;
  let scale = 0;
  for (let j = 0; j < m; j++)
    for (let i = j; i < m; i++) {
      err = Math.max(err, Math.abs(L[offset + j * ld + i] - ref[j * m + i]));
      scale = Math.max(scale, Math.abs(ref[j * m + i]));
    }
  return err / scale;
}

type Kernel = (A: Float64Array, m: number, offset?: number, ld?: number) => number;
const kernels: [string, Kernel][] = [
  ['choleskyLowerInPlace', choleskyLowerInPlace],
  ['JS kernel', choleskyLowerJs],
  ['wasm kernel', (A, m, offset, ld) => choleskyLowerWasm(A, m, offset, ld) ?? Number.NaN],
  [
    'choleskyLowerInPlace, JS forced',
    (A, m, offset, ld) => {
      setCholeskyBackend('js');
      return choleskyLowerInPlace(A, m, offset, ld);
    },
  ],
];

// every order up to 80 (odd sizes, the JS panel 48, the wasm inner/outer panels 16/64, micro-tile 4),
// then around the later block boundaries
const orders = [...Array.from({ length: 80 }, (_, i) => i + 1), 95, 96, 97, 127, 128, 129, 130, 191, 192, 193, 255, 256, 257, 299, 300];

afterEach(() => setCholeskyBackend('auto'));

describe('WebAssembly kernel', () => {
  it('is available in Node (SIMD128)', () => {
    expect(choleskyLowerWasm(new Float64Array([4]), 1)).toBe(0);
    expect(new CholeskyWorkspace(WASM_MIN_ORDER).usesWasm).toBe(true);
  });
});

describe.each(kernels)('%s', (_name, chol) => {
  it('matches the unblocked reference for orders 1..300', () => {
    for (const m of orders) {
      const A = spd(m, m);
      const ref = naiveCholesky(A, m);
      const L = A.slice();
      expect(chol(L, m), `m = ${m}`).toBe(0);
      expect(relErr(L, ref.L, m), `m = ${m}`).toBeLessThan(1e-13);
      // strict upper triangle untouched
      for (let j = 1; j < m; j++) for (let i = 0; i < j; i++) if (L[j * m + i] !== A[j * m + i]) throw new Error(`upper (${i},${j}) changed, m = ${m}`);
    }
  });

  it('factors a submatrix given offset and leading dimension, touching nothing else', () => {
    for (const [m, ld, offset] of [
      [5, 7, 3],
      [70, 75, 11],
      [131, 133, 2 * 133 + 1],
    ]) {
      const A = spd(m, 3 * m);
      const ref = naiveCholesky(A, m);
      const big = Float64Array.from({ length: offset + ld * m + 5 }, (_, k) => -1000 - k);
      for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) big[offset + j * ld + i] = A[j * m + i];
      const before = big.slice();
      expect(chol(big, m, offset, ld)).toBe(0);
      expect(relErr(big, ref.L, m, offset, ld)).toBeLessThan(1e-13);
      for (let k = 0; k < big.length; k++) {
        const r = k - offset;
        const j = Math.floor(r / ld);
        const i = r - j * ld;
        const inLower = r >= 0 && j < m && i < m && i >= j;
        if (!inLower && big[k] !== before[k]) throw new Error(`element ${k} outside the lower triangle changed (m = ${m})`);
      }
    }
  });

  it('reports the first non-positive pivot as LAPACK info', () => {
    // make pivot k exactly −1: A[k,k] = Σ_{j<k} L[k,j]² − 1
    for (const [m, k] of [
      [1, 0],
      [2, 1],
      [30, 0],
      [30, 29],
      [100, 47],
      [100, 48],
      [200, 63],
      [200, 64],
      [200, 150],
      [300, 299],
    ]) {
      const A = spd(m, m + k);
      const { L } = naiveCholesky(A, m);
      let s = 0;
      for (let j = 0; j < k; j++) s += L[j * m + k] ** 2;
      A[k * m + k] = s - 1;
      expect(naiveCholesky(A, m).info).toBe(k + 1);
      expect(chol(A.slice(), m), `m = ${m}, k = ${k}`).toBe(k + 1);
    }
    expect(chol(new Float64Array([1, 2, 2, 1]), 2)).toBe(2);
    expect(chol(new Float64Array([0]), 1)).toBe(1);
    const nan = spd(60, 9);
    nan[40 * 60 + 40] = Number.NaN;
    expect(chol(nan, 60)).toBe(41);
  });
});

describe('CholeskyWorkspace', () => {
  it('factors in its own memory like choleskyLowerInPlace', () => {
    for (const m of [3, WASM_MIN_ORDER, 65, 300]) {
      const A = spd(m, 5);
      const ws = new CholeskyWorkspace(m);
      expect(ws.usesWasm).toBe(m >= WASM_MIN_ORDER);
      ws.A.set(A);
      expect(ws.factor()).toBe(0);
      expect(relErr(ws.A, naiveCholesky(A, m).L, m)).toBeLessThan(1e-13);
      // refill and factor again (the per-evaluation pattern); a singular matrix reports info
      ws.A.set(A);
      ws.A[(m - 1) * m + (m - 1)] = -1;
      expect(ws.factor()).toBe(m);
    }
  });

  it('runs the JS kernel when forced', () => {
    const m = 40;
    const A = spd(m, 8);
    const ws = new CholeskyWorkspace(m);
    setCholeskyBackend('js');
    expect(ws.usesWasm).toBe(false);
    ws.A.set(A);
    expect(ws.factor()).toBe(0);
    expect(relErr(ws.A, naiveCholesky(A, m).L, m)).toBeLessThan(1e-13);
  });
});

describe('triangular solves', () => {
  it('solve with the factor and its transpose', () => {
    const m = 20;
    const A = spd(m, 7);
    const L = A.slice();
    choleskyLowerInPlace(L, m);
    const x = Float64Array.from({ length: m }, (_, i) => i - 3.5);
    const b = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) b[i] += A[j * m + i] * x[j];
    forwardSolveLower(L, m, b);
    backSolveLowerTranspose(L, m, b);
    for (let i = 0; i < m; i++) expect(b[i]).toBeCloseTo(x[i], 9);
  });
});
