// Shared helpers for the end-to-end suites: build once, start the real web server on a free port
// with a throw-away user-data folder, drive Debian's Chromium with playwright-core, save screenshots.
/* global document */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'test-results/screenshots');

/** Every source file's path and content, hashed: a build is fresh only for the sources it was built from. */
function sourcesHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else hash.update(`${p}\0`).update(readFileSync(p));
    }
  };
  for (const d of ['src-main', 'src-engine', 'src-renderer', 'assets']) walk(join(ROOT, d));
  for (const f of ['package.json', 'vite.config.ts']) if (existsSync(join(ROOT, f))) hash.update(readFileSync(join(ROOT, f)));
  return hash.digest('hex');
}

/**
 * Builds the server and the renderer unless each was built from exactly the sources there now. The hash
 * is taken before the build starts, so an edit made while a build runs makes the next run build again
 * (an mtime comparison would take that bundle as fresh).
 */
export function buildIfNeeded() {
  const sources = sourcesHash();
  const outputs = [
    { stamp: join(ROOT, 'dist/web/.sources'), args: ['src-main/tooling/build-node.mjs'], what: 'build-node' },
    { stamp: join(ROOT, 'dist-web/.sources'), args: ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], what: 'vite build' },
  ];
  for (const { stamp, args, what } of outputs) {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sources) continue;
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${what} failed`);
    writeFileSync(stamp, sources);
  }
}

/**
 * Starts dist/web/server.mjs on a random port (or, with { port: 'last' }, on the user-data folder's last
 * port and token, as a user's restart does); resolves with its URL (token included) and a stop().
 */
export async function startServer(userData = mkdtempSync(join(tmpdir(), 'quadrat-e2e-')), { port = '0' } = {}) {
  const portArgs = port === 'last' ? [] : ['--port', port];
  const child = spawn(process.execPath, ['dist/web/server.mjs', ...portArgs, '--user-data', userData], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // projects saved by name go to the throw-away folder, not the tester's Documents
    env: { ...process.env, QUADRAT_PROJECTS_DIR: join(userData, 'projects') },
  });
  // Never leave a server behind, whatever happens to the suite.
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  let out = '';
  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 20_000);
    const onData = (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/);
      if (m) {
        clearTimeout(timer);
        res(m[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => rej(new Error(`server exited (${code}):\n${out}`)));
  });
  return {
    url,
    userData,
    log: () => out,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000);
      }),
  };
}

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  // the console says only "status of 422": which call it was (recorded as it arrives, from the request)
  // and, when Chromium still has it, what it answered (added later: under load a response body can stay
  // unavailable, and a suite must not depend on it)
  const failedCalls = [];
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const at = failedCalls.push(`HTTP ${r.status()} from ${new URL(r.url()).pathname} (${r.request().postData()?.slice(0, 300) ?? ''})`) - 1;
    r.text().then(
      (body) => (failedCalls[at] += `: ${body.slice(0, 300)}`),
      () => undefined,
    );
  });
  // what a failed step leaves behind (see `diagnose`): the calls still waiting for an answer
  const pending = new Map();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path !== '/api/events') pending.set(r, `${r.method()} ${path} since ${new Date().toISOString().slice(11, 23)}`); // not the event stream
  });
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => {
    pending.delete(r);
    failedCalls.push(`request failed: ${r.method()} ${new URL(r.url()).pathname}: ${r.failure()?.errorText ?? ''}`);
  });
  openPages.push({ page, problems, failedCalls, pending });
  return { browser, context, page, problems, failedCalls };
}

/** Pages opened by `launch`, for the report of a failed step. */
const openPages = [];

/**
 * After a failed step: what each page showed (its text, the busy line and notices among it), the API
 * calls still unanswered, errors seen so far, and a screenshot — so a failure on a busy CI machine
 * can be told apart from a lost request. Each part is bounded in time: a report never hangs a suite.
 */
async function diagnose(suiteName) {
  const within = (promise) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('(no answer in 5 s)'), 5_000))]);
  for (const [k, { page, problems, failedCalls, pending }] of openPages.entries()) {
    if (page.isClosed()) continue;
    const text = await within(page.locator('body').innerText().catch((e) => `(unreadable: ${e.message})`));
    console.error(`    page ${k} at ${page.url()} showed:\n      ${String(text).replace(/\s*\n\s*/g, ' ⏎ ').slice(0, 1500)}`);
    console.error(`    calls unanswered: ${pending.size ? [...pending.values()].join('; ') : 'none'}`);
    if (problems.length || failedCalls.length) console.error(`    errors so far: ${[...problems, ...failedCalls].join('; ').slice(0, 1500)}`);
    const name = `failed-${suiteName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${k}`;
    const saved = await within(shot(page, name).then(() => `${name}.png`, (e) => `(no screenshot: ${e.message})`));
    console.error(`    screenshot: ${saved}`);
  }
}

/** Mark a column as a factor from its column menu and wait until the grid shows it. */
export async function makeFactor(page, column) {
  const $ = (id) => page.locator(`[data-testid="${id}"]`);
  await $(`colmenu-${column}`).click();
  await $('column-menu').waitFor();
  await $('type-factor').click();
  await page.locator('[data-testid=column-menu] .levels li').first().waitFor();
  await page.keyboard.press('Escape');
  await page.locator(`.ag-header-cell[col-id="${column}"] .type-badge.t-factor`).waitFor();
}

/**
 * The visible form controls a screen reader would announce without a name: no <label>, aria-label or
 * aria-labelledby (issue 17: label every select). Returns their opening tags.
 */
export function unnamedControls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('select, input:not([type=hidden]), textarea')]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 160)),
  );
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A tiny test runner: named steps, first failure stops the suite, exit code says the outcome. */
export async function suite(name, body) {
  const started = Date.now();
  let step = '(setup)';
  const steps = [];
  const soft = [];
  const t = {
    /** A check whose failure is reported at the end without stopping the later steps. */
    async soft(label, fn) {
      try {
        await fn();
        console.log(`  ✓ ${label}`);
      } catch (e) {
        soft.push(label);
        console.error(`  ✗ ${label}\n    ${e instanceof Error ? e.message : e}`);
      }
    },
    async step(label, fn) {
      step = label;
      const s = Date.now();
      await fn();
      steps.push(label);
      console.log(`  ✓ ${label} (${Date.now() - s} ms)`);
    },
  };
  console.log(`${name}`);
  try {
    await body(t);
    if (soft.length) {
      process.exitCode = 1;
      console.error(`  ${soft.length} check(s) failed: ${soft.join('; ')}`);
    }
    console.log(`  ${steps.length} steps done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`  ✗ ${step}\n    ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    process.exitCode = 1;
    await diagnose(name);
  }
}

/**
 * Waits until a grid cell shows `text`. The grid reads rows in pages over the API, so a cell can
 * exist (empty) before its page arrives: read cells only after this.
 */
export async function waitCell(page, row, col, text, timeout = 30_000) {
  const selector = `.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`;
  try {
    await page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text], { timeout });
  } catch {
    const shown = await page.evaluate((s) => document.querySelector(s)?.textContent ?? '(no cell)', selector);
    throw new Error(`cell ${col} of row ${row + 1} shows "${shown}", expected "${text}"`);
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function close(actual, expected, tol, what) {
  if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${what}: got ${actual}, expected ${expected} ± ${tol}`);
}

/**
 * Click, then wait for a notice containing `text` that is newer than every notice shown before the
 * click (an earlier identical notice may still be on screen for a few seconds).
 */
export async function clickForNotice(page, locator, text, timeout = 30_000) {
  const newest = () => Math.max(0, ...[...document.querySelectorAll('[data-notice-id]')].map((e) => Number(e.getAttribute('data-notice-id'))));
  const before = await page.evaluate(newest);
  await locator.click();
  await page.waitForFunction(
    ([after, t]) => [...document.querySelectorAll('[data-notice-id]')].some((e) => Number(e.getAttribute('data-notice-id')) > after && e.textContent.includes(t)),
    [before, text],
    { timeout },
  );
}
