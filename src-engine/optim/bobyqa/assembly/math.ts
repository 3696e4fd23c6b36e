// AssemblyScript only (build-wasm.mjs puts this file in place of ../math.ts): V8's own functions,
// imported, so the wasm build rounds exactly as the JS one does.
@external("math", "cos") export declare function cos(x: f64): f64;
@external("math", "sin") export declare function sin(x: f64): f64;
@external("math", "hypot") export declare function hypot(x: f64, y: f64): f64;
@external("math", "atan2") export declare function atan2(y: f64, x: f64): f64;
@external("math", "acos") export declare function acos(x: f64): f64;
