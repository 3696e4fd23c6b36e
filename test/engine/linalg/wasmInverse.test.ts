/**
 * The rest's inverse Σ = L⁻ᵀL⁻¹ and the level loop of the exact θ Hessian (linalg/wasmInverse.ts): the
 * WebAssembly kernel and the JS fallback against triangularInverse.ts's choleskyInverse and a direct
 * computation, for orders around the kernel's four-column blocks; and the generated kernel is up to date.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choleskyInverse } from '../../../src-engine/linalg/triangularInverse';
import { restInverse, restInverseJs } from '../../../src-engine/linalg/wasmInverse';

function lowerFactor(ld: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const L = new Float64Array(ld * ld);
  for (let j = 0; j < ld; j++) for (let i = 0; i < ld; i++) L[j * ld + i] = i === j ? 0.5 + rnd() : i > j ? rnd() - 0.5 : 99; // 99: above the diagonal, never read
  return L;
}

describe('rest inverse', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 13, 64, 101])('n = %i: Σ and the level loop, wasm and JS', (n) => {
    const ld = n + 3;
    const L = lowerFactor(ld, n);
    const want = choleskyInverse(L, n, ld);
    // levels: a few columns of K each
    const rows = Int32Array.from({ length: 3 * n }, (_, t) => (t * 7 + 3) % n);
    const vals = Float64Array.from({ length: 3 * n }, (_, t) => Math.sin(t + 1));
    const starts = [0, Math.min(1, 3 * n), Math.min(4, 3 * n), 3 * n];
    for (const make of [restInverse, restInverseJs]) {
      const inv = make(L, n, ld);
      for (let i = 0; i < n * n; i++) expect(Math.abs(inv.sigma[i] - want[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i])));
      const M = new Float64Array(n * n);
      for (let g = 0; g + 1 < starts.length; g++) {
        const [from, to] = [starts[g], starts[g + 1]];
        // distinct rows within a level, as a coupling pattern
        const seen = new Set<number>();
        const r: number[] = [];
        const v: number[] = [];
        for (let t = from; t < to; t++) {
          if (seen.has(rows[t])) continue;
          seen.add(rows[t]);
          r.push(rows[t]);
          v.push(vals[t]);
        }
        const Q = inv.levelStep(Int32Array.from(r), Float64Array.from(v), 0, r.length).slice();
        const Qw = new Float64Array(n);
        r.forEach((a, t) => {
          for (let i = 0; i < n; i++) Qw[i] += v[t] * want[a * n + i];
        });
        for (let i = 0; i < n; i++) expect(Math.abs(Q[i] - Qw[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(Qw[i])));
        r.forEach((a, t) => {
          for (let i = 0; i < n; i++) M[a * n + i] += v[t] * Qw[i];
        });
      }
      for (let i = 0; i < n * n; i++) expect(Math.abs(inv.M[i] - M[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(M[i])));
    }
  });

  it('the generated kernel is up to date (node src-engine/linalg/wasm/build-inverse-kernel.mjs)', () => {
    const dir = 'src-engine/linalg/wasm';
    const out = mkdtempSync(join(tmpdir(), 'quadrat-inverse-kernel-'));
    try {
      execFileSync(process.execPath, [join(dir, 'build-inverse-kernel.mjs')], { env: { ...process.env, KERNEL_OUT: out } });
      for (const file of ['inverse.wat', 'inverseKernel.ts']) expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
