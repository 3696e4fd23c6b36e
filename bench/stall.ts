/**
 * `npx tsx bench/stall.ts [--rows N] [--fits K]`: does the main process stay responsive under heavy
 * calls? The API runs as the browser build runs it (the loopback HTTP transport, SQLite store and a
 * worker-thread engine host in one process). A probe calls the cheap `app.info` over HTTP every 5 ms
 * while, at the same time: a 1M-row LMM is fitted and saved, the history of 38+ models is listed, a
 * 1M-row fit is opened (model.get and its vectors in pieces, as the plots read them) and a 1M-row
 * column is summarised, a 1M-row CSV is uploaded and imported, a parametric bootstrap and a batch
 * of 40 units run. It prints the probe's latency percentiles (goal: p99 < 50 ms, issue 16) and
 * how long each heavy call took. A benchmark, never a test: nothing here asserts a timing.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiApp } from '../src-main/api/apiApp';
import { type FitReport } from '../src-engine/lmm/fitReport';
import { createWorkerThreadHost } from '../src-main/host/workerThreadHost';
import { startHttpTransport } from '../src-main/web/httpTransport';
import { printTable } from './benchCases';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('--rows', 1_000_000);
const FITS = arg('--fits', 38);
const GROUPS = 1000;
/** Values per model.vectors call, as the renderer's plots ask (src-renderer/plots/fitVectors.ts). */
const PAGE = 16_384;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The engine worker as plain JavaScript (as the tests bundle it), beside node_modules so its externals resolve. */
async function buildWorker(): Promise<string> {
  const outDir = join(root, 'dist/test-workers');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `engineWorker-bench-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'src-main/host/engineWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'exceljs'],
    banner: { js: "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);" },
  });
  return outfile;
}

/** A stored fit of `n` rows: the size of what a real fit stores (fitted, residuals, rows). */
function syntheticReport(n: number, k: number): FitReport {
  const fitted = Array.from({ length: n }, (_, i) => Math.sin(i + k) * 10 + k);
  return {
    schema: 'quadrat.fit/1', formula: 'y ~ x + (1 | g)', family: 'gaussian', link: 'identity', method: 'REML', nobs: n, groups: { g: GROUPS },
    fixed: [{ term: '(Intercept)', estimate: k, stdError: 1, statistic: k, df: 10, pValue: 0.5 }], random: [], correlations: [],
    sigma: 1, logLik: -n, aic: 2 * n, bic: 2 * n + 1, deviance: 2 * n, remlCriterion: 2 * n, theta: [1], converged: true, singular: false,
    warnings: [], anova: [], timing: { fitMs: 0 },
    diagnostics: { fitted, residuals: fitted.map((f) => f / 10), rows: fitted.map((_, i) => i), ranef: [], vcov: [1] },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** A POST to the API; the result, or an Error with the API's message. */
function caller(url: string, token: string) {
  return async <T>(method: string, params: unknown = {}): Promise<T> => {
    const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(params) });
    const body = (await res.json()) as { result: T; error?: { message: string } };
    if (!res.ok) throw new Error(`${method}: ${body.error?.message}`);
    return body.result;
  };
}

interface Served {
  url: string;
  token: string;
  datasetId: number;
  bigFit: number;
  /** A small real dataset and fit, for the bootstrap and the batch. */
  smallId: number;
  smallFit: number;
}

/**
 * The server role (`--serve`, a child process as the real server is): set up the project (not
 * measured), print where it listens, serve until stdin closes.
 */
async function serve(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-stall-'));
  const workerPath = await buildWorker();
  const app = createApiApp({
    userDataDir: join(dir, 'userdata'),
    host: createWorkerThreadHost({ workerPath, size: 2, warmUp: true, prestart: true }), // as the web server starts them
    transport: 'http',
    examplesDir: join(root, 'assets/examples'),
    log: (m) => console.error(m),
  });
  // The longest synchronous stretch of each method on the server's thread (up to its first await):
  // what the server itself holds the thread for, apart from the machine's scheduling.
  const longest = new Map<string, number>();
  const call = app.call.bind(app);
  (app as { call: typeof app.call }).call = (method, params) => {
    const t0 = performance.now();
    const out = call(method, params);
    const ms = performance.now() - t0;
    if (ms > (longest.get(method) ?? 0)) longest.set(method, ms);
    return out;
  };
  const http = await startHttpTransport({ app, staticDir: null });
  await caller(http.url, http.token)('project.new', { path: join(dir, 'stall.quadrat') });
  const project = app.ctx.project!;
  const g = Int32Array.from({ length: N }, (_, i) => i % GROUPS);
  const x = Float64Array.from({ length: N }, (_, i) => (i % 97) / 10);
  const y = Float64Array.from({ length: N }, (_, i) => 2 + 0.5 * x[i] + Math.sin(g[i]) + Math.cos(i * 12.9898) * 0.7);
  const levels = Array.from({ length: GROUPS }, (_, i) => `g${i}`);
  const ds = project.datasets.add('big', { nrow: N, columns: [{ name: 'y', type: 'numeric', values: y }, { name: 'x', type: 'numeric', values: x }, { name: 'g', type: 'factor', codes: g, levels }] }, null);
  const spec = { formula: 'y ~ x + (1 | g)', reml: true, ddf: 'satterthwaite' as const, anovaType: 3 as const, family: 'gaussian' as const, nAGQ: 1 };
  for (let k = 0; k < FITS; k++) project.fits.add({ datasetId: ds.id, datasetName: 'big', name: `Model ${k + 1}`, spec, report: syntheticReport(2000, k), engineVersion: 'bench', dataHash: ds.dataHash });
  const bigFit = project.fits.add({ datasetId: ds.id, datasetName: 'big', name: 'big fit', spec, report: syntheticReport(N, 0), engineVersion: 'bench', dataHash: ds.dataHash });
  // 40 sites × 60 rows, 8 plots per site: a bootstrap refits it, a batch fits each site alone
  const smallRows = ['y,x,site,g'];
  for (let i = 0; i < 2400; i++) smallRows.push(`${(3 + 0.4 * (i % 11) + Math.sin(i % 8) + Math.cos(i * 7.31) * 0.8).toFixed(4)},${i % 11},s${Math.floor(i / 60)},p${i % 8}`);
  const small = await caller(http.url, http.token)<{ dataset: { id: number } }>('dataset.import', { source: { kind: 'text', fileName: 'small.csv', text: smallRows.join('\n') } });
  const smallJob = await caller(http.url, http.token)<{ jobId: string }>('fit.start', { datasetId: small.dataset.id, spec: { formula: 'y ~ x + (1 | g)' } });
  const smallFit = (await caller(http.url, http.token)<{ fitId: number }>('job.wait', { jobId: smallJob.jobId, timeoutMs: 600_000 })).fitId;
  longest.clear();
  // The setup's garbage (a million-row report built in JavaScript) is collected now, not during the measurement.
  (globalThis as { gc?: () => void }).gc?.();
  const served: Served = { url: http.url, token: http.token, datasetId: ds.id, bigFit, smallId: small.dataset.id, smallFit };
  process.stdout.write(JSON.stringify(served) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    console.error(`server: longest synchronous part per call (ms): ${[...longest].sort((a, b) => b[1] - a[1]).map(([m, ms]) => `${m} ${ms.toFixed(1)}`).join(', ')}`);
    void (async () => {
      await http.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(workerPath, { force: true });
      process.exit(0);
    })();
  });
}

/** The client role: the probe and the heavy calls, in a process of their own (as the renderer is). */
async function main(): Promise<void> {
  console.log(`setting up: ${N.toLocaleString('en')} rows, ${FITS} stored fits + one of ${N.toLocaleString('en')} rows…`);
  const server = spawn(process.execPath, [...(process.env.STALL_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.STALL_PROF}`] : []), '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', '--rows', String(N), '--fits', String(FITS)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const served = await new Promise<Served>((done, fail) => {
    let out = '';
    server.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) done(JSON.parse(out.slice(0, out.indexOf('\n'))) as Served);
    });
    server.on('exit', (code) => fail(new Error(`the server exited (${code})`)));
  });
  const call = caller(served.url, served.token);
  const { datasetId, bigFit, smallId, smallFit } = served;
  // the file to upload: N rows as a user's CSV (written before the measurement)
  const csvDir = mkdtempSync(join(tmpdir(), 'quadrat-stall-csv-'));
  const csvPath = join(csvDir, 'upload.csv');
  writeFileSync(csvPath, ['y,x,site', ...Array.from({ length: N }, (_, i) => `${((i * 7919) % 10007) / 100},${i % 97},s${i % 500}`)].join('\n'));
  try {
    // -- the probe: app.info over HTTP, one at a time, every 5 ms.
    const latencies: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now();
        await call('app.info');
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const idle = [...latencies].sort((a, b) => a - b);
    latencies.length = 0;

    const took: [string, number][] = [];
    const timed = async (label: string, work: () => Promise<unknown>) => {
      const t0 = performance.now();
      await work();
      took.push([label, performance.now() - t0]);
    };
    const t0 = performance.now();
    const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
    const work: [string, () => Promise<void>][] = [
      ['fit', async () => {
        const { jobId } = await call<{ jobId: string }>('fit.start', { datasetId, spec: { formula: 'y ~ x + (1 | g)' } });
        const st = await call<{ state: string; error: { message: string } | null }>('job.wait', { jobId, timeoutMs: 600_000 });
        if (st.state !== 'done') throw new Error(`the fit ended ${st.state}: ${st.error?.message}`);
      }],
      ['list', async () => {
        for (let k = 0; k < 20; k++) await call('model.list', {});
      }],
      ['get', async () => {
        await call('model.get', { fitId: bigFit });
        for (const name of ['fitted', 'residuals', 'rows'])
          for (let offset = 0; offset < N; offset += PAGE) await call('model.vectors', { fitId: bigFit, name, offset, limit: PAGE });
      }],
      ['summary', async () => {
        for (const column of ['y', 'x', 'g']) await call('dataset.summary', { datasetId, column });
      }],
      ['datasets', async () => {
        for (let k = 0; k < 20; k++) await call('dataset.list');
      }],
      ['import', async () => {
        // streamed as the browser build sends a file (POST /api/dataset.upload, raw body)
        const res = await fetch(`${served.url}api/dataset.upload?fileName=upload.csv`, { method: 'POST', headers: { authorization: `Bearer ${served.token}` }, body: await openAsBlob(csvPath) });
        if (!res.ok) throw new Error(`dataset.upload: ${((await res.json()) as { error?: { message: string } }).error?.message}`);
      }],
      ['boot', async () => {
        const { jobId } = await call<{ jobId: string }>('model.confint', { fitId: smallFit, method: 'boot', nsim: 200, seed: 1 });
        await call('model.confintResult', { jobId });
      }],
      ['batch', async () => {
        const { jobId } = await call<{ jobId: string }>('batch.start', { datasetId: smallId, spec: { formula: 'y ~ x + (1 | g)' }, split: { by: 'site' } });
        const st = await call<{ state: string; error: { message: string } | null }>('job.wait', { jobId, timeoutMs: 600_000 });
        if (st.state !== 'done') throw new Error(`the batch ended ${st.state}: ${st.error?.message}`);
      }],
    ];
    const labels: Record<string, string> = {
      fit: `fit.start + save (${N.toLocaleString('en')} rows)`,
      list: `model.list ×20 (${FITS + 1} models)`,
      get: `model.get + every vector in pages of ${PAGE.toLocaleString('en')} (${N.toLocaleString('en')} rows)`,
      summary: `dataset.summary of 3 columns (${N.toLocaleString('en')} rows)`,
      datasets: 'dataset.list ×20',
      import: `dataset.upload of a ${N.toLocaleString('en')}-row CSV`,
      boot: 'bootstrap confint, 200 simulations (2,400 rows)',
      batch: 'batch of 40 units (by site)',
    };
    await Promise.all(work.filter(([k]) => !only || k === only).map(([k, f]) => timed(labels[k], f)));
    const wall = performance.now() - t0;
    probing = false;
    await probe;

    const busy = [...latencies].sort((a, b) => a - b);
    const row = (label: string, s: number[]) => [label, String(s.length), ...[0.5, 0.95, 0.99, 1].map((p) => (s.length ? percentile(s, p).toFixed(1) : '–'))];
    console.log('\napp.info over HTTP (ms)');
    printTable(['', 'calls', 'p50', 'p95', 'p99', 'max'], [row('idle', idle), row('under load', busy)]);
    console.log(`\nheavy calls, side by side (${(wall / 1000).toFixed(1)} s in all)`);
    printTable(['work', 'ms'], took.map(([l, ms]) => [l, ms.toFixed(0)]));
    const p99 = percentile(busy, 0.99);
    console.log(`\np99 under load: ${p99.toFixed(1)} ms (goal < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'})`);
  } finally {
    server.stdin.end();
    rmSync(csvDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) void serve();
else void main();
