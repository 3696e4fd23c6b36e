/**
 * `npx tsx bench/inference.ts [case-filter …] [--no-r]`: the time of summary()-equivalent inference —
 * Satterthwaite t-tests for every coefficient plus the Type III ANOVA table — on an existing fit,
 * beside lmerTest's as_lmerModLmerTest + summary + anova (bench/r/time_lmertest.R, same run). A
 * benchmark, never a test: nothing here asserts a timing.
 */
import { buildDesign } from '../src-engine/design/buildDesign';
import { anovaTable } from '../src-engine/inference/anova';
import { LmmInference } from '../src-engine/inference/lmmInference';
import { fixedEffectTests } from '../src-engine/inference/fixedEffects';
import { fitDesign, type LmmFit } from '../src-engine/lmm/fitDesign';
import { type BenchCase, loadCases, loadTable, median, printTable, timeInR } from './benchCases';

const args = process.argv.slice(2);
const filter = args.filter((a) => !a.startsWith('--'));
const cases = loadCases(filter, () => 7).filter((c) => !c.case.startsWith('insteval'));
const rTimes = args.includes('--no-r') ? null : timeInR('bench/r/time_lmertest.R', cases);
if (!rTimes) console.log('R timing unavailable: showing Quadrat times only.');

const rows: string[][] = [];
/** Median ms of t-tests + Type III ANOVA on a fit, after a JIT warm-up (as R's `warmup` runs). */
function timeInference(fit: LmmFit, runs: number): number {
  const once = () => {
    const inf = new LmmInference(fit);
    fixedEffectTests(inf, 'satterthwaite');
    anovaTable(inf, 3, 'satterthwaite');
  };
  for (let k = 0; k < 10; k++) once();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** sleepstudy with 18 extra random covariates: p = 20, the inference issue's "wide" target (< 50 ms). */
function wideSleepstudy(c: BenchCase): LmmFit {
  const base = loadTable(c);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  const extra = Array.from({ length: 18 }, (_, k) => ({ name: `x${k + 1}`, type: 'numeric' as const, values: Float64Array.from({ length: base.nrow }, rand) }));
  const formula = `Reaction ~ Days + ${extra.map((x) => x.name).join(' + ')} + (Days | Subject)`;
  return fitDesign(buildDesign({ nrow: base.nrow, columns: [...base.columns, ...extra] }, formula), true);
}

for (const c of cases) {
  const fit = fitDesign(buildDesign(loadTable(c), c.formula, c.weights ? { weights: c.weights } : {}), c.REML);
  const q = timeInference(fit, c.runs);
  const r = rTimes?.[c.case] ?? null;
  rows.push([c.case, String(fit.model.design.p), q.toFixed(2), r === null ? '—' : r.toFixed(1), r === null ? '—' : (q / r).toFixed(3)]);
}
const sleep = cases.find((c) => c.case === 'sleepstudy_reml');
if (sleep) rows.push(['sleepstudy + 18 covariates', '20', timeInference(wideSleepstudy(sleep), 7).toFixed(2), '—', '—']);
printTable(['case', 'p', 'quadrat ms', 'lmerTest ms', 'ratio'], rows);
console.log('\n(summary t-tests with Satterthwaite df + Type III ANOVA on an existing fit; ratio = quadrat / lmerTest)');
