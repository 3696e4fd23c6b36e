// Runs the end-to-end suites (test/e2e/*.e2e.mjs) in Debian's Chromium against the real API over
// loopback HTTP. Each suite is a plain Node script that exits non-zero on failure.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const suites = readdirSync('test/e2e').filter((f) => f.endsWith('.e2e.mjs')).sort();
if (suites.length === 0) {
  console.log('e2e: no end-to-end suites in test/e2e yet');
  process.exit(0);
}
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('e2e: Chromium not found at /usr/bin/chromium (apt-get install chromium), or set CHROMIUM_PATH');
  process.exit(1);
}
let passed = 0;
let failed = 0;
for (const s of suites) {
  const r = spawnSync(process.execPath, [`test/e2e/${s}`], { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else failed++;
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
