/** Write a file atomically (temp file + rename), turning OS errors into a QuadratError naming the file. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { QuadratError } from '../../src-engine/errors/quadratError';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new QuadratError('input', `Could not write "${path}": ${(e as Error).message}`, { file: path });
  }
}
