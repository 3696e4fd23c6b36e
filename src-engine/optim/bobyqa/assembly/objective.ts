// AssemblyScript only (build-wasm.mjs puts this file in place of ../objective.ts): the objective lives
// in JS; wasmBobyqa.ts supplies these imports and reads x from this module's memory.
@external("objective", "evaluate") declare function evaluateAt(x: usize, n: i32, tolerant: bool): f64;
@external("objective", "evaluations") export declare function evaluations(): i32;
@external("objective", "evaluationsLeft") export declare function evaluationsLeft(): i32;

export function evaluate(x: Float64Array, tolerant: boolean): f64 {
  return evaluateAt(x.dataStart, x.length, tolerant);
}
