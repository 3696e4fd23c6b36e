import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = 'src-engine/linalg/wasm';

describe('generated WebAssembly kernel', () => {
  it('is up to date with its generator (node src-engine/linalg/wasm/build-kernel.mjs)', () => {
    const out = mkdtempSync(join(tmpdir(), 'quadrat-kernel-'));
    try {
      execFileSync(process.execPath, [join(dir, 'build-kernel.mjs')], { env: { ...process.env, KERNEL_OUT: out, MR: '', NR: '' } });
      for (const file of ['cholesky.wat', 'choleskyKernel.ts'])
        expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
