/**
 * Many arrays as views into one buffer. Node 20's V8 keeps a typed array on its heap only up to 64
 * bytes: each larger `new Float64Array(n)` allocates a backing store off the heap (≈ 3 µs here, and
 * work for the GC), so a set of work arrays made per fit — a batch makes thousands — is one allocation.
 */

/** Zeroed views of the given lengths, in order, into one buffer. */
export function packedViews(lengths: readonly number[]): Float64Array[] {
  const buf = new Float64Array(lengths.reduce((a, b) => a + b, 0));
  let o = 0;
  return lengths.map((len) => buf.subarray(o, (o += len)));
}

/** Zeroed named views into one buffer: carve({ a: 3, b: 5 }) → { a: Float64Array(3), b: Float64Array(5) }. */
export function carve<K extends string>(lengths: Record<K, number>): Record<K, Float64Array> {
  const names = Object.keys(lengths) as K[];
  const views = packedViews(names.map((k) => lengths[k]));
  return Object.fromEntries(names.map((k, i) => [k, views[i]])) as Record<K, Float64Array>;
}
