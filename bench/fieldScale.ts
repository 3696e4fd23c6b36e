/**
 * `npm run bench` (second part): the two large LMMs of issue 18 beside lme4, each fitted in a fresh
 * process (as every CLI call and batch worker fits), in the same run:
 *
 *   field_reml   96,000 simulated rows (bench/fieldDesign.ts, fixed seed):
 *                y ~ temperature + (1 + temperature | site) + (1 | site:plot) + (1 | year), REML
 *   insteval_ml  InstEval, y ~ service + (1 | s) + (1 | d) + (1 | dept:service), ML
 *
 * For each: the fit alone (no df, no conditional SDs, as lmer()), then the fit with Satterthwaite df
 * (as `quadrat fit` and lmerTest's summary need), with the criterion evaluations, time per evaluation
 * and peak RSS of the child process. R fits each once with lme4 (bench/r/time_lmer.R, no warm-up:
 * these take seconds). A benchmark, never a test: nothing here asserts a timing.
 *
 *   npx tsx bench/fieldScale.ts                 both workloads
 *   npx tsx bench/fieldScale.ts field           only field_reml
 *   npx tsx bench/fieldScale.ts --no-r          skip R
 *   npx tsx bench/fieldScale.ts --no-df         skip the fits with df
 *   npx tsx bench/fieldScale.ts --bobyqa        also fit with BOBYQA alone (no exact-gradient BFGS), fresh process
 *   npx tsx bench/fieldScale.ts --no-helpers    the df on one thread (as `quadrat fit` does, each child otherwise
 *                                               lets a large model's df use the other cores: host/kernelHelpers.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDelimited } from '../src-engine/data/importDelimited';
import { buildDesign } from '../src-engine/design/buildDesign';
import { addInference } from '../src-engine/inference/reportInference';
import { fitDesign } from '../src-engine/lmm/fitDesign';
import { fitLmm } from '../src-engine/lmm/fitLmm';
import { buildReport } from '../src-engine/lmm/report';
import { useKernelHelpers } from '../src-main/host/kernelHelpers';
import { type BenchCase, printTable, timeInR } from './benchCases';
import { FIELD_FACTORS, FIELD_FORMULA, fieldDesignCsv } from './fieldDesign';

interface LargeCase extends BenchCase {
  /** CSV path as R reads it (absolute, or relative to test/data). */
  data: string;
}

function cases(dir: string): LargeCase[] {
  const field = join(dir, 'field.csv');
  if (!existsSync(field)) writeFileSync(field, fieldDesignCsv());
  return [
    { case: 'field_reml', data: field, factors: FIELD_FACTORS, formula: FIELD_FORMULA, REML: true, subset: null, runs: 1, warmup: 0 },
    { case: 'insteval_ml', data: 'InstEval.csv', factors: ['s', 'd', 'dept', 'service'], formula: 'y ~ service + (1 | s) + (1 | d) + (1 | dept:service)', REML: false, subset: null, runs: 1, warmup: 0 },
  ];
}

interface ChildResult {
  fitMs: number;
  /** CPU time of the fit (user + system): on a shared machine a steadier figure than the wall time. */
  cpuMs: number;
  evaluations: number;
  /** Exact gradients of the criterion (lmm/gradientFit.ts), each ≈ 3–4 evaluations' cost. */
  gradients: number;
  objective: number;
  peakMiB: number;
  /** CPU time of the Satterthwaite df alone (addInference), measured inside the same fit (helper threads included). */
  dfCpuMs?: number;
  /** Wall time of the same. */
  dfMs?: number;
}

/** Child mode: read the CSV, fit once (timed), print one JSON line. */
function child(c: LargeCase, ddf: 'none' | 'satterthwaite' | 'bobyqa'): void {
  const path = existsSync(c.data) ? c.data : join('test/data', c.data);
  const columnTypes = Object.fromEntries(c.factors.map((f) => [f, 'factor' as const]));
  const table = importDelimited(new Uint8Array(readFileSync(path)), { fileName: path, columnTypes }).table;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let dfCpuMs: number | undefined;
  let dfMs: number | undefined;
  let report;
  if (ddf === 'none') report = fitLmm(table, { formula: c.formula, reml: c.REML, ddf }, { conditionalSds: false });
  else if (ddf === 'bobyqa') report = buildReport(fitDesign(buildDesign(table, c.formula), c.REML, { conditionalSds: false, exactGradient: false }), c.formula, 0);
  else {
    // fitLmm's steps, with the df timed on their own (addInference: lmerTest's summary and anova)
    const fit = fitDesign(buildDesign(table, c.formula), c.REML, { conditionalSds: false, dfToFollow: true });
    report = buildReport(fit, c.formula, 0);
    const d0 = process.cpuUsage();
    const w0 = performance.now();
    addInference(report, fit, { ddf });
    dfMs = performance.now() - w0;
    const d = process.cpuUsage(d0);
    dfCpuMs = (d.user + d.system) / 1000;
  }
  const fitMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const out: ChildResult = {
    fitMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    evaluations: report.optimizer?.evaluations ?? 0,
    gradients: (report.optimizer as { gradients?: number } | undefined)?.gradients ?? 0,
    objective: report.remlCriterion ?? report.deviance,
    peakMiB: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    dfCpuMs,
    dfMs,
  };
  console.log(JSON.stringify(out));
}

function inFreshProcess(name: string, dir: string, ddf: 'none' | 'satterthwaite' | 'bobyqa', helpers: boolean): ChildResult | undefined {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/fieldScale.ts', '--child', name, dir, ddf, ...(helpers ? [] : ['--no-helpers'])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: ${name} failed: ${r.stderr}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

const args = process.argv.slice(2);
const childAt = args.indexOf('--child');
if (childAt >= 0) {
  const [name, dir, ddf] = args.slice(childAt + 1);
  if (!args.includes('--no-helpers')) useKernelHelpers();
  child(cases(dir).find((c) => c.case === name)!, ddf as 'none' | 'satterthwaite' | 'bobyqa');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-field-bench-'));
  const filter = args.filter((a) => !a.startsWith('--'));
  const chosen = cases(dir).filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)));
  const rTimes = args.includes('--no-r') ? null : timeInR('bench/r/time_lmer.R', chosen);
  if (!rTimes) console.log(args.includes('--no-r') ? 'R timing skipped (--no-r).' : 'Rscript not found: showing Quadrat times only.');
  const rows: string[][] = [];
  for (const c of chosen) {
    const helpers = !args.includes('--no-helpers');
    const fit = inFreshProcess(c.case, dir, 'none', helpers);
    const withDf = args.includes('--no-df') ? undefined : inFreshProcess(c.case, dir, 'satterthwaite', helpers);
    const plain = args.includes('--bobyqa') ? inFreshProcess(c.case, dir, 'bobyqa', helpers) : undefined;
    if (plain) console.log(`  ${c.case}, BOBYQA alone: ${plain.evaluations} evaluations, fit ${plain.fitMs.toFixed(0)} ms (CPU ${plain.cpuMs.toFixed(0)} ms), criterion ${plain.objective}`);
    const r = rTimes?.[c.case] ?? null;
    if (!fit) continue;
    const ratio = r === null ? '—' : (fit.fitMs / r).toFixed(3);
    // the df's own CPU over the rest of the same process's fit: steadier than two processes' totals under load
    const dfShare = withDf?.dfCpuMs !== undefined ? `${((100 * withDf.dfCpuMs) / (withDf.cpuMs - withDf.dfCpuMs)).toFixed(0)}%` : '—';
    const dfWallShare = withDf?.dfMs !== undefined ? `${((100 * withDf.dfMs) / (withDf.fitMs - withDf.dfMs)).toFixed(1)}%` : '—';
    rows.push([
      c.case,
      String(fit.evaluations),
      String(fit.gradients),
      (fit.cpuMs / fit.evaluations).toFixed(1),
      fit.fitMs.toFixed(0),
      fit.cpuMs.toFixed(0),
      withDf ? withDf.fitMs.toFixed(0) : '—',
      withDf?.dfMs !== undefined ? withDf.dfMs.toFixed(0) : '—',
      dfWallShare,
      withDf?.dfCpuMs !== undefined ? withDf.dfCpuMs.toFixed(0) : '—',
      dfShare,
      r === null ? '—' : r.toFixed(0),
      ratio,
      String(Math.max(fit.peakMiB, withDf?.peakMiB ?? 0)),
    ]);
    console.log(`  ${c.case}: fit ${fit.fitMs.toFixed(0)} ms (CPU ${fit.cpuMs.toFixed(0)} ms), ${fit.evaluations} evaluations + ${fit.gradients} gradients, criterion ${fit.objective}${withDf ? `; with df ${withDf.fitMs.toFixed(0)} ms` : ''}${r === null ? '' : `; lme4 ${r.toFixed(0)} ms, ratio ${ratio}`}`);
  }
  console.log('');
  printTable(['case', 'evals', 'grads', 'cpu ms/eval', 'fit ms', 'fit cpu ms', 'with df ms', 'df ms', 'df adds', 'df cpu ms', 'df adds (cpu)', 'lme4 ms', 'ratio', 'peak MiB'], rows);
  console.log(
    `\n(fresh process per fit${args.includes('--no-helpers') ? ', one thread' : ', helper threads as quadrat fit has them'}; cpu ms/eval = fit CPU / evaluations (gradients and setup included); df ms = the Satterthwaite df alone and df adds = that over the rest of the same fit, wall time; the same in CPU time (every thread); ratio = quadrat fit / lme4 lmer, both once)`,
  );
}
