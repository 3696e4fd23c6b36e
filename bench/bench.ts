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

function timeQuadrat(c: BenchCase): { ms: number; nobs: number; evaluations: number } {
  const table = loadTable(c);
  const request = { formula: c.formula, reml: c.REML, ddf: 'none' as const, weights: c.weights ?? undefined };
  const times: number[] = [];
  let nobs = 0;
  let evaluations = 0;
  fitLmm(table, request, { conditionalSds: false }); // warm-up (JIT)
  for (let k = 0; k < c.runs; k++) {
    const t0 = performance.now();
    const r = fitLmm(table, request, { conditionalSds: false }); // as lmer(): no condVar
    times.push(performance.now() - t0);
    nobs = r.nobs;
    evaluations = r.optimizer?.evaluations ?? 0;
  }
  return { ms: median(times), nobs, evaluations };
}

const args = process.argv.slice(2);
const noR = args.includes('--no-r');
const cases = loadCases(args.filter((a) => !a.startsWith('--')), (name) => (name.startsWith('insteval') ? 1 : 7));
const rTimes = noR ? null : timeInR('bench/r/time_lmer.R', cases);
if (!rTimes) console.log(noR ? 'R timing skipped (--no-r).' : 'Rscript not found: showing Quadrat times only.');

const rows: string[][] = [];
for (const c of cases) {
  const q = timeQuadrat(c);
  const r = rTimes?.[c.case] ?? null;
  rows.push([c.case, String(q.nobs), String(q.evaluations), q.ms.toFixed(2), r === null ? '—' : r.toFixed(2), r === null ? '—' : (q.ms / r).toFixed(3)]);
  console.log(`  ${c.case}: quadrat ${q.ms.toFixed(2)} ms${r === null ? '' : `, lme4 ${r.toFixed(2)} ms, ratio ${(q.ms / r).toFixed(3)}`}`);
}
console.log('');
printTable(['case', 'nobs', 'evals', 'quadrat ms', 'lme4 ms', 'ratio'], rows);
console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (ratio = quadrat / lme4; lower is better)`);
