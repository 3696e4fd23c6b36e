/** `npm start` explains a missing Electron binary in its own words, not Electron's "try installing again" (issue 17). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../../src-main/tooling/electronBinary.mjs';

const require = createRequire(import.meta.url);
function hasBinary(): boolean {
  try {
    return existsSync(require('electron') as string);
  } catch {
    return false;
  }
}

describe('electronBinary', () => {
  it('gives the binary, or a reason that does not tell the user to reinstall', () => {
    const r = electronBinary();
    if (hasBinary()) {
      expect(r.path && existsSync(r.path)).toBe(true);
    } else {
      expect(r.path).toBeUndefined();
      expect(r.reason).toContain('installed without its binary');
      expect(r.reason).not.toMatch(/try installing again|delete node_modules/);
    }
  });
});
