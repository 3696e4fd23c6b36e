import { decodeBase64 } from './base64';

/**
 * The slice of the WebAssembly JS API the engine's kernels use (the engine's tsconfig has no DOM lib),
 * and the runtime's WebAssembly object when it has one.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** 64 KiB, WebAssembly's page. */
export const WASM_PAGE = 65536;

export function webAssembly(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/**
 * A kernel's module from its base64 text, compiled on the first call (once per thread); undefined where
 * the runtime has no WebAssembly or cannot compile it (no SIMD128, wasm disabled), and callers run JS.
 */
export function lazyModule(base64: string): () => object | undefined {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      compiled = null;
      const wasm = webAssembly();
      try {
        if (wasm) compiled = new wasm.Module(decodeBase64(base64));
      } catch {
        compiled = null;
      }
    }
    return compiled ?? undefined;
  };
}
