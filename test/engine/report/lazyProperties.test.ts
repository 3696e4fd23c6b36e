/**
 * withLazy (report/lazyProperties.ts): enumerable properties computed once on first read, in the order
 * given after the object's own keys, read by JSON and structured clone like data — and one getter per
 * property name shared by all objects (a new getter per object gives each object its own V8 map, which
 * kept every fit alive through the scavenges).
 */
import { describe, expect, it } from 'vitest';
import { withLazy } from '../../../src-engine/report/lazyProperties';

describe('withLazy', () => {
  it('computes each field once, on its first read only', () => {
    let calls = 0;
    const o = withLazy({ a: 1 }, { b: () => ++calls * 10, c: () => 'never' });
    expect(calls).toBe(0);
    expect(o.b).toBe(10);
    expect(o.b).toBe(10);
    expect(calls).toBe(1);
  });

  it('keeps the key order for Object.keys, JSON and structured clone, and hides its state', () => {
    const o = Object.assign(withLazy({ a: 1 }, { b: () => [2], c: () => ({ d: 3 }) }), { e: 4 });
    expect(Object.keys(o)).toEqual(['a', 'b', 'c', 'e']);
    expect(JSON.stringify(o)).toBe('{"a":1,"b":[2],"c":{"d":3},"e":4}');
    expect(structuredClone(o)).toEqual({ a: 1, b: [2], c: { d: 3 }, e: 4 });
    expect(Object.getOwnPropertySymbols(o).every((s) => !Object.getOwnPropertyDescriptor(o, s)!.enumerable)).toBe(true);
  });

  it('gives every object the same getter function for a name', () => {
    const x = withLazy({}, { v: () => 1 });
    const y = withLazy({}, { v: () => 2 });
    expect(Object.getOwnPropertyDescriptor(x, 'v')!.get).toBe(Object.getOwnPropertyDescriptor(y, 'v')!.get);
    expect([x.v, y.v]).toEqual([1, 2]);
  });
});
