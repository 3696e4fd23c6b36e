/**
 * The rest's inverse Σ = L⁻ᵀL⁻¹ and the level loop of the exact θ Hessian (linalg/wasmInverse.ts): the
 * WebAssembly kernel and the JS fallback against blockedInverse.ts' choleskyInverse and a direct
 * computation, for orders around the kernel's four-column blocks; and the generated kernel is up to date.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choleskyInverse } from '../../../src-engine/linalg/blockedInverse';
import { CONTROL_BYTES, JOB, JobPoster } from '../../../src-engine/linalg/kernelThreads';
import { columnsFromPattern, inverseKernelMemory, inverseKernelModule, levelSumsJs, psiJs, restInverse, restInverseJs } from '../../../src-engine/linalg/wasmInverse';

function lowerFactor(ld: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const L = new Float64Array(ld * ld);
  for (let j = 0; j < ld; j++) for (let i = 0; i < ld; i++) L[j * ld + i] = i === j ? 0.5 + rnd() : i > j ? rnd() - 0.5 : 99; // 99: above the diagonal, never read
  return L;
}

describe('rest inverse', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 13, 64, 101, 130])('n = %i: Σ and the level loop, wasm and JS', (n) => {
    // levels: a few distinct columns of K each (a coupling pattern), ascending rows, one level empty;
    // 5 levels (one pass of eight, padded) and, for the larger n, 21 (passes of eight, the last partial)
    const sizes = (n > 9 ? [1, 3, 0, 9, 2, 4, 1, 7, 2, 2, 5, 3, 6, 1, 8, 2, 3, 1, 4, 2, 9] : [1, 3, 0, 9, 2]).map((k) => Math.min(n, k));
    const ld = n + 3;
    const L = lowerFactor(ld, n);
    const want = choleskyInverse(L, n, ld);
    // as the factorization holds them: per level its pattern rows, then rows n, n + 1 (y's, left out of K)
    const patStart = new Int32Array(sizes.length + 1);
    const patRows: number[] = [];
    const B: number[] = [];
    sizes.forEach((size, l) => {
      const r = new Set<number>();
      for (let t = 0; r.size < size; t++) r.add((t * (n > 9 ? 11 : 1) + 3 * l + 1) % n); // 11 is prime to every n > 9 tested
      for (const a of [...[...r].sort((x, y) => x - y), n, n + 1]) {
        patRows.push(a);
        B.push(Math.sin(patRows.length));
      }
      patStart[l + 1] = patRows.length;
    });
    const pattern = { patStart, patRows: Int32Array.from(patRows), B: Float64Array.from(B), d: Float64Array.from(sizes, (_, l) => 1 + l / 7) };
    const { start, rows, vals } = columnsFromPattern(pattern, n);
    expect(start[sizes.length]).toBe(patRows.length - 2 * sizes.length);
    sizes.forEach((size, l) => {
      for (let t = start[l], u = patStart[l]; t < start[l + 1]; t++, u++) {
        expect(rows[t]).toBe(patRows[u]);
        expect(vals[t]).toBe(B[u] / pattern.d[l]);
      }
    });
    // the sums directly from Σ
    const M = new Float64Array(n * n);
    const kq = new Float64Array(sizes.length);
    const qsq = new Float64Array(n);
    for (let l = 0; l < sizes.length; l++) {
      const Q = new Float64Array(n);
      for (let t = start[l]; t < start[l + 1]; t++) for (let i = 0; i < n; i++) Q[i] += vals[t] * want[rows[t] * n + i];
      for (let t = start[l]; t < start[l + 1]; t++) {
        kq[l] += vals[t] * Q[rows[t]];
        for (let i = 0; i < n; i++) M[rows[t] * n + i] += vals[t] * Q[i];
      }
      for (let i = 0; i < n; i++) qsq[i] += Q[i] * Q[i];
    }
    let trMM = 0;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) trMM += M[b * n + a] * M[a * n + b];
    const close = (got: ArrayLike<number>, w: Float64Array) => {
      for (let i = 0; i < w.length; i++) expect(Math.abs(got[i] - w[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(w[i])));
    };
    const reserve = { levels: sizes.length + 2, entries: patRows.length + 5, vectors: 3 };
    // vectors for psi(): rest parts one dense, one with zeros, one zero; block-0 parts zero, dense, with zeros
    const nl = sizes.length;
    const xrs = [Float64Array.from({ length: n }, (_, i) => Math.cos(i + n)), Float64Array.from({ length: n }, (_, i) => (i % 3 === 1 ? 0 : i - n / 2)), new Float64Array(n)];
    const x0s = [new Float64Array(nl), Float64Array.from({ length: nl }, (_, l) => Math.sin(l + 2)), Float64Array.from({ length: nl }, (_, l) => (l % 2 ? 0 : l + 1))];
    const d = pattern.d;
    // directly: z = x_r − K x₀, w = Σz, out₀ = x₀ / d² − Kᵀw
    const wantPsi = xrs.map((xr, v) => {
      const z = xr.slice();
      for (let l = 0; l < nl; l++) for (let t = start[l]; t < start[l + 1]; t++) z[rows[t]] -= vals[t] * x0s[v][l];
      const w = Float64Array.from({ length: n }, (_, a) => z.reduce((s, zb, b) => s + want[b * n + a] * zb, 0));
      const out0 = Float64Array.from({ length: nl }, (_, l) => {
        let s = x0s[v][l] / (d[l] * d[l]);
        for (let t = start[l]; t < start[l + 1]; t++) s -= vals[t] * w[rows[t]];
        return s;
      });
      return { w, out0 };
    });
    const [wasm] = [restInverse(L, n, ld, reserve), restInverseJs(L, n, ld)].map((inv) => {
      close(inv.sigma, want);
      expect(() => inv.psi(x0s, xrs)).toThrow(/before levels/);
      const sums = inv.levels(pattern);
      close(sums.kq, kq);
      close(sums.qsq, qsq);
      expect(Math.abs(sums.trMM - trMM)).toBeLessThanOrEqual(1e-12 * trMM);
      close(inv.sigma, want); // still valid after the level loop
      const psi = inv.psi(x0s, xrs);
      wantPsi.forEach((p, v) => {
        close(psi.w[v], p.w);
        close(psi.out0[v], p.out0);
      });
      return { sigma: inv.sigma.slice(), sums, psi };
    });
    // on the same Σ the kernel's loops and the JS ones do the same operations in the same order
    expect(levelSumsJs(wasm.sigma, n, start, rows, vals)).toEqual(wasm.sums);
    expect(psiJs(wasm.sigma, n, start, rows, vals, x0s, xrs, d)).toEqual(wasm.psi);
  });

  it('many levels: passes of 512, the last partial, the kernel as the JS loop bit for bit', () => {
    const n = 37;
    const L = lowerFactor(n, 5);
    const nl = 1100;
    const start = new Int32Array(nl + 1);
    const rows: number[] = [];
    const vals: number[] = [];
    for (let l = 0; l < nl; l++) {
      const size = (l * 7) % 6; // 0–5 entries
      for (let r = 0; r < size; r++) {
        rows.push((l + 5 * r) % n);
        vals.push(Math.cos(rows.length));
      }
      const mine = rows.splice(start[l]).map((r, i) => [r, vals[start[l] + i]]);
      vals.splice(start[l]);
      mine.sort((a, b) => a[0] - b[0]).forEach(([r, v]) => (rows.push(r), vals.push(v)));
      start[l + 1] = rows.length;
    }
    const inv = restInverse(L, n, n, { levels: nl, entries: rows.length, vectors: 0 });
    const sigma = inv.sigma.slice();
    // d = 1: K's values are B's
    const got = inv.levels({ patStart: start, patRows: Int32Array.from(rows), B: Float64Array.from(vals), d: new Float64Array(nl).fill(1) });
    expect(levelSumsJs(sigma, n, start, Int32Array.from(rows), Float64Array.from(vals))).toEqual(got);
    // and tr(MM) against the direct sum over the levels' pairs
    let want = 0;
    for (let l = 0; l < nl; l++)
      for (let j = 0; j < nl; j++) {
        let p = 0;
        for (let t = start[l]; t < start[l + 1]; t++) for (let u = start[j]; u < start[j + 1]; u++) p += vals[t] * sigma[rows[u] * n + rows[t]] * vals[u];
        want += p * p;
      }
    expect(Math.abs(got.trMM - want)).toBeLessThanOrEqual(1e-11 * want);
  });

  it('refuses more levels, entries or vectors than were reserved (their memory is taken up front)', () => {
    const n = 13;
    const L = lowerFactor(n, 3);
    const inv = restInverse(L, n, n, { levels: 2, entries: 3, vectors: 1 });
    const z = new Float64Array(n).fill(1);
    const x0 = Float64Array.from([1, 2]);
    const pattern = (patStart: number[], d: number[]) => ({ patStart: Int32Array.from(patStart), patRows: Int32Array.from([0, 1, 2, 3]), B: new Float64Array(4).fill(1), d: Float64Array.from(d) });
    expect(() => inv.levels(pattern([0, 1, 2, 3], [1, 1, 1]))).toThrow(/more levels or entries than reserved/);
    expect(() => inv.levels(pattern([0, 4], [1]))).toThrow(/more levels or entries than reserved/);
    // within the reservation it answers
    expect(inv.levels(pattern([0, 1, 3], [1, 2])).kq).toHaveLength(2);
    expect(() => inv.psi([x0, x0], [z, z])).toThrow(/more vectors than reserved/);
    expect(inv.psi([x0], [z]).w[0]).toHaveLength(n);
  });

  it('an inverse begun and never read is finished before the next one takes the memory', () => {
    const n = 45;
    const [L1, L2] = [lowerFactor(n, 8), lowerFactor(n, 9)];
    restInverse(L1, n, n); // L⁻¹ posted, Σ never asked for
    const second = restInverse(L2, n, n).sigma.slice();
    const want = choleskyInverse(L2, n, n);
    second.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i]))));
    // and the same bits as an inverse begun with nothing pending
    expect(Array.from(second)).toEqual(Array.from(restInverse(L2, n, n).sigma));
  });

  it('a meanwhile that throws leaves no job posted: the next inverse works', () => {
    const n = 21;
    const L = lowerFactor(n, 4);
    const pattern = { patStart: Int32Array.from([0, 2, 3]), patRows: Int32Array.from([1, 5, 7]), B: Float64Array.from([1, 2, 3]), d: Float64Array.from([1, 1]) };
    const reserve = { levels: 2, entries: 3, vectors: 1 };
    expect(() =>
      restInverse(L, n, n, reserve).levels(pattern, () => {
        throw new Error('meanwhile failed');
      }),
    ).toThrow(/meanwhile failed/);
    const sums = restInverse(L, n, n, reserve).levels(pattern);
    const want = restInverseJs(L, n, n).levels(pattern);
    sums.kq.forEach((v, l) => expect(Math.abs(v - want.kq[l])).toBeLessThanOrEqual(1e-12 * Math.abs(want.kq[l])));
    expect(Math.abs(sums.trMM - want.trMM)).toBeLessThanOrEqual(1e-12 * want.trMM);
  });

  it("the zeros job (the warm-up's page writes) zeroes exactly its bytes, the last item partial", () => {
    const mod = inverseKernelModule()!;
    const memory = inverseKernelMemory()!;
    memory.grow(3);
    const wasm = (globalThis as unknown as { WebAssembly: { Instance: new (m: object, imports: object) => { exports: Record<string, unknown> } } }).WebAssembly;
    const instance = new wasm.Instance(mod, { env: { memory } });
    const jobs = new JobPoster(mod, memory, instance.exports.work as (ctl: number, tid: number) => number);
    const bytes = new Uint8Array(memory.buffer);
    bytes.fill(0xa5, CONTROL_BYTES);
    const [from, item, total] = [CONTROL_BYTES + 1000, 4096, 3 * 4096 + 13];
    jobs.run(JOB.zeros, Math.ceil(total / item), [from, item, total]);
    expect(bytes.subarray(from, from + total).every((b) => b === 0)).toBe(true);
    expect([bytes[from - 1], bytes[from + total]]).toEqual([0xa5, 0xa5]);
    expect(bytes.subarray(from + total).every((b) => b === 0xa5)).toBe(true);
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
