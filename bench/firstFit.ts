/**
 * `npm run bench` (first fits, issue 18): ten small/medium reference models, each fitted ONCE in a fresh
 * Node process, as every `quadrat fit` call and every batch worker fits, beside lme4's first fit in a
 * fresh R session and lme4's warm fit, measured in the same run. A benchmark, never a test.
 *
 * Each child process runs this file bundled as the CLI is and loads the engine (timed: "load"), reads the data, then times one fit two ways, each in its own process:
 *   cli   fitLmm as `quadrat fit` calls it for its printed summary: Satterthwaite df and the type III
 *         ANOVA for an LMM; the same as `fit` for a GLMM (no conditional SDs or simulated residuals)
 *   fit   the fit alone, as lmer()/glmer(): no df, no conditional SDs, no simulated residuals
 * and reports wall and CPU (user + system) ms of that call only. Medians over --reps processes (3).
 * R: bench/r/time_first.R (a fresh Rscript per case and mode: lme4 alone for `fit`; lmerTest's lmer,
 * summary() and anova() for `cli`), and the warm median of bench/r/time_lmer.R / time_glmer.R.
 *
 *   npx tsx bench/firstFit.ts                   all ten cases
 *   npx tsx bench/firstFit.ts ham orthodont     only cases whose name contains one of these
 *   npx tsx bench/firstFit.ts --no-r            skip R
 *   npx tsx bench/firstFit.ts --reps 5          five fresh processes per case and mode
 *   npx tsx bench/firstFit.ts --node "--no-opt" extra flags for the child Node processes
 *   npx tsx bench/firstFit.ts --default-tiering V8's default tiering instead of the CLI's (v8Tiering.ts)
 *   npx tsx bench/firstFit.ts --code-cache      also fit each case with the engine's bytecode from V8's code
 *                                               cache (firstFitCache.ts): the share of compiling in a first fit
 *   npx tsx bench/firstFit.ts --installed       also fit each LMM case through the built `quadrat fit`, as the
 *                                               first run after a build (its seeded code cache) and with no
 *                                               code cache at all (firstFitInstalled.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BenchCase, median, printTable, timeInR } from './benchCases';
import { codeCacheRunner } from './firstFitCache';
import { installedRunner } from './firstFitInstalled';
import { allCases, type ChildResult, type FirstCase, type Mode } from './firstFitChild';

/** Child mode: load the engine, read the data, fit once (timed, firstFitChild.ts), print one JSON line. */
async function child(name: string, mode: Mode): Promise<void> {
  // V8's tiering as the CLI sets it (src-main/cli/v8Tiering.ts), unless --default-tiering
  if (!process.argv.includes('--default-tiering')) await import('../src-main/cli/v8Tiering');
  const { timeFirstFit } = await import('./firstFitChild');
  const loadMs = performance.now(); // since the process started (performance.timeOrigin)
  console.log(JSON.stringify(timeFirstFit(name, mode, loadMs)));
}

/**
 * This file bundled as the CLI is (esbuild, one ESM file, src-main/tooling/build-node.mjs), so a child
 * loads the engine as `quadrat` does, without tsx transpiling each module on every start.
 */
async function bundleChild(dir: string): Promise<string> {
  const out = join(dir, 'firstFit.mjs');
  await build({ entryPoints: ['bench/firstFit.ts'], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning', banner: { js: "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);" } });
  return out;
}

function inFreshProcess(bundle: string, name: string, mode: Mode, nodeFlags: string[], defaultTiering: boolean): ChildResult | undefined {
  const r = spawnSync(process.execPath, [...nodeFlags, bundle, '--child', name, mode, ...(defaultTiering ? ['--default-tiering'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: ${name} (${mode}) failed: ${r.stderr}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

interface RFirst {
  loadMs: number;
  wallMs: number;
  cpuMs: number;
}

/** lme4's first fit in a fresh R session (bench/r/time_first.R), or null without R. */
function rFirst(fc: FirstCase, mode: Mode, dir: string): RFirst | null {
  const file = join(dir, `${fc.c.case}.json`);
  writeFileSync(file, JSON.stringify([fc.c]));
  const r = spawnSync('Rscript', ['bench/r/time_first.R', file, mode === 'cli' ? 'df' : 'fit'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error || r.status !== 0) {
    if (!r.error) process.stderr.write(`bench: R first fit of ${fc.c.case} failed: ${r.stderr}\n`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as RFirst;
}

function medianOf<T>(xs: T[], key: (x: T) => number): number {
  return median(xs.map(key));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const childAt = args.indexOf('--child');
  if (childAt >= 0) return child(args[childAt + 1], args[childAt + 2] as Mode);
  const value = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const reps = Number(value('--reps') ?? 3);
  const nodeFlags = (value('--node') ?? '').split(/\s+/).filter(Boolean);
  const optionValues = new Set([value('--reps'), value('--node')]);
  const filter = args.filter((a) => !a.startsWith('--') && !optionValues.has(a));
  const noR = args.includes('--no-r');
  const withCache = args.includes('--code-cache');
  const cases = allCases().filter((fc) => filter.length === 0 || filter.some((s) => fc.c.case.includes(s)));
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-first-fit-'));
  const bundle = await bundleChild(dir);
  // the cache is written by an LMM and a GLMM fit other than the timed ones' own processes
  const cached = withCache ? await codeCacheRunner(dir, ['sleepstudy_reml', 'cbpp_laplace'], nodeFlags) : undefined;
  const installed = args.includes('--installed') ? installedRunner(dir) : undefined;

  const lmmWarm = noR ? null : timeInR('bench/r/time_lmer.R', cases.filter((x) => x.kind === 'lmm').map((x) => x.c as BenchCase));
  const glmmWarm = noR ? null : timeInR('bench/r/time_glmer.R', cases.filter((x) => x.kind === 'glmm').map((x) => x.c as unknown as BenchCase));
  const warm = { ...(lmmWarm ?? {}), ...Object.fromEntries(Object.entries(glmmWarm ?? {}).filter(([k]) => !k.includes('@'))) };
  if (noR) console.log('R timing skipped (--no-r).');
  if (nodeFlags.length) console.log(`child Node flags: ${nodeFlags.join(' ')}`);
  console.log(args.includes('--default-tiering') ? "V8's default tiering (--default-tiering)" : "V8's tiering as the CLI sets it (src-main/cli/v8Tiering.ts)");

  const fmt = (x: number | null | undefined, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
  const rows: string[][] = [];
  const cacheRows: string[][] = [];
  const installedRows: string[][] = [];
  const loads: number[] = [];
  for (const fc of cases) {
    const q: Record<Mode, ChildResult[]> = { cli: [], fit: [] };
    const qc: Record<Mode, ChildResult[]> = { cli: [], fit: [] };
    const qi = { seeded: [] as number[], none: [] as number[] };
    // with --code-cache, the processes with and without the cache alternate (same load)
    for (let k = 0; k < reps; k++)
      for (const mode of ['fit', 'cli'] as const) {
        const r = inFreshProcess(bundle, fc.c.case, mode, nodeFlags, args.includes('--default-tiering'));
        if (r) q[mode].push(r);
        const rc = cached?.run(fc.c.case, mode);
        if (rc) qc[mode].push(rc);
        if (mode === 'fit' && installed && fc.kind === 'lmm')
          for (const variant of ['seeded', 'none'] as const) {
            const ms = installed.run(fc.c, variant);
            if (ms !== undefined) qi[variant].push(ms);
          }
      }
    if (!q.fit.length || !q.cli.length) continue;
    if (cached) {
      const cpu = (xs: ChildResult[]) => (xs.length ? medianOf(xs, (r) => r.cpuMs) : NaN);
      const [fitCpu, cliCpu] = [cpu(q.fit), cpu(q.cli)];
      cacheRows.push([fc.c.case, fmt(fitCpu), fmt(cpu(qc.fit)), fmt(cpu(qc.fit) - fitCpu), fmt(cliCpu), fmt(cpu(qc.cli)), fmt(cpu(qc.cli) - cliCpu), fmt(qc.fit.length ? medianOf(qc.fit, (r) => r.loadMs) : NaN), fmt(medianOf(q.fit, (r) => r.loadMs))]);
    }
    loads.push(...q.fit.map((r) => r.loadMs));
    const rf = noR ? null : rFirst(fc, 'fit', dir);
    const rc = noR ? null : rFirst(fc, 'cli', dir);
    const fitCpu = medianOf(q.fit, (r) => r.cpuMs);
    const rWarm = warm[fc.c.case] ?? null;
    if (qi.seeded.length && qi.none.length) {
      const [seeded, none] = [median(qi.seeded), median(qi.none)];
      installedRows.push([fc.c.case, fmt(seeded, 1), fmt(none, 1), fmt(rWarm), rWarm ? fmt(seeded / rWarm, 2) : '—', rWarm ? fmt(none / rWarm, 2) : '—']);
    }
    rows.push([
      fc.c.case,
      String(q.fit[0].evaluations),
      fmt(medianOf(q.fit, (r) => r.wallMs)),
      fmt(fitCpu),
      fmt(medianOf(q.cli, (r) => r.wallMs)),
      fmt(medianOf(q.cli, (r) => r.cpuMs)),
      fmt(rf?.wallMs),
      fmt(rf?.cpuMs),
      fmt(rc?.wallMs),
      fmt(rWarm),
      rf ? fmt(fitCpu / rf.cpuMs, 2) : '—',
      rc ? fmt(medianOf(q.cli, (r) => r.cpuMs) / rc.cpuMs, 2) : '—',
      rWarm ? fmt(fitCpu / rWarm, 2) : '—',
    ]);
    console.log(`  ${fc.c.case}: first fit ${fmt(medianOf(q.fit, (r) => r.wallMs))} ms (cpu ${fmt(fitCpu)}), as the CLI ${fmt(medianOf(q.cli, (r) => r.wallMs))} ms; lme4 first ${fmt(rf?.wallMs)} ms, warm ${fmt(rWarm)} ms`);
  }
  console.log('');
  printTable(['case', 'evals', 'fit ms', 'fit cpu', 'cli ms', 'cli cpu', 'lme4 1st ms', 'lme4 1st cpu', 'lmerTest 1st ms', 'lme4 warm ms', 'fit/lme4 1st', 'cli/lmerTest 1st', 'fit/lme4 warm'], rows);
  console.log(`\n(fresh process per fit, median of ${reps}; fit = fitLmm alone as lmer()/glmer(); cli = as \`quadrat fit\` (Satterthwaite df + type III ANOVA; GLMM: as fit);`);
  console.log(' lme4 1st = lme4 alone, first fit in a fresh R session; lmerTest 1st = lmerTest::lmer + summary + anova (GLMM: glmer + summary), fresh session;');
  console.log(` ratios are CPU over CPU for first fits, Quadrat CPU over R wall for warm; engine load (node start + the bundle) median ${fmt(median(loads))} ms, not included)`);
  if (cached) {
    console.log('\nWith the engine\'s bytecode from V8\'s code cache (--code-cache; written by fits of sleepstudy_reml and cbpp_laplace), CPU ms:');
    printTable(['case', 'fit cpu', 'fit cached', 'change', 'cli cpu', 'cli cached', 'change', 'load cached ms', 'load ms'], cacheRows);
  }
  if (installedRows.length) {
    console.log("\nThrough the built `quadrat fit --ddf none --json` (--installed): the fit's wall ms (timing.fitMs), first run after the build (the seeded code cache) and with no code cache:");
    printTable(['case', 'seeded ms', 'no cache ms', 'lme4 warm ms', 'seeded / lme4 warm', 'no cache / lme4 warm'], installedRows);
  }
}

await main();
