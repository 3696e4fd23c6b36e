/**
 * `npm run bench` (third part): GLMM fits beside glmer's, and glmmTMB's where the case asks, measured
 * in the same run with bench/r/time_glmer.R when Rscript is installed. Both sides fit as glmer() does
 * by default: the two stages, the derivative checks and the Hessian-based covariance; no conditional
 * variances (ranef's job). A benchmark, never a test: nothing here asserts a timing.
 *
 *   npx tsx bench/glmm.ts                 all cases (bench/glmmCases.ts), then VerbAgg's peak memory
 *   npx tsx bench/glmm.ts cbpp            only cases whose name contains "cbpp"
 *   npx tsx bench/glmm.ts --no-r          skip R
 *
 * Warm against warm, as bench/bench.ts: R fits each case `warmup` times untimed, then reports the
 * median of `runs`; Quadrat, after its first fit, fits until WARMUP_FITS fits and WARMUP_MS have both
 * passed (a slow case: `warmup` fits, or WARMUP_LIMIT_MS), then reports the median of `runs`.
 */
import { spawnSync } from 'node:child_process';
import { type BenchCase, median, printTable, timeInR } from './benchCases';
import { fitCase, GLMM_BENCH_CASES, type GlmmBenchCase, loadGlmmTable } from './glmmCases';

const WARMUP_FITS = 20;
const WARMUP_MS = 300;
/** A slow case stops warming up after this long (and `warmup` fits). */
const WARMUP_LIMIT_MS = 3000;

function timeQuadrat(c: GlmmBenchCase): { ms: number; firstMs: number; nobs: number; evaluations: number } {
  const table = loadGlmmTable(c);
  const t0 = performance.now();
  const first = fitCase(c, table);
  const firstMs = performance.now() - t0;
  const t1 = performance.now();
  const warm = () => performance.now() - t1;
  for (let k = 1; k < c.warmup || ((k < WARMUP_FITS || warm() < WARMUP_MS) && warm() < WARMUP_LIMIT_MS); k++) fitCase(c, table);
  const times: number[] = [];
  for (let k = 0; k < c.runs; k++) {
    const t = performance.now();
    fitCase(c, table);
    times.push(performance.now() - t);
  }
  return { ms: median(times), firstMs, nobs: first.model.design.n, evaluations: first.optimizer.evaluations };
}

/** Peak RSS of a fresh process that fits the case once (the child mode of this script). */
function peakMemory(name: string): { rssMiB: number; peakMiB: number } | undefined {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/glmm.ts', '--memory-child', name], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { rssMiB: number; peakMiB: number };
}

const args = process.argv.slice(2);
const child = args.indexOf('--memory-child');
if (child >= 0) {
  const c = GLMM_BENCH_CASES.find((x) => x.case === args[child + 1])!;
  fitCase(c, loadGlmmTable(c));
  const mib = (b: number) => Math.round(b / 2 ** 20);
  console.log(JSON.stringify({ rssMiB: mib(process.memoryUsage().rss), peakMiB: mib(process.resourceUsage().maxRSS * 1024) }));
} else {
  const filter = args.filter((a) => !a.startsWith('--'));
  const cases = GLMM_BENCH_CASES.filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)));
  const rTimes = args.includes('--no-r') ? null : timeInR('bench/r/time_glmer.R', cases as unknown as BenchCase[]);
  if (!rTimes) console.log(args.includes('--no-r') ? 'R timing skipped (--no-r).' : 'Rscript not found: showing Quadrat times only.');
  const rows: string[][] = [];
  const ratio = (q: number, r: number | null | undefined) => (r == null ? '—' : (q / r).toFixed(3));
  for (const c of cases) {
    const q = timeQuadrat(c);
    const g = rTimes?.[c.case];
    const tmb = rTimes?.[`${c.case}@glmmTMB`];
    rows.push([c.case, String(q.nobs), String(q.evaluations), q.firstMs.toFixed(1), q.ms.toFixed(2), g == null ? '—' : g.toFixed(1), ratio(q.ms, g), tmb == null ? '—' : tmb.toFixed(1), ratio(q.ms, tmb)]);
    console.log(`  ${c.case}: quadrat ${q.ms.toFixed(2)} ms (first fit ${q.firstMs.toFixed(1)} ms)${g == null ? '' : `, glmer ${g.toFixed(1)} ms, ratio ${ratio(q.ms, g)}`}${tmb == null ? '' : `, glmmTMB ${tmb.toFixed(1)} ms`}`);
  }
  console.log('');
  printTable(['case', 'nobs', 'evals', 'first fit ms', 'quadrat ms', 'glmer ms', 'ratio', 'glmmTMB ms', 'ratio'], rows);
  console.log('\n(ratio = quadrat / R, both warm; lower is better; evals: objective evaluations of both stages and the Hessian)');
  if (cases.some((c) => c.case === 'verbagg')) {
    const mem = peakMemory('verbagg');
    if (mem) console.log(`VerbAgg in a fresh process: peak RSS ${mem.peakMiB} MiB (RSS after the fit ${mem.rssMiB} MiB)`);
  }
}
