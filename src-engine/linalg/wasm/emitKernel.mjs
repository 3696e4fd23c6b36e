// Shared tail of the kernel generators (build-kernel.mjs, build-inverse-kernel.mjs): assemble the WAT
// text with wabt (SIMD128), write `<name>.wat` for review and the binary as base64 in a TS module,
// rewriting the module only when it changed (so a rebuild leaves an unchanged kernel's mtime alone).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';

/**
 * @param {string} dir where the files go
 * @param {string} name the kernel's file stem ("cholesky", "inverse")
 * @param {string} wat the module's text
 * @param {(bytes: number, base64: string) => string} tsSource the TS module, given the binary
 * @returns {Promise<number>} the binary's size in bytes
 */
export async function emitKernel(dir, name, wat, tsSource) {
  const wabt = await wabtInit();
  const features = { simd: true, threads: true };
  const mod = wabt.parseWat(`${name}.wat`, wat, features);
  mod.validate(features);
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
  mod.destroy();
  writeFileSync(join(dir, `${name}.wat`), wat);
  const ts = tsSource(buffer.length, Buffer.from(buffer).toString('base64'));
  const tsPath = join(dir, `${name}Kernel.ts`);
  let old = '';
  try {
    old = readFileSync(tsPath, 'utf8');
  } catch {
    // first build
  }
  if (old !== ts) writeFileSync(tsPath, ts);
  return buffer.length;
}
