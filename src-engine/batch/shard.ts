/**
 * Shards of a batch for a cluster: unit → shard by a stable hash of its name (FNV-1a, 32 bits, over
 * the UTF-8 bytes), so every run, machine and reshard agrees on where a unit goes without any
 * shared state, and shards stay balanced for any naming scheme.
 */
const encoder = new TextEncoder();

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface Shard {
  /** 1-based, as in "--shard 3/10" and Slurm's SLURM_ARRAY_TASK_ID. */
  index: number;
  count: number;
}

/** Parses "i/n" (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `a shard is written i/n, e.g. 3/10 (got "${text}")`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `a shard i/n needs 1 ≤ i ≤ n (got ${text})`;
  return { index, count };
}

export function inShard(unit: string, shard: Shard): boolean {
  return (fnv1a32(unit) % shard.count) + 1 === shard.index;
}
