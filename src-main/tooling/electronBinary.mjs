// Where the Electron executable is, or why there is none, in words that fit this project's machines.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable, or the reason there is none. */
export function electronBinary() {
  try {
    const path = require('electron'); // the npm package exports the binary's path, or throws if it was never downloaded
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: `the Electron package points at ${path}, which does not exist` };
  } catch (e) {
    // the package's own message ("failed to install correctly, … try installing again") would send the
    // user to reinstall, which cannot help where GitHub is unreachable: say what is actually the case
    return { reason: `the electron npm package is installed without its binary (${e instanceof Error && /install/i.test(e.message) ? 'the download from GitHub was skipped or failed' : String(e)})` };
  }
}

