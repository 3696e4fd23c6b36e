import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule of eslint.config.js, tried on renderer sources that import across the layers.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath = 'src-renderer/model/Probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('renderer layer rule', () => {
  it('rejects a renderer import of src-main outside the API contract', async () => {
    const messages = await restricted("import { openStore } from '../../src-main/store/projectStore';\nexport const s = openStore;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('only through the API contract');
  });

  it('rejects a renderer import of the engine outside src-engine/shared', async () => {
    const messages = await restricted("import { fitLmm } from '../../src-engine/lmm/fit';\nexport const f = fitLmm;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('src-engine/shared');
  });

  it('rejects type-only imports from engine internals too', async () => {
    const messages = await restricted("import type { FitDiagnostics } from '../../src-engine/lmm/fitReport';\nexport type D = FitDiagnostics;\n");
    expect(messages).toHaveLength(1);
  });

  it('allows the API contract, the client and src-engine/shared', async () => {
    const code = [
      "import type { ColumnInfo } from '../../src-main/api/contract';",
      "import { ApiError } from '../../src-main/api/client';",
      "import { parseFormula } from '../../src-engine/shared';",
      'export const x: [ColumnInfo | null, typeof ApiError, typeof parseFormula] = [null, ApiError, parseFormula];',
      '',
    ].join('\n');
    expect(await restricted(code)).toEqual([]);
  });

  it('rejects Electron and Node modules in the renderer', async () => {
    expect(await restricted("import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
    expect(await restricted("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
  });

  it('rejects app-layer imports in the engine', async () => {
    const messages = await restricted("import { z } from '../../src-main/api/contract';\nexport const y = z;\n", 'src-engine/lmm/Probe.ts');
    expect(messages).toHaveLength(1);
  });
  it('keeps ml-matrix behind linalg/lapack: engine files may not import it or its adapter', async () => {
    const direct = await restricted("import { Matrix } from 'ml-matrix';\nexport const m = Matrix;\n", 'src-engine/lmm/Probe.ts');
    expect(direct).toHaveLength(1);
    expect(direct[0]).toContain('linalg/lapack');
    expect(await restricted("import { dsyev } from '../linalg/mlMatrixAdapter';\nexport const d = dsyev;\n", 'src-engine/lmm/Probe.ts')).toHaveLength(1);
    expect(await restricted("import { dsyev } from '../linalg/lapack';\nexport const d = dsyev;\n", 'src-engine/lmm/Probe.ts')).toEqual([]);
    expect(await restricted("import { dsyev } from './mlMatrixAdapter';\nexport const d = dsyev;\n", 'src-engine/linalg/lapack.ts')).toEqual([]);
  });
});

describe('function length rule', () => {
  const body = (lines: number) => ['export function probe(): number {', '  let s = 0;', ...Array.from({ length: lines - 4 }, (_, i) => `  s += ${i};`), '  return s;', '}', ''].join('\n');
  const tooLong = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'max-lines-per-function').length;
  };

  it('fails a function over 100 lines in the engine, main and the renderer, and passes one of 100', async () => {
    for (const filePath of ['src-engine/lmm/Probe.ts', 'src-main/api/Probe.ts', 'src-renderer/app/Probe.tsx']) {
      expect(await tooLong(body(101), filePath)).toBe(1);
      expect(await tooLong(body(100), filePath)).toBe(0);
    }
  });
});

describe('no accessors in engine object literals', () => {
  const accessorMessages = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it('rejects a getter in an object literal in the engine, points at withLazy', async () => {
    const messages = await accessorMessages('export const o = { a: 1, get b() { return 2; } };\n', 'src-engine/report/Probe.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('withLazy');
  });

  it('allows class getters in the engine', async () => {
    expect(await accessorMessages('export class C { get b(): number { return 2; } }\n', 'src-engine/report/Probe.ts')).toEqual([]);
  });
});
