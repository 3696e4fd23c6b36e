/**
 * False discovery rates across the units of a batch, per term: Benjamini–Hochberg and
 * Benjamini–Yekutieli q-values exactly as R's p.adjust(p, "BH") and p.adjust(p, "BY"), where
 * missing p-values (failed units, terms a unit lacks) are left out of n, as p.adjust does with NA.
 */
function stepUp(p: readonly (number | null)[], factor: (n: number) => number): (number | null)[] {
  const idx = p.map((v, i) => [v, i] as const).filter((x): x is readonly [number, number] => x[0] !== null && !Number.isNaN(x[0]));
  const n = idx.length;
  const out: (number | null)[] = p.map(() => null);
  if (n === 0) return out;
  const c = factor(n);
  // decreasing p: q_(i) = min over j ≥ i of n c p_(j) / j, capped at 1 (R: cummin(n / i * p[o]))
  idx.sort((a, b) => b[0] - a[0]);
  let running = Infinity;
  idx.forEach(([v, i], k) => {
    const rank = n - k;
    running = Math.min(running, (c * n * v) / rank);
    out[i] = Math.min(1, running);
  });
  return out;
}

export function pAdjustBH(p: readonly (number | null)[]): (number | null)[] {
  return stepUp(p, () => 1);
}

export function pAdjustBY(p: readonly (number | null)[]): (number | null)[] {
  return stepUp(p, (n) => {
    let q = 0;
    for (let i = 1; i <= n; i++) q += 1 / i;
    return q;
  });
}
