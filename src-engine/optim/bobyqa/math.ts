/**
 * The functions BOBYQA takes from Math that WebAssembly has no instruction for. Both builds use V8's:
 * this module as it is for JS, and assembly/math.ts (imports of these same functions) for the wasm, so
 * the two give the same bits. (sqrt, abs, min, max and floor are exact in both and stay Math's.)
 */
export const cos = Math.cos;
export const sin = Math.sin;
export const hypot = Math.hypot;
export const atan2 = Math.atan2;
export const acos = Math.acos;
