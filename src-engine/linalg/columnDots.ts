/**
 * The dense part of a crossproduct [X y]ᵀ W [X y] as column dots: for columns stored one after another
 * (n values each, the observations in one order), Arr[cols[k]·m + cols[j]] = wxₖ · xⱼ for j ≤ k, the
 * upper triangle of column cols[k] of the m×m matrix. Four dots at a time share the loads of wxₖ; each
 * is its own sum in increasing t, so every entry is the same as one dot alone. The LMM's crossproducts
 * (lmm/crossproducts.ts, once) and PIRLS's reweighted ones (glmm/reweightedCrossproducts.ts, every
 * iteration) both fill Arr this way.
 */
export function upperColumnDots(wx: Float64Array, x: Float64Array, n: number, cols: ArrayLike<number>, m: number, Arr: Float64Array): void {
  const d = cols.length;
  for (let k = 0; k < d; k++) {
    const col = cols[k] * m;
    const ok = k * n;
    let j = 0;
    for (; j + 3 <= k; j += 4) {
      const o0 = j * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < n; t++) {
        const v = wx[ok + t];
        s0 += v * x[o0 + t];
        s1 += v * x[o0 + n + t];
        s2 += v * x[o0 + 2 * n + t];
        s3 += v * x[o0 + 3 * n + t];
      }
      Arr[col + cols[j]] = s0;
      Arr[col + cols[j + 1]] = s1;
      Arr[col + cols[j + 2]] = s2;
      Arr[col + cols[j + 3]] = s3;
    }
    for (; j <= k; j++) {
      const o = j * n;
      let s = 0;
      for (let t = 0; t < n; t++) s += wx[ok + t] * x[o + t];
      Arr[col + cols[j]] = s;
    }
  }
}
