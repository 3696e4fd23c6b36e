/**
 * GroupedGram.form in the Cholesky kernel's own memory (wasm/build-kernel.mjs, gramForm): the result lands
 * where the factorization reads it, and the grouped Gram is streamed as one-byte counts and groups
 * instead of Int32 offsets and groups. InstEval: ≈ 8.5 ms per evaluation in JS (of ≈ 33 ms); same
 * arithmetic in the same order, so the same bits.
 * Layout of the workspace's extra region: [packed A (npos)][weights (E)][c (G)][s (m)][counts (npos)][groups (E)].
 */
import { type CholeskyWorkspace } from './choleskyWorkspace';
import { type GroupedGram } from './groupedGram';

export class WasmGramForm {
  private constructor(
    private readonly ws: CholeskyWorkspace,
    private readonly at: { ap: number; w: number; c: number; s: number; cnt: number; grp: number },
    private readonly c: Float64Array,
    private readonly s: Float64Array,
  ) {}

  /** Bytes of the extra region a workspace of order m needs for `gram` (from its entries and groups). */
  static bytesFor(gram: GroupedGram): number {
    const m = gram.m;
    const npos = (m * (m + 1)) / 2;
    return 8 * (npos + gram.entries + gram.groupKey.length + m) + npos + gram.entries + 16;
  }

  /**
   * Copies A's lower triangle (column-major m×m) and the grouped Gram into `ws`'s extra region (reserved
   * with bytesFor). Undefined when the workspace has no wasm kernel or the Gram does not fit one-byte streams.
   */
  static attach(ws: CholeskyWorkspace, gram: GroupedGram, A: Float64Array): WasmGramForm | undefined {
    const k = ws.wasmKernel;
    const streams = gram.byteStreams();
    if (!k || !streams || ws.extraBytes < WasmGramForm.bytesFor(gram)) return undefined;
    const { m } = gram;
    const npos = (m * (m + 1)) / 2;
    const E = streams.weights.length;
    const G = gram.groupKey.length;
    const ap = k.extraAt;
    const w = ap + 8 * npos;
    const c = w + 8 * E;
    const s = c + 8 * G;
    const cnt = s + 8 * m;
    const grp = cnt + npos;
    const buf = k.buffer;
    const packed = new Float64Array(buf, ap, npos);
    for (let j = 0, p = 0; j < m; p += m - j, j++) packed.set(A.subarray(j * m + j, j * m + m), p);
    new Float64Array(buf, w, E).set(streams.weights);
    new Uint8Array(buf, cnt, npos).set(streams.counts);
    new Uint8Array(buf, grp, E).set(streams.groups);
    return new WasmGramForm(ws, { ap, w, c, s, cnt, grp }, new Float64Array(buf, c, G), new Float64Array(buf, s, m));
  }

  /** ws.A's lower triangle ← s_i s_j (A[i, j] − Σ_g c[g] W_g[i, j]), as GroupedGram.form(A, c, ws.A, s). */
  form(c: Float64Array, s: Float64Array): void {
    const k = this.ws.wasmKernel!;
    this.c.set(c);
    this.s.set(s);
    const { ap, w, cnt, grp } = this.at;
    k.gramForm(k.matrixAt, this.ws.m, ap, cnt, grp, w, this.at.c, this.at.s);
  }
}
