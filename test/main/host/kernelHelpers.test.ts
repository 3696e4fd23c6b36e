/**
 * The inverse kernel's helper threads (src-main/host/kernelHelpers.ts, src-engine/linalg/kernelThreads.ts):
 * jobs split between this thread and real worker threads give the bits the calling thread gives alone,
 * in a fresh process each way (the engine keeps one kernel instance per process).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

// Σ, the level loop and Ψ products of a random factor (n = 515, above HELPER_MIN_ORDER: 128 four-column items and three last
// columns; 700 levels: two passes), hashed, and whether helper threads ran any of the items
const script = (helpers: number) => `
import { createHash } from 'node:crypto';
import { restInverse, warmInverseKernel } from ${JSON.stringify(join(root, 'src-engine/linalg/wasmInverse.ts'))};
import { kernelHelperItems } from ${JSON.stringify(join(root, 'src-engine/linalg/kernelThreads.ts'))};
import { useKernelHelpers } from ${JSON.stringify(join(root, 'src-main/host/kernelHelpers.ts'))};
if (${helpers} > 0) useKernelHelpers(${helpers});
const n = 515, nl = 700;
// as a fit does when df will follow: the helpers start, and they write the fresh pages of L and L⁻¹
warmInverseKernel(n);
let s = 11;
const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
const L = new Float64Array(n * n);
for (let j = 0; j < n; j++) for (let i = j; i < n; i++) L[j * n + i] = i === j ? 2 + rnd() : (rnd() - 0.5) * 0.2;
const start = new Int32Array(nl + 1), rows = [], vals = [];
for (let l = 0; l < nl; l++) {
  const r = new Set();
  while (r.size < 1 + (l % 9)) r.add(Math.floor(rnd() * n));
  for (const a of [...r].sort((x, y) => x - y)) { rows.push(a); vals.push(rnd() - 0.5); }
  start[l + 1] = rows.length;
}
// rounds until the helpers have taken part (they start up on their own threads meanwhile; a helper that
// cannot start never does: the run then says 'alone'); each round the same
let h;
for (let round = 0; round === 0 || (${helpers} > 0 && kernelHelperItems() === 0 && round < 5000); round++) {
  h = createHash('sha256');
  const add = (a) => h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const inv = restInverse(L, n, n, { levels: nl, entries: rows.length, vectors: 2 });
  add(inv.sigma);
  const d = Float64Array.from({ length: nl }, (_, l) => 1 + l / 100);
  const sums = inv.levels({ patStart: start, patRows: Int32Array.from(rows), B: Float64Array.from(vals), d });
  add(sums.kq); add(sums.qsq); h.update(String(sums.trMM));
  const x0 = Float64Array.from({ length: nl }, (_, l) => Math.sin(l));
  const psi = inv.psi([x0, new Float64Array(nl)], [Float64Array.from({ length: n }, (_, a) => Math.cos(a)), new Float64Array(n).fill(1)]);
  psi.out0.forEach(add); psi.w.forEach(add);
}
console.log(h.digest('hex'), kernelHelperItems() > 0 ? 'helped' : 'alone');
`;

function run(helpers: number, dir: string): string {
  const file = join(dir, `helpers${helpers}.mts`);
  writeFileSync(file, script(helpers));
  return execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 120_000 }).trim();
}

describe('kernel helper threads', () => {
  it('give the same bits as the calling thread alone, and the process exits with them asleep', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-helpers-'));
    try {
      const [alone, how] = run(0, dir).split(' ');
      expect(alone).toMatch(/^[0-9a-f]{64}$/);
      expect(how).toBe('alone');
      expect(run(1, dir)).toBe(`${alone} helped`);
      expect(run(3, dir)).toBe(`${alone} helped`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
