/**
 * GroupedGram.form in the Cholesky kernel's own memory (wasm/build-kernel.mjs, gramForm): the result lands
 * where the factorization reads it, and the grouped Gram, built there in the first place (GramStorage), is
 * streamed as one-byte counts and groups instead of Int32 offsets and groups. Same arithmetic in the same
 * order as GroupedGram.form, so the same bits. InstEval: ≈ 8.5 → ≈ 4 ms per evaluation (of ≈ 33 ms).
 * Layout of the workspace's extra region, for a bound `capacity` on the entries and npos = m(m + 1)/2:
 *   [packed A (npos)][weights (capacity)][c (G)][s (m)][counts (npos)][groups (capacity)]
 * Memory reserved but never written costs nothing (pages are faulted in on first touch).
 */
import { type CholeskyWorkspace } from './choleskyWorkspace';
import { type GramStorage, type GroupedGram } from './groupedGram';

interface Layout {
  ap: number;
  w: number;
  c: number;
  s: number;
  cnt: number;
  grp: number;
}

function layout(at: number, m: number, capacity: number, G: number): Layout {
  const npos = (m * (m + 1)) / 2;
  const ap = at;
  const w = ap + 8 * npos;
  const c = w + 8 * capacity;
  const s = c + 8 * G;
  const cnt = s + 8 * m;
  return { ap, w, c, s, cnt, grp: cnt + npos };
}

export class WasmGramForm {
  private constructor(
    private readonly ws: CholeskyWorkspace,
    private readonly at: Layout,
    private readonly c: Float64Array,
    private readonly s: Float64Array,
  ) {}

  /** Bytes of the extra region for order m, at most `capacity` entries and G groups. */
  static bytesFor(m: number, capacity: number, G: number): number {
    const end = layout(0, m, capacity, G);
    return end.grp + capacity;
  }

  /**
   * The GroupedGram's storage in `ws`'s extra region (reserved with bytesFor); undefined when the workspace
   * has no wasm kernel or not the room, or there are more than 255 groups.
   */
  static storage(ws: CholeskyWorkspace, m: number, capacity: number, G: number): GramStorage | undefined {
    const k = ws.wasmKernel;
    if (!k || G > 255 || ws.m !== m || ws.extraBytes < WasmGramForm.bytesFor(m, capacity, G)) return undefined;
    const at = layout(k.extraAt, m, capacity, G);
    const buf = k.buffer;
    return { weights: new Float64Array(buf, at.w, capacity), counts: new Uint8Array(buf, at.cnt, (m * (m + 1)) / 2), groups: new Uint8Array(buf, at.grp, capacity) };
  }

  /**
   * The kernel for `gram`, built on `storage` (from storage() with the same capacity): copies A's lower
   * triangle (column-major m×m) beside it.
   */
  static attach(ws: CholeskyWorkspace, gram: GroupedGram, storage: GramStorage, A: Float64Array): WasmGramForm {
    const k = ws.wasmKernel!;
    const { m } = gram;
    const G = gram.groupKey.length;
    const at = layout(k.extraAt, m, storage.weights.length, G);
    const buf = k.buffer;
    const packed = new Float64Array(buf, at.ap, (m * (m + 1)) / 2);
    for (let j = 0, p = 0; j < m; p += m - j, j++) packed.set(A.subarray(j * m + j, j * m + m), p);
    return new WasmGramForm(ws, at, new Float64Array(buf, at.c, G), new Float64Array(buf, at.s, m));
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
