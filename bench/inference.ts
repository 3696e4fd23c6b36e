/**
 * `npx tsx bench/inference.ts [case-filter …] [--no-r]`: the time of summary()-equivalent inference —
 * Satterthwaite t-tests for every coefficient plus the Type III ANOVA table — on an existing fit,
 * beside lmerTest's as_lmerModLmerTest + summary + anova (bench/r/time_lmertest.R, same run). A
 * benchmark, never a test: nothing here asserts a timing.
 */
import { buildDesign } from '../src-engine/design/buildDesign';
import { anovaTable } from '../src-engine/inference/anova';
import { LmmInference } from '../src-engine/inference/contest';
import { fixedEffectTests } from '../src-engine/inference/fixedEffects';
import { fitDesign } from '../src-engine/lmm/fitDesign';
import { loadCases, loadTable, median, printTable, timeInR } from './benchCases';

const args = process.argv.slice(2);
const filter = args.filter((a) => !a.startsWith('--'));
const cases = loadCases(filter, () => 7).filter((c) => !c.case.startsWith('insteval'));
const rTimes = args.includes('--no-r') ? null : timeInR('bench/r/time_lmertest.R', cases);
if (!rTimes) console.log('R timing unavailable: showing Quadrat times only.');

const rows: string[][] = [];
for (const c of cases) {
  const fit = fitDesign(buildDesign(loadTable(c), c.formula, c.weights ? { weights: c.weights } : {}), c.REML);
  const once = () => {
    const inf = new LmmInference(fit);
    fixedEffectTests(inf, 'satterthwaite');
    anovaTable(inf, 3, 'satterthwaite');
  };
  for (let k = 0; k < 10; k++) once(); // warm-up (JIT), as R's `warmup` runs
  const times: number[] = [];
  for (let k = 0; k < c.runs; k++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  const q = median(times);
  const r = rTimes?.[c.case] ?? null;
  rows.push([c.case, String(fit.model.design.p), q.toFixed(2), r === null ? '—' : r.toFixed(1), r === null ? '—' : (q / r).toFixed(3)]);
}
printTable(['case', 'p', 'quadrat ms', 'lmerTest ms', 'ratio'], rows);
console.log('\n(summary t-tests with Satterthwaite df + Type III ANOVA on an existing fit; ratio = quadrat / lmerTest)');
