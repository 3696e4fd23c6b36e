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
