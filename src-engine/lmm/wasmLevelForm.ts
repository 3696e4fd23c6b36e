/**
 * Factorizer.factor's block 0 and rest for a model with one vector-valued term ((1 + x | g): S₀ ≥ 2, no
 * other term) in the Cholesky kernel's own memory (linalg/wasm/build-kernel.mjs, levelForm): L₁₁[l],
 * every B_l and A_rr − Σ_l B_l B_lᵀ, the JS code's arithmetic in its order, so the same bits; the rest is
 * then factored where it lies. A first fit's evaluations run before V8 has optimised the JS (Orthodont:
 * ≈ 150 µs each interpreted, of which the kernel needs a few); the kernel runs compiled from its first call.
 * Layout of the workspace's extra region (f64):
 *   [A₁₁ (nl S₀²)][A_r1 (nl m S₀)][A_rr (m²)][T₀ (S₀²)][scratch (S₀²)][L₁₁ (nl S₀²)][B (nl m S₀)]
 * L₁₁ and B are the Factorizer's own arrays (views), so parts(), levelRows and the solve read them there.
 */
import { type CholeskyWorkspace } from '../linalg/choleskyWorkspace';
import { type Crossproducts } from './crossproducts';
import { type ReBlock } from './reBlocks';

/** The kernel's level factors use its one-panel factorization, the JS kernel's bits up to this order. */
const MAX_S0 = 16;

interface Layout {
  a11: number;
  a1r: number;
  arr: number;
  t0: number;
  tmp: number;
  l11: number;
  b: number;
  end: number;
}

function layout(at: number, m: number, S0: number, nl: number): Layout {
  const a11 = at;
  const a1r = a11 + 8 * nl * S0 * S0;
  const arr = a1r + 8 * nl * m * S0;
  const t0 = arr + 8 * m * m;
  const tmp = t0 + 8 * S0 * S0;
  const l11 = tmp + 8 * S0 * S0;
  const b = l11 + 8 * nl * S0 * S0;
  return { a11, a1r, arr, t0, tmp, l11, b, end: b + 8 * nl * m * S0 };
}

export class WasmLevelForm {
  private constructor(
    private readonly ws: CholeskyWorkspace,
    private readonly at: Layout,
    private readonly S0: number,
    private readonly nl: number,
    private readonly t0: Float64Array,
    /** L₁₁ per level (S₀×S₀ column-major), in the kernel's memory. */
    readonly L11: Float64Array,
    /** B_l per level (m × S₀ column-major), in the kernel's memory. */
    readonly B: Float64Array,
  ) {}

  /**
   * Whether the kernel computes this system: one block of 2..16 coefficients per level and nothing else
   * in the rest but [X y], which every level couples in full (the JS then takes its dense path:
   * formLevelRows' general loop, no scattered products, subtractRowGram over all of [X y]).
   */
  static applies(cp: Crossproducts, blocks: readonly ReBlock[]): boolean {
    const S0 = blocks[0].S;
    if (blocks.length !== 1 || S0 < 2 || S0 > MAX_S0 || cp.qRest !== 0 || cp.restPattern) return false;
    const { m, patStart, patRows } = cp;
    for (let l = 0; l <= blocks[0].nl; l++) if (patStart[l] !== l * m) return false;
    for (let t = 0; t < patRows.length; t++) if (patRows[t] !== t % m) return false;
    return true;
  }

  /** Bytes of the extra region the workspace must reserve. */
  static bytesFor(m: number, block: ReBlock): number {
    return layout(0, m, block.S, block.nl).end;
  }

  /** The kernel on `ws` (reserved with bytesFor), with cp's A₁₁, A_r1 and A_rr copied in; undefined without the room. */
  static attach(ws: CholeskyWorkspace, cp: Crossproducts, block: ReBlock): WasmLevelForm | undefined {
    const k = ws.wasmKernel;
    const { S: S0, nl } = block;
    if (!k || ws.m !== cp.m || ws.extraBytes < WasmLevelForm.bytesFor(cp.m, block)) return undefined;
    const at = layout(k.extraAt, cp.m, S0, nl);
    const buf = k.buffer;
    new Float64Array(buf, at.a11, nl * S0 * S0).set(cp.A11);
    new Float64Array(buf, at.a1r, nl * cp.m * S0).set(cp.A1rValues);
    new Float64Array(buf, at.arr, cp.m * cp.m).set(cp.Arr);
    return new WasmLevelForm(ws, at, S0, nl, new Float64Array(buf, at.t0, S0 * S0), new Float64Array(buf, at.l11, nl * S0 * S0), new Float64Array(buf, at.b, nl * cp.m * S0));
  }

  /**
   * L₁₁ and B at the template T₀, and the rest's lower triangle (ws.A) ← A_rr − Σ_l B_l B_lᵀ, as
   * factorBlock0, formRest and formLevelRows do. False when a level's factor failed (θ not finite): the
   * rest is then left as it was.
   */
  form(T0: Float64Array): boolean {
    const k = this.ws.wasmKernel!;
    const { m } = this.ws;
    this.t0.set(T0);
    const { a11, a1r, arr, t0, tmp, l11, b } = this.at;
    return k.levelForm(m, this.S0, this.nl, a11, a1r, arr, t0, tmp, l11, b, k.matrixAt) === 1;
  }
}
