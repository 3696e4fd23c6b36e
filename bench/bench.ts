/**
 * `npm run bench`: fit every reference case in-process and print Quadrat's median fit time beside
 * lme4's, measured in the same run with bench/r/time_lmer.R when Rscript is installed. A benchmark,
 * never a test: nothing here asserts a timing.
 *
 *   npm run bench                  all cases (InstEval last), then bench/inference.ts
 *   npx tsx bench/bench.ts sleepstudy   only cases whose name contains "sleepstudy"
 *   npx tsx bench/bench.ts --no-r       skip R
 */
import { fitLmm } from '../src-engine/lmm/fitLmm';
import { type BenchCase, loadCases, loadTable, median, printTable, timeInR } from './benchCases';

/**
 * Both sides are timed warm: lme4 after R has byte-compiled it (time_lmer.R's `warmup` fits), Quadrat
 * after V8 has optimised the engine (fits until WARMUP_FITS and WARMUP_MS are both reached). The
 * case's first fit is printed too ("first fit"): V8 still interprets part of the engine then. It is
 * the first fit of that case in this process, after the earlier cases, so mostly warm already; the
 * very first fit in a fresh process costs more (docs/performance.md).
 */
const WARMUP_FITS = 20;
const WARMUP_MS = 300;

function timeQuadrat(c: BenchCase): { ms: number; firstMs: number; nobs: number; evaluations: number } {
  const table = loadTable(c);
  const request = { formula: c.formula, reml: c.REML, ddf: 'none' as const, weights: c.weights ?? undefined };
  const fit = () => fitLmm(table, request, { conditionalSds: false }); // as lmer(): no condVar
  const t0 = performance.now();
  fit();
  const firstMs = performance.now() - t0;
  if (c.warmup > 0) for (let k = 1; k < WARMUP_FITS || performance.now() - t0 < WARMUP_MS; k++) fit();
  const times: number[] = [];
  let nobs = 0;
  let evaluations = 0;
  for (let k = 0; k < c.runs; k++) {
    const t = performance.now();
    const r = fit();
    times.push(performance.now() - t);
    nobs = r.nobs;
    evaluations = r.optimizer?.evaluations ?? 0;
  }
  return { ms: median(times), firstMs, nobs, evaluations };
}

const args = process.argv.slice(2);
const noR = args.includes('--no-r');
const cases = loadCases(args.filter((a) => !a.startsWith('--')), (name) => (name.startsWith('insteval') ? 1 : 9));
const rTimes = noR ? null : timeInR('bench/r/time_lmer.R', cases);
if (!rTimes) console.log(noR ? 'R timing skipped (--no-r).' : 'Rscript not found: showing Quadrat times only.');

const rows: string[][] = [];
for (const c of cases) {
  const q = timeQuadrat(c);
  const r = rTimes?.[c.case] ?? null;
  const ratio = r === null ? '—' : (q.ms / r).toFixed(3);
  rows.push([c.case, String(q.nobs), String(q.evaluations), q.firstMs.toFixed(1), q.ms.toFixed(2), r === null ? '—' : r.toFixed(2), ratio]);
  console.log(`  ${c.case}: quadrat ${q.ms.toFixed(2)} ms (first fit ${q.firstMs.toFixed(1)} ms)${r === null ? '' : `, lme4 ${r.toFixed(2)} ms, ratio ${ratio}`}`);
}
console.log('');
printTable(['case', 'nobs', 'evals', 'first fit ms', 'quadrat ms', 'lme4 ms', 'ratio'], rows);
console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (ratio = quadrat / lme4, both warm; lower is better)`);
