/**
 * Σ_l c_l v_l v_lᵀ for many sparse vectors v_l (fixed values) whose weights c_l depend only on a per-vector
 * key: levels with equal keys share a weight, so their Gram matrices can be summed once, up front.
 *
 * In the LMM with a scalar first random-effects block (S₀ = 1) the rest block is
 *   M = Λ_rᵀ (A_rr − Σ_l c_l v_l v_lᵀ) Λ_r + I,   c_l = t₀² / (t₀² a_l + 1),  a_l = A₁₁[l],
 * where v_l is the coupling column of level l. c_l depends on θ only through a_l, and without prior
 * weights a_l is an observation count, so thousands of levels collapse into a few dozen groups
 * (InstEval: 2,972 students → 86 groups; 2.1 M scattered products → 1.17 M streamed entries).
 *
 * Layout: W_g entries are stored per lower-triangle position (packed column-major), so one sequential
 * pass over the triangle forms the result; the only irregular access is c[group] (a tiny table).
 */
export class GroupedGram {
  /** Distinct keys, one per group; weights passed to form() are indexed like this array. */
  readonly groupKey: Float64Array;
  /** Number of stored (position, group) entries. */
  readonly entries: number;
  /** Packed-lower position p(i, j) = colStart[j] + i − j; entries of p are ptr[p]..ptr[p+1]-1. */
  private readonly colStart: Int32Array; // integer indices: a double-typed index takes V8's slow keyed access
  private readonly ptr: Int32Array;
  private readonly group: Int32Array;
  private readonly weight: Float64Array;

  /**
   * @param m       order of the dense result
   * @param start   vector l has entries start[l]..start[l+1]-1 (nl + 1 offsets)
   * @param rows    their row indices (ascending within each vector), in 0..m-1
   * @param values  their values
   * @param keys    per vector l, the key its weight depends on
   */
  constructor(
    readonly m: number,
    start: Int32Array,
    rows: Int32Array,
    values: Float64Array,
    keys: Float64Array,
  ) {
    const nl = keys.length;
    this.colStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.colStart[j + 1] = this.colStart[j] + (m - j);
    const npos = this.colStart[m];

    // groups, and the levels of each group
    const groupOf = new Map<number, number>();
    const levelGroup = new Int32Array(nl);
    for (let l = 0; l < nl; l++) {
      let g = groupOf.get(keys[l]);
      if (g === undefined) groupOf.set(keys[l], (g = groupOf.size));
      levelGroup[l] = g;
    }
    const G = groupOf.size;
    this.groupKey = new Float64Array(G);
    for (const [k, g] of groupOf) this.groupKey[g] = k;
    const byGroup = Array.from({ length: G }, () => [] as number[]);
    for (let l = 0; l < nl; l++) byGroup[levelGroup[l]].push(l);

    let products = 0;
    for (let l = 0; l < nl; l++) products += ((start[l + 1] - start[l]) * (start[l + 1] - start[l] + 1)) / 2;
    // Few groups on a small triangle (ham: 1 group, 4,851 positions, 55k products): sum every group into
    // one dense table and read it off position by position. Otherwise (InstEval: 86 groups × 672k
    // positions) one group at a time, remembering which positions it touched.
    const dense = G * npos <= 2 * products && G * npos <= 1 << 22;
    const { pos, grp, wt } = dense
      ? this.sumDense(start, rows, values, levelGroup, G, npos)
      : this.sumByGroup(start, rows, values, byGroup, npos);
    const E = pos.length;
    this.entries = E;
    this.ptr = new Int32Array(npos + 1);
    for (let e = 0; e < E; e++) this.ptr[pos[e] + 1]++;
    for (let p = 0; p < npos; p++) this.ptr[p + 1] += this.ptr[p];
    const fill = this.ptr.slice(0, npos);
    this.group = new Int32Array(E);
    this.weight = new Float64Array(E);
    for (let e = 0; e < E; e++) {
      const k = fill[pos[e]]++;
      this.group[k] = grp[e];
      this.weight[k] = wt[e];
    }
  }

  /** Every group's W_g in one table (group-major within each position), non-zeros in position order. */
  private sumDense(start: Int32Array, rows: Int32Array, values: Float64Array, levelGroup: Int32Array, G: number, npos: number) {
    const acc = new Float64Array(npos * G);
    for (let l = 0; l < levelGroup.length; l++) {
      const g = levelGroup[l];
      const end = start[l + 1];
      for (let b = start[l]; b < end; b++) {
        const vj = values[b];
        const cj = this.colStart[rows[b]] - rows[b];
        for (let a = b; a < end; a++) acc[(cj + rows[a]) * G + g] += values[a] * vj;
      }
    }
    const pos: number[] = [];
    const grp: number[] = [];
    const wt: number[] = [];
    for (let p = 0; p < npos; p++)
      for (let g = 0; g < G; g++) {
        const v = acc[p * G + g];
        if (v !== 0) {
          pos.push(p);
          grp.push(g);
          wt.push(v);
        }
      }
    return { pos, grp, wt };
  }

  /** W_g one group at a time in a dense triangle, emitting only the positions it touched. */
  private sumByGroup(start: Int32Array, rows: Int32Array, values: Float64Array, byGroup: number[][], npos: number) {
    const acc = new Float64Array(npos);
    const seen = new Uint8Array(npos);
    const touched: number[] = [];
    const pos: number[] = [];
    const grp: number[] = [];
    const wt: number[] = [];
    for (let g = 0; g < byGroup.length; g++) {
      for (const l of byGroup[g]) {
        for (let b = start[l]; b < start[l + 1]; b++) {
          const j = rows[b];
          const vj = values[b];
          const cj = this.colStart[j] - j;
          for (let a = b; a < start[l + 1]; a++) {
            const p = cj + rows[a];
            if (!seen[p]) {
              seen[p] = 1;
              touched.push(p);
            }
            acc[p] += values[a] * vj;
          }
        }
      }
      for (const p of touched) {
        if (acc[p] !== 0) {
          pos.push(p);
          grp.push(g);
          wt.push(acc[p]);
        }
        acc[p] = 0;
        seen[p] = 0;
      }
      touched.length = 0;
    }
    return { pos, grp, wt };
  }

  /**
   * Lower triangle of out (column-major, m×m, leading dimension ldOut) ←
   *   s_i s_j (A[i, j] − Σ_g c[g] W_g[i, j])      (s omitted: all ones).
   * A is column-major m×m (lower triangle read); out may be A itself. With `head` > 0 the caller
   * guarantees that A and every W_g vanish off the diagonal of the leading head×head block, which is
   * then skipped (its zeros in `out` are left as they are). Columns before `firstColumn` are not formed.
   */
  form(A: Float64Array, c: Float64Array, out: Float64Array, s?: Float64Array, ldOut = this.m, head = 0, firstColumn = 0): void {
    const { m, ptr, group, weight } = this;
    let p = this.colStart[firstColumn]; // packed position of (j, j)
    for (let j = firstColumn; j < m; j++) {
      const sj = s ? s[j] : 1;
      const ca = j * m;
      const co = j * ldOut;
      let e = ptr[p];
      for (let i = j; i < m; i++, p++) {
        if (i === j + 1 && i < head) {
          p += head - i; // skip (j+1 … head−1, j): structurally zero
          i = head;
          e = ptr[p];
        }
        let t = A[ca + i];
        const end = ptr[p + 1];
        for (; e < end; e++) t -= c[group[e]] * weight[e];
        out[co + i] = s ? t * (s[i] * sj) : t;
      }
    }
  }

  /** W_g[i, j] (i ≥ j) for every group g, into out (length G; 0 where a group has no entry). */
  valuesAt(i: number, j: number, out: Float64Array): void {
    out.fill(0);
    const p = this.colStart[j] + i - j;
    for (let e = this.ptr[p]; e < this.ptr[p + 1]; e++) out[this.group[e]] += this.weight[e];
  }
}
