/** scratchRegions: named regions one after another, 8-byte aligned, copied in or filled. */
import { describe, expect, it } from 'vitest';
import { scratchRegions } from '../../../src-engine/linalg/wasmCholesky';

describe('scratchRegions', () => {
  it('lays the regions out in order, aligned, with their numbers or their fill', () => {
    const s = scratchRegions({
      a: { type: 'f64', from: [1.5, -2] },
      b: { type: 'i32', from: [7, 8, 9] },
      c: { type: 'u8', length: 5, fill: 3 },
      d: { type: 'i32', length: 2, fill: -1 },
      e: { type: 'f64', length: 3 },
    });
    expect(s).toBeDefined();
    const { kernel, at } = s!;
    const buf = kernel.buffer;
    expect([at.b - at.a, at.c - at.b, at.d - at.c, at.e - at.d]).toEqual([16, 16, 8, 8]);
    for (const k of ['a', 'b', 'c', 'd', 'e'] as const) expect(at[k] % 8).toBe(0);
    expect(Array.from(new Float64Array(buf, at.a, 2))).toEqual([1.5, -2]);
    expect(Array.from(new Int32Array(buf, at.b, 3))).toEqual([7, 8, 9]);
    expect(Array.from(new Uint8Array(buf, at.c, 5))).toEqual([3, 3, 3, 3, 3]);
    expect(Array.from(new Int32Array(buf, at.d, 2))).toEqual([-1, -1]);
    new Float64Array(buf, at.e, 3).fill(4); // dirty the memory: the next call must zero what it is asked to
    const again = scratchRegions({ a: { type: 'f64', from: [1.5, -2] }, b: { type: 'i32', from: [7, 8, 9] }, c: { type: 'u8', length: 5 }, d: { type: 'i32', length: 2 }, e: { type: 'f64', length: 3 } })!;
    expect(Array.from(new Float64Array(again.kernel.buffer, again.at.e, 3))).toEqual([0, 0, 0]);
  });
});
