/**
 * B ← L⁻¹B for many right-hand sides through the inverse kernel's `trsm4` (wasm/build-inverse-kernel.mjs:
 * four columns at a time, f64x2 along the rows, the JS loop's arithmetic in its order, so the result is
 * the same as solving column by column). Used where one factor whitens many columns (nlme's dense
 * correlation groups). Its own instance of the module (on its own memory, no helper threads): L and B are
 * copied in and B back out per call.
 */
import { WASM_PAGE, type WasmMemory, webAssembly } from './wasmApi';
import { inverseKernelMemory, inverseKernelModule } from './wasmInverse';

type Trsm4 = (L: number, B: number, n: number, ldb: number, count: number) => void;

/** Below this order (or four columns) the copies cost more than the kernel saves. */
export const WASM_SOLVE_MIN_ORDER = 48;

let instance: { memory: WasmMemory; trsm4: Trsm4 } | null | undefined;

function solver(): { memory: WasmMemory; trsm4: Trsm4 } | undefined {
  if (instance === undefined) {
    const mod = inverseKernelModule();
    const memory = mod && inverseKernelMemory();
    instance = memory ? { memory, trsm4: new (webAssembly()!.Instance)(mod, { env: { memory } }).exports.trsm4 as Trsm4 } : null;
  }
  return instance ?? undefined;
}

/**
 * For k < count − count mod 4: v[at + k·stride + r], r < n ← (L⁻¹ v_k)[r], L the leading n × n of the lower
 * factor F (column-major, leading dimension ld). Returns how many columns it solved (0 without wasm or
 * below the size where it pays): the caller solves the rest.
 */
export function forwardSolveColumnsWasm(F: Float64Array, ld: number, n: number, v: Float64Array, at: number, stride: number, count: number): number {
  const done = count - (count % 4);
  if (n < WASM_SOLVE_MIN_ORDER || done === 0) return 0;
  const k = solver();
  if (!k) return 0;
  const Lat = 64;
  const Bat = Lat + 8 * n * n;
  const bytes = Bat + 8 * n * done;
  if (k.memory.buffer.byteLength < bytes) {
    try {
      k.memory.grow(Math.ceil((bytes - k.memory.buffer.byteLength) / WASM_PAGE));
    } catch {
      return 0;
    }
  }
  const buf = k.memory.buffer;
  const L = new Float64Array(buf, Lat, n * n);
  for (let j = 0; j < n; j++) L.set(F.subarray(j * ld + j, j * ld + n), j * n + j);
  const B = new Float64Array(buf, Bat, n * done);
  for (let c = 0; c < done; c++) B.set(v.subarray(at + c * stride, at + c * stride + n), c * n);
  k.trsm4(Lat, Bat, n, n, done);
  for (let c = 0; c < done; c++) v.set(B.subarray(c * n, c * n + n), at + c * stride);
  return done;
}
