// Reliability in the browser build (issue 16): an imported file is streamed to
// POST /api/dataset.upload as raw bytes (never base64 JSON through dataset.import), the busy line
// shows the upload's progress, and a file the importer refuses says why.
/* global document, window, MutationObserver */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, buildIfNeeded, launch, ROOT, startServer, suite, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const requests = [];
page.on('request', (r) => {
  if (r.url().includes('/api/dataset.')) requests.push({ url: r.url(), contentType: r.headers()['content-type'] ?? '', size: r.postDataBuffer()?.length ?? 0 });
});

await suite('reliability: streamed uploads', async (t) => {
  await t.step('a chosen file is streamed to dataset.upload and imported', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').waitFor();
    await waitCell(page, 0, 'Reaction', '249.56');
    const uploads = requests.filter((r) => r.url.includes('/api/dataset.upload?'));
    assert(uploads.length === 1, `one upload request, saw ${JSON.stringify(requests)}`);
    assert(new URL(uploads[0].url).searchParams.get('fileName') === 'sleepstudy.csv', `file name in the query: ${uploads[0].url}`);
    assert(uploads[0].contentType === 'application/octet-stream', `raw body, not JSON: ${uploads[0].contentType}`);
    assert(!requests.some((r) => r.url.endsWith('/api/dataset.import')), 'dataset.import (base64 JSON) is not used for a user file');
  });

  await t.step('a large file shows its upload in the busy line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-e2e-'));
    const lines = ['y,x,g'];
    for (let i = 0; i < 600_000; i++) lines.push(`${(i * 7919) % 1000},${i % 97},g${i % 50}`);
    const file = join(dir, 'big upload.csv');
    writeFileSync(file, lines.join('\n'));
    // record every busy line shown while the import runs
    await page.evaluate(() => {
      window.__busy = [];
      new MutationObserver(() => {
        const b = document.querySelector('.busy');
        if (b && window.__busy.at(-1) !== b.textContent) window.__busy.push(b.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await $('import-input').setInputFiles(file);
    await page.getByText('600,000 rows × 3 columns').waitFor();
    const busy = await page.evaluate(() => window.__busy);
    // XMLHttpRequest always reports the end of the upload; the percentages before it depend on speed
    assert(busy.some((b) => /Importing big upload\.csv \(\d+(\.\d)? MB sent\)…/.test(b)), `busy lines: ${JSON.stringify(busy)}`);
    assert(busy.every((b) => /(Uploading big upload\.csv… \d+%|Importing big upload\.csv)/.test(b)), `busy lines: ${JSON.stringify(busy)}`);
  });

  await t.step('a file the importer refuses says why, and the app keeps working', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quadrat-e2e-')), 'empty.csv');
    writeFileSync(file, '');
    await $('import-input').setInputFiles(file);
    await page.locator('[data-notice-id]').filter({ hasText: 'Importing empty.csv:' }).waitFor();
    const text = await page.locator('[data-notice-id]').filter({ hasText: 'Importing empty.csv:' }).innerText();
    assert(/empty/i.test(text), `the notice says the file is empty: ${text}`);
    assert(!/internal/i.test(text), `not an internal error: ${text}`);
    await page.getByText('600,000 rows × 3 columns').waitFor();
  });

  await t.step('no errors in the browser console', async () => {
    // the refused upload's 422 is logged by Chromium as a failed resource; everything else must be clean
    const unexpected = problems.filter((p) => !/status of 422/.test(p));
    assert(unexpected.length === 0, unexpected.join('\n'));
  });
});

await browser.close();
await server.stop();
