// Reliability in the browser build (issue 16): an imported file is streamed to
// POST /api/dataset.upload as raw bytes (never base64 JSON through dataset.import), the busy line
// shows the upload's progress, and a file the importer refuses says why. Settings → factor level
// order (issue 17) applies to new imports and survives a reload. When the server stops, the tab says
// so; a server restarted by the user answers at the same address and the tab offers to reload (issue 17).
/* global document, window, MutationObserver */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, buildIfNeeded, launch, ROOT, startServer, suite, waitCell } from './lib.mjs';

buildIfNeeded();
let server = await startServer(undefined, { port: 'last' });
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

  await t.step('Settings → factor level order: C order for new imports, kept after a reload', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quadrat-e2e-')), 'warming.csv');
    writeFileSync(file, 'y,treatment\n1,Warm\n2,control\n3,Warm\n4,control\n');
    const firstLevel = async () => {
      await $('colmenu-treatment').click();
      const ref = await page.locator('[data-testid=column-menu] .levels li.ref').innerText();
      await page.keyboard.press('Escape');
      return ref;
    };
    await $('import-input').setInputFiles(file);
    await page.getByText('4 rows × 2 columns').waitFor();
    assert((await firstLevel()).includes('control'), 'by default control is the reference level, as in R');
    await $('settings-button').click();
    assert((await $('setting-level-order').inputValue()) === 'locale', 'the default is the locale order');
    // the reload must come after the setting is stored: wait for settings.update's answer, not only the select
    const saved = page.waitForResponse((r) => r.url().includes('/api/settings.update') && r.ok());
    await $('setting-level-order').selectOption('C');
    await saved;
    await page.waitForFunction(() => document.querySelector('[data-testid="setting-level-order"]')?.value === 'C');
    await page.keyboard.press('Escape');
    await page.reload();
    await $('settings-button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="setting-level-order"]')?.value === 'C');
    await page.keyboard.press('Escape');
    await $('import-input').setInputFiles(file);
    // the second warming dataset is there and active (it is the last one)
    await page.waitForFunction(() => {
      const options = [...document.querySelectorAll('[data-testid="dataset-select"] option')];
      return options.filter((o) => /warming/.test(o.textContent ?? '')).length === 2 && options.at(-1)?.selected;
    });
    await page.locator('.ag-header-cell[col-id="treatment"]').waitFor();
    assert((await firstLevel()).includes('Warm'), 'in C order Warm comes first');
  });

  let beforeStop = 0;
  await t.step('when the server stops the tab says so; restarted, it answers at the same address and the tab reloads', async () => {
    beforeStop = problems.length;
    const address = new URL(server.url);
    await server.stop();
    await page.locator('[data-testid="server-banner"][data-state="lost"]').waitFor();
    await page.getByText('npm run web').first().waitFor();
    server = await startServer(server.userData, { port: 'last' });
    const again = new URL(server.url);
    assert(again.port === address.port && again.hash === address.hash, `same port and token after a restart: ${address} then ${again}`);
    await page.locator('[data-testid="server-banner"][data-state="restarted"]').waitFor();
    await $('server-reload').click();
    await $('start-screen').waitFor();
    assert((await $('server-banner').count()) === 0, 'no banner after the reload');
  });

  await t.step('no errors in the browser console', async () => {
    // the refused upload's 422 is logged by Chromium as a failed resource, and so are the requests
    // made while the server was stopped; everything else must be clean
    const unexpected = problems.filter((p, i) => !/status of 422/.test(p) && !(i >= beforeStop && /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET/.test(p)));
    assert(unexpected.length === 0, unexpected.join('\n'));
  });
});

await browser.close();
await server.stop();
