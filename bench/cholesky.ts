/**
 * Dense Cholesky benchmark: GFLOP/s (m³/3 flops per factorization) of the kernels behind
 * choleskyLowerInPlace. Run:  npx tsx bench/cholesky.ts [m ...]   (default 200 500 1159 2000)
 * Times are CPU time (process.cpuUsage), best of several runs, so other load on the machine
 * distorts them less than wall-clock time would.
 */
import { choleskyLowerJs } from '../src-engine/linalg/choleskyJs';
import { CholeskyWorkspace } from '../src-engine/linalg/choleskyWorkspace';
import { choleskyLowerWasm } from '../src-engine/linalg/wasmCholesky';

/** The kernel as it was before the WebAssembly work (blocked JS, axpy updates), for the speedup column. */
function previousKernel(A: Float64Array, m: number): number {
  const nb = 48;
  for (let j0 = 0; j0 < m; j0 += nb) {
    const j1 = Math.min(j0 + nb, m);
    for (let j = j0; j < j1; j++) {
      const cj = j * m;
      const d = A[cj + j];
      if (!(d > 0)) return j + 1;
      const ljj = Math.sqrt(d);
      A[cj + j] = ljj;
      const inv = 1 / ljj;
      for (let i = j + 1; i < m; i++) A[cj + i] *= inv;
      for (let k = j + 1; k < j1; k++) {
        const ck = k * m;
        const lkj = A[cj + k];
        if (lkj === 0) continue;
        for (let i = k; i < m; i++) A[ck + i] -= lkj * A[cj + i];
      }
    }
    for (let k = j1; k < m; k++) {
      const ck = k * m;
      let j = j0;
      for (; j + 1 < j1; j += 2) {
        const ca = j * m;
        const cb = ca + m;
        const a = A[ca + k];
        const b = A[cb + k];
        if (a === 0 && b === 0) continue;
        for (let i = k; i < m; i++) A[ck + i] -= a * A[ca + i] + b * A[cb + i];
      }
      if (j < j1) {
        const ca = j * m;
        const a = A[ca + k];
        if (a !== 0) for (let i = k; i < m; i++) A[ck + i] -= a * A[ca + i];
      }
    }
  }
  return 0;
}

/** Symmetric, strictly diagonally dominant (hence SPD), reproducible. */
function testMatrix(m: number): Float64Array {
  const A = new Float64Array(m * m);
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  for (let j = 0; j < m; j++)
    for (let i = j; i < m; i++) {
      const v = i === j ? m : rand();
      A[j * m + i] = v;
      A[i * m + j] = v;
    }
  return A;
}

function cpuMs(f: () => void): number {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

const sizes = process.argv.slice(2).map(Number);
const ms = sizes.length > 0 ? sizes : [200, 500, 1159, 2000];
const wasmOk = choleskyLowerWasm(new Float64Array([4]), 1) !== undefined;
console.log(`WebAssembly SIMD kernel: ${wasmOk ? 'available' : 'NOT available'}`);
console.log('    m | previous JS        | JS fallback        | wasm (copy in/out) | wasm workspace     | speedup');
for (const m of ms) {
  const A = testMatrix(m);
  const W = new Float64Array(m * m);
  const ws = new CholeskyWorkspace(m);
  const runs = m <= 500 ? 15 : m <= 1200 ? 8 : 4;
  const kernels: [string, () => void][] = [
    ['previous', () => previousKernel(W, m)],
    ['js', () => choleskyLowerJs(W, m)],
    ['wasm', () => choleskyLowerWasm(W, m)],
    ['workspace', () => ws.factor()],
  ];
  const best = kernels.map(() => Infinity);
  for (let r = 0; r < runs; r++)
    kernels.forEach(([name, f], k) => {
      if (name === 'previous' && m > 1200 && r > 1) return; // slow; two runs suffice
      if (name === 'workspace') ws.A.set(A);
      else W.set(A);
      best[k] = Math.min(best[k], cpuMs(f));
    });
  const flops = m ** 3 / 3;
  const cell = (t: number) => `${t.toFixed(1).padStart(7)} ms ${(flops / t / 1e6).toFixed(2).padStart(5)} GF/s`.padEnd(18);
  console.log(`${String(m).padStart(5)} | ${best.map(cell).join(' | ')} | ${(best[0] / best[3]).toFixed(1)}×`);
}
