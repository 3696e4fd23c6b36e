/**
 * Factorizer's objective-mode factorization of a rest with a diagonal head eliminated by classes
 * (updateL.ts formTailByClasses, headSchur.ts) in the Cholesky kernel's memory (linalg/wasm/build-kernel.mjs,
 * headTail): the tail columns from the grouped Gram, each class's update of the tail, the tail's Cholesky,
 * the JS's arithmetic in its order, so the same bits. Nested designs (ham: 324 products in 81 consumers)
 * evaluate the criterion this way; a first fit's evaluations ran interpreted at ≈ 100–170 µs each.
 * The rest lives in the kernel's matrix, which is then the Factorizer's Lrr (its full factorization, with
 * the level rows kept, writes there too). Layout of the extra region:
 *   f64 [packed A from column d][weights][c (G)][s (m)][Γ (K L²)][keyA (K)][keyW (K G)][γ (G + 1)][D (K)]
 *   u8  [counts per position][groups per entry]
 */
import { CholeskyWorkspace } from '../linalg/choleskyWorkspace';
import { type GroupedGram } from '../linalg/groupedGram';
import { type Crossproducts } from './crossproducts';
import { type HeadSchur } from './headSchur';

interface Layout {
  ap: number;
  w: number;
  c: number;
  s: number;
  gamma: number;
  keyA: number;
  keyW: number;
  gam: number;
  dOut: number;
  cnt: number;
  grp: number;
  end: number;
}

function layout(at: number, m: number, G: number, K: number, L: number, positions: number, entries: number): Layout {
  const f64 = [['ap', positions], ['w', entries], ['c', G], ['s', m], ['gamma', K * L * L], ['keyA', K], ['keyW', K * G], ['gam', G + 1], ['dOut', K]] as const;
  const out = {} as Layout;
  let next = at;
  for (const [name, n] of f64) {
    out[name] = next;
    next += 8 * n;
  }
  out.cnt = next;
  out.grp = next + positions;
  out.end = out.grp + entries;
  return out;
}

/**
 * Below this many multiply–adds an evaluation (the tail's Gram positions, the classes' updates, the tail's
 * Cholesky) the JS does it: the kernel's first use in a process costs ≈ 1 ms (Pastes, a tail of order 2:
 * 6.8 → 8.2 ms for its first fit with the kernel; ham, order 17, ≈ 1,500 an evaluation, gains).
 */
const MIN_WORK = 1000;

export class WasmHeadTail {
  private constructor(
    private readonly ws: CholeskyWorkspace,
    private readonly at: Layout,
    private readonly d: number,
    private readonly qRest: number,
    private readonly K: number,
    private readonly G: number,
    private readonly size: Float64Array,
    private readonly c: Float64Array,
    private readonly s: Float64Array,
    private readonly D: Float64Array,
  ) {}

  /** The rest's m×m matrix in the kernel's memory (column-major): the Factorizer's Lrr. */
  get M(): Float64Array {
    return this.ws.A;
  }

  /**
   * A kernel instance of its own holding the tail's data: cp's A from column d, the grouped Gram's entries
   * from there, the head's class tables. Undefined without wasm, with more than 255 groups, or when the
   * memory cannot hold it.
   */
  static attach(cp: Crossproducts, gram: GroupedGram, head: HeadSchur, d: number): WasmHeadTail | undefined {
    const G = gram.groupKey.length;
    if (G > 255) return undefined;
    const { m, Arr } = cp;
    const { t, size, keyA, keyW, gamma } = head.tables();
    const K = head.classes;
    const L = t * (1 + G);
    const { positions, entries } = gram.sizeFrom(d);
    if (positions + (K * t * (t + 1) * (1 + G) * (1 + G)) / 2 + (t * t * t) / 6 < MIN_WORK) return undefined;
    const bytes = layout(0, m, G, K, L, positions, entries).end;
    const ws = new CholeskyWorkspace(m, bytes, true);
    const k = ws.wasmKernel;
    if (!k || ws.extraBytes < bytes) return undefined;
    const at = layout(k.extraAt, m, G, K, L, positions, entries);
    const buf = k.buffer;
    const packed = new Float64Array(buf, at.ap, positions);
    for (let j = d, p = 0; j < m; p += m - j, j++) packed.set(Arr.subarray(j * m + j, j * m + m), p);
    gram.streamsFrom(d, new Uint8Array(buf, at.cnt, positions), new Uint8Array(buf, at.grp, entries), new Float64Array(buf, at.w, entries));
    new Float64Array(buf, at.gamma, K * L * L).set(gamma);
    new Float64Array(buf, at.keyA, K).set(keyA);
    new Float64Array(buf, at.keyW, K * G).set(keyW);
    return new WasmHeadTail(ws, at, d, cp.qRest, K, G, size, new Float64Array(buf, at.c, G), new Float64Array(buf, at.s, m), new Float64Array(buf, at.dOut, K));
  }

  /** Whether factor() runs the kernel (wasm present and the Cholesky backend not forced to JS). */
  get usable(): boolean {
    return this.ws.usesWasm;
  }

  /**
   * The tail factored at the group weights c, the row scales s and the head scale t₁, as formTailByClasses;
   * sets the head's log-determinant as HeadSchur.update does. False when a pivot failed.
   */
  factor(c: Float64Array, s: Float64Array, t1: number, head: HeadSchur): boolean {
    const k = this.ws.wasmKernel!;
    this.c.set(c);
    this.s.set(s);
    const a = this.at;
    const code = k.headTail(k.matrixAt, this.ws.m, this.d, this.qRest, a.ap, a.cnt, a.grp, a.w, a.c, a.s, this.K, this.G, a.gamma, a.keyA, a.keyW, a.gam, t1, a.dOut, ...k.factorArgs(this.ws.m));
    if (code === 1) return false;
    // HeadSchur.update's Σ_κ n_κ log D_κ, in its order
    let logDet = 0;
    for (let q = 0; q < this.K; q++) logDet += this.size[q] * Math.log(this.D[q]);
    head.headLogDet = logDet;
    return code === 0;
  }
}
