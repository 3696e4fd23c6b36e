/**
 * The stored draws of a Bayesian fit: exact round trip (NaN and ±Infinity kept, any number of chains
 * and quantities, header lengths that need padding), smaller than the raw float64 for draws that
 * repeat, and a clear project error for a damaged BLOB.
 */
import { describe, expect, it } from 'vitest';
import { decodeDraws, encodeDraws, type StoredDraws } from '../../../src-main/store/bayesDraws';

function draws(names: string[], chains: number, n: number): StoredDraws {
  return {
    names,
    chains: Array.from({ length: chains }, (_, chain) => ({
      chain,
      numSamples: n,
      values: Float64Array.from({ length: n * names.length }, (_, i) => Math.sin(i + chain) * 1e3),
      divergent: Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0)),
      treedepth: Int32Array.from({ length: n }, (_, i) => 1 + (i % 10)),
      energy: Float64Array.from({ length: n }, (_, i) => i / 3),
    })),
  };
}

describe('stored draws', () => {
  it('round-trip exactly for any header length', () => {
    for (const names of [['b_Intercept'], ['b_Intercept', 'sd_g__Intercept', 'sigma'], ['b_x', 'bb', 'ccc', 'dddd', 'eeeee']]) {
      const d = draws(names, 3, 101);
      d.chains[1].values[5] = NaN;
      d.chains[2].values[0] = -Infinity;
      expect(decodeDraws(encodeDraws(d), 'm')).toEqual(d);
    }
  });

  it('are compressed', () => {
    const d = draws(['a', 'b'], 4, 1000);
    for (const c of d.chains) c.values.fill(1.5);
    const raw = 4 * 1000 * 5 * 8;
    expect(encodeDraws(d).byteLength).toBeLessThan(raw / 10);
  });

  it('refuse a damaged BLOB with a project error naming the model', () => {
    const blob = encodeDraws(draws(['a'], 1, 10));
    expect(() => decodeDraws(blob.subarray(0, blob.length - 9), 'Model 7')).toThrow(/stored draws of "Model 7" are damaged/);
    expect(() => decodeDraws(new Uint8Array([1, 2, 3]), 'Model 7')).toThrow(/stored draws of "Model 7" are damaged/);
  });
});
