// AssemblyScript only: the wasm module's exports (wasmBobyqa.ts is their one caller).
import { iterate } from '../iterate';

let x0: Float64Array = new Float64Array(0);
let lower: Float64Array = new Float64Array(0);
let upper: Float64Array = new Float64Array(0);

/**
 * Starts a run on n variables: frees everything the last run allocated (the stub runtime's bump
 * heap; a run that ended by an exception left its objects there too) and returns the byte address of
 * 3n doubles for the caller to fill with x0, then the lower bounds, then the upper.
 */
export function begin(n: i32): usize {
  __reset();
  const io = new Float64Array(3 * n);
  x0 = io.subarray(0, n);
  lower = io.subarray(n, 2 * n);
  upper = io.subarray(2 * n, 3 * n);
  return io.dataStart;
}

/** The run itself (../iterate.ts); returns its outcome code. */
export function run(rhobeg: f64, rhoend: f64, ftolAbs: f64): i32 {
  return iterate(x0, lower, upper, rhobeg, rhoend, ftolAbs);
}
