/**
 * SupernodalFactorizer.factor's supernodes in the Cholesky kernel's memory (linalg/wasm/build-kernel.mjs,
 * snFactor): every supernode scaled at θ (scaleNode, lambdaRows), then eliminated into the later ones and
 * the dense rest, which the kernel factors where it lies. The JS loops in their order, so the same bits.
 * A supernode's work is a few dozen multiply–adds behind a dozen array lookups: ≈ 120 ns each in V8's
 * optimised JS, which is what the nested-with-slopes fits spend their time on (field_nested_slopes: 990
 * supernodes, 98 evaluations).
 * Layout of the workspace's extra region: f64 [A_ss][A_Ps][D][O][T], then i32 per supernode [S][col0]
 * [block][pattern offset][pattern length][D offset][O offset], [patterns][owner], per block [S_k][T_k offset],
 * per global index [rowBlock][rowFirst][pos]. D and O are the factorizer's own views (solve, selected
 * inversion and parts() read them there).
 */
import { type CholeskyWorkspace } from '../linalg/choleskyWorkspace';
import { type ReBlock } from './reBlocks';
import { type Supernode } from './supernodalAssembly';

/** The supernodes' diagonal blocks are factored by the kernel's one panel, the JS kernel's bits below this order. */
const MAX_S = 16;

interface Sizes {
  f64: { Add: number; Aps: number; D: number; O: number; T: number };
  i32: { nS: number; nCol0: number; nBlock: number; pOff: number; pLen: number; dOff: number; oOff: number; pats: number; owner: number; bS: number; tOff: number; rowBlock: number; rowFirst: number; pos: number };
}

function sizes(nodes: readonly Supernode[], blocks: readonly ReBlock[], qE: number, m: number): Sizes {
  let ss = 0;
  let rs = 0;
  let pats = 0;
  for (const s of nodes) {
    ss += s.S * s.S;
    rs += s.pattern.length * s.S;
    pats += s.pattern.length;
  }
  const N = nodes.length;
  const total = qE + m;
  return {
    f64: { Add: ss, Aps: rs, D: ss, O: rs, T: blocks.reduce((a, b) => a + b.S * b.S, 0) },
    i32: { nS: N, nCol0: N, nBlock: N, pOff: N, pLen: N, dOff: N, oOff: N, pats, owner: qE, bS: blocks.length, tOff: blocks.length, rowBlock: total, rowFirst: total, pos: total },
  };
}

/** Byte addresses of every region from `at` (8-byte aligned), and the end. */
function addresses(at: number, sz: Sizes): { f64: Record<keyof Sizes['f64'], number>; i32: Record<keyof Sizes['i32'], number>; end: number } {
  let next = at;
  const f64 = {} as Record<keyof Sizes['f64'], number>;
  for (const [k, n] of Object.entries(sz.f64)) {
    f64[k as keyof Sizes['f64']] = next;
    next += 8 * n;
  }
  const i32 = {} as Record<keyof Sizes['i32'], number>;
  for (const [k, n] of Object.entries(sz.i32)) {
    i32[k as keyof Sizes['i32']] = next;
    next += 4 * n + (n % 2 === 1 ? 4 : 0);
  }
  return { f64, i32, end: next };
}

export interface SupernodalInputs {
  nodes: readonly Supernode[];
  blocks: readonly ReBlock[];
  owner: Int32Array;
  qE: number;
  m: number;
  rowBlock: Int32Array;
  rowFirst: Int32Array;
  /** A's per-supernode numbers as packed views (packedViews): diagonal blocks and pattern values. */
  Add: readonly Float64Array[];
  Aps: readonly Float64Array[];
}

export class WasmSupernodal {
  private constructor(
    private readonly ws: CholeskyWorkspace,
    private readonly at: ReturnType<typeof addresses>,
    private readonly nodeCount: number,
    private readonly qE: number,
    private readonly T: Float64Array,
    private readonly tOff: Int32Array,
    /** Per supernode: its D (S×S) and O (R×S), views into the kernel's memory. */
    readonly D: Float64Array[],
    readonly O: Float64Array[],
  ) {}

  /** Whether the kernel takes these supernodes (every diagonal block small enough for its one-panel factorization). */
  static applies(nodes: readonly Supernode[]): boolean {
    return nodes.every((s) => s.S <= MAX_S);
  }

  /** Bytes of the extra region the workspace must reserve. */
  static bytesFor(nodes: readonly Supernode[], blocks: readonly ReBlock[], qE: number, m: number): number {
    return addresses(0, sizes(nodes, blocks, qE, m)).end;
  }

  /** The kernel on `ws` (reserved with bytesFor) with the structure and A's numbers copied in; undefined without the room. */
  static attach(ws: CholeskyWorkspace, x: SupernodalInputs): WasmSupernodal | undefined {
    const k = ws.wasmKernel;
    const { nodes, blocks, qE, m } = x;
    const sz = sizes(nodes, blocks, qE, m);
    if (!k || ws.m !== m || ws.extraBytes < addresses(0, sz).end) return undefined;
    const at = addresses(k.extraAt, sz);
    const buf = k.buffer;
    const f64 = (name: keyof Sizes['f64']) => new Float64Array(buf, at.f64[name], sz.f64[name]);
    const i32 = (name: keyof Sizes['i32']) => new Int32Array(buf, at.i32[name], sz.i32[name]);
    const [nS, nCol0, nBlock, pOff, pLen, dOff, oOff, pats] = (['nS', 'nCol0', 'nBlock', 'pOff', 'pLen', 'dOff', 'oOff', 'pats'] as const).map(i32);
    const Add = f64('Add');
    const Aps = f64('Aps');
    const Dall = f64('D');
    const Oall = f64('O');
    const D: Float64Array[] = [];
    const O: Float64Array[] = [];
    let p = 0;
    let d = 0;
    let o = 0;
    nodes.forEach((s, i) => {
      const R = s.pattern.length;
      nS[i] = s.S;
      nCol0[i] = s.col0;
      nBlock[i] = s.block;
      pOff[i] = p;
      pLen[i] = R;
      dOff[i] = d;
      oOff[i] = o;
      pats.set(s.pattern, p);
      Add.set(x.Add[i], d);
      Aps.set(x.Aps[i], o);
      D.push(Dall.subarray(d, d + s.S * s.S));
      O.push(Oall.subarray(o, o + R * s.S));
      p += R;
      d += s.S * s.S;
      o += R * s.S;
    });
    i32('owner').set(x.owner);
    const bS = i32('bS');
    const tOff = i32('tOff');
    let t = 0;
    blocks.forEach((b, kk) => {
      bS[kk] = b.S;
      tOff[kk] = t;
      t += b.S * b.S;
    });
    i32('rowBlock').set(x.rowBlock);
    i32('rowFirst').set(x.rowFirst);
    return new WasmSupernodal(ws, at, nodes.length, qE, f64('T'), tOff.slice(), D, O);
  }

  /**
   * The supernodes at the templates T (one per block), eliminated into the dense rest (ws.A, already
   * holding Λᵀ A_rr Λ + I): 0, or 1 when a pivot is not positive.
   */
  eliminate(T: readonly Float64Array[]): number {
    const k = this.ws.wasmKernel!;
    T.forEach((Tk, b) => this.T.set(Tk, this.tOff[b]));
    const { f64, i32 } = this.at;
    const code = k.snFactor(this.nodeCount, this.qE, this.ws.m, i32.nS, i32.nCol0, i32.nBlock, i32.pOff, i32.pLen, i32.dOff, i32.oOff, i32.pats, i32.owner, f64.Add, f64.Aps, f64.D, f64.O, i32.bS, i32.tOff, f64.T, i32.rowBlock, i32.rowFirst, i32.pos, k.matrixAt);
    if (code === 2) throw new Error('supernodal: a level is split in a pattern');
    return code;
  }
}
