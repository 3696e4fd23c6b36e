import { describe, expect, it } from 'vitest';
import { ranova } from '../../../src-engine/inference/ranova';
import { loadCaseTable } from '../lmm/loadCase';
import { inferenceCaseNames, loadInferenceFixture, type TableRow } from '../reference/fixtures';
import { close } from './fitCase';

export function compareLR(got: Record<string, unknown>[], want: TableRow[], keys = ['npar', 'logLik', 'aic', 'lrt', 'df', 'pValue']): string[] {
  if (got.length !== want.length) return [`rows ${got.map((r) => r.term).join(' / ')} vs ${want.map((r) => r.term).join(' / ')}`];
  const bad: string[] = [];
  want.forEach((w, i) => {
    const g = got[i];
    if (g.term !== w.term) bad.push(`row ${i}: ${String(g.term)} vs ${w.term}`);
    for (const k of keys) {
      const a = g[k] as number | null;
      const b = w[k] as number | null;
      const tol = k === 'pValue' ? 1e-4 : k === 'lrt' ? 1e-4 : 1e-6;
      if (!close(a, b, tol, k === 'pValue' ? 1e-10 : k === 'lrt' ? 1e-5 : 0)) bad.push(`${w.term} ${k} ${a} vs ${b}`);
    }
  });
  return bad;
}

describe('ranova against lmerTest', () => {
  it.each(inferenceCaseNames())('%s', (name) => {
    const fx = loadInferenceFixture(name);
    const r = ranova(loadCaseTable(fx), fx.formula, fx.REML);
    expect(compareLR(r.rows as unknown as Record<string, unknown>[], fx.expected.ranova)).toEqual([]);
  });
});
