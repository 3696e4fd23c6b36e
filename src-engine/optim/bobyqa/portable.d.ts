/**
 * AssemblyScript's numeric types as TypeScript sees them. BOBYQA's sources in this folder are "portable"
 * AssemblyScript: the same text runs as TypeScript (JS) and compiles to WebAssembly (build-wasm.mjs), so
 * the two are one algorithm by construction. `<i32>x` is a no-op assertion in TS and a conversion in AS.
 */
declare type i32 = number;
declare type f64 = number;
