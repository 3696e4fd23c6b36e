/** The plots fetch the vectors they draw from model.vectors in pieces, once per opened report. */
import { describe, expect, it } from 'vitest';
import type { FitVectorName, ParamsIn, StoredFitReport } from '../../../src-main/api/contract';
import { VECTOR_PIECE, decodeFloat64, diagnosticsFor } from '../../../src-renderer/plots/fitVectors';

function float64Base64(values: number[]): string {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeDoubleLE(v, i * 8));
  return b.toString('base64');
}

/** A model.vectors stand-in over stored vectors, recording each request. */
function fakeApi(stored: Partial<Record<FitVectorName, number[]>>) {
  const calls: ParamsIn<'model.vectors'>[] = [];
  const api = {
    model: {
      vectors: (p: ParamsIn<'model.vectors'>) => {
        calls.push(p);
        const v = stored[p.name]!;
        const offset = p.offset ?? 0;
        const part = v.slice(offset, offset + (p.limit ?? 65_536));
        return Promise.resolve({ name: p.name, length: v.length, offset, count: part.length, float64Base64: float64Base64(part) });
      },
    },
  };
  return { api: api as never, calls };
}

describe('plot vectors', () => {
  it('decodes little-endian float64 exactly, NaN and signed zero included', () => {
    const v = [1.5, -0, NaN, 1e-300, -Infinity, 0.1 + 0.2];
    expect(Array.from(decodeFloat64(float64Base64(v)))).toEqual(v);
  });

  it('fetches only the vectors a plot draws, in pieces, and each once per opened report', async () => {
    const n = VECTOR_PIECE * 2 + 17;
    const fitted = Array.from({ length: n }, (_, i) => i / 3);
    const rows = Array.from({ length: n }, (_, i) => i);
    const { api, calls } = fakeApi({ fitted, rows, residuals: fitted.map((x) => -x) });
    const report = { diagnostics: { n, vectors: ['fitted', 'residuals', 'rows'], ranef: [], vcov: [] } } as unknown as StoredFitReport;

    const d = await diagnosticsFor(api, 4, report, ['fitted', 'rows', 'simulatedResiduals']);
    expect(d!.fitted).toEqual(fitted);
    expect(d!.rows).toEqual(rows);
    expect(d!.residuals).toEqual([]);
    expect(d!.simulatedResiduals).toBeUndefined();
    // The vectors are fetched side by side; each in order.
    expect(calls.map((c) => [c.name, c.offset, c.limit]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]))).toEqual([
      ['fitted', 0, VECTOR_PIECE],
      ['fitted', VECTOR_PIECE, VECTOR_PIECE],
      ['fitted', 2 * VECTOR_PIECE, 17],
      ['rows', 0, VECTOR_PIECE],
      ['rows', VECTOR_PIECE, VECTOR_PIECE],
      ['rows', 2 * VECTOR_PIECE, 17],
    ]);
    await diagnosticsFor(api, 4, report, ['fitted', 'rows']);
    expect(calls).toHaveLength(6);
  });
});
