/**
 * The values of the given ranks (0-based, ascending order) of an array, as its sorted copy would hold
 * them, by quickselect: O(n log k) for k ranks instead of a sort's O(n log n). Spatial structures need
 * nine or 25 quantiles of the pair distances (Wheat2: 24,976 of them, which took 3–4 ms to sort: most
 * of the model's build). Permutes `values`.
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[]): number[] {
  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  for (const r of wanted) if (!(Number.isInteger(r) && r >= 0 && r < values.length)) throw new RangeError(`rank ${r} outside 0…${values.length - 1}`);
  selectAll(values, 0, values.length - 1, wanted, 0, wanted.length - 1);
  return ranks.map((r) => values[r]);
}

/** Puts each of ranks[rlo..rhi] in its sorted place within v[lo..hi], which holds exactly the values of those ranks. */
function selectAll(v: Float64Array, lo: number, hi: number, ranks: readonly number[], rlo: number, rhi: number): void {
  if (rlo > rhi) return;
  const mid = (rlo + rhi) >>> 1;
  const k = ranks[mid];
  select(v, lo, hi, k);
  selectAll(v, lo, k - 1, ranks, rlo, mid - 1);
  selectAll(v, k + 1, hi, ranks, mid + 1, rhi);
}

/** Hoare's selection: v[k] becomes the value of rank k within v[lo..hi], with no larger value before it and no smaller one after. */
function select(v: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = medianOfThree(v[lo], v[(lo + hi) >>> 1], v[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i++] = v[j];
        v[j--] = t;
      }
    }
    // v[lo..j] ≤ pivot ≤ v[i..hi], and v[j+1..i−1] all equal the pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
