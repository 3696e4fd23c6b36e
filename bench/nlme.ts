/**
 * `npx tsx bench/nlme.ts`: every nlme fixture case (test/reference/fixtures/nlme) fitted by Quadrat and
 * by nlme in the same run (bench/r/time_nlme.R, when Rscript is installed), warm against warm, with
 * the ratio quadrat / nlme (the goal: ≤ 0.2). A benchmark, never a test: nothing asserts a timing.
 *
 *   npx tsx bench/nlme.ts              all cases
 *   npx tsx bench/nlme.ts ovary sleep  only cases whose name contains one of these
 *   npx tsx bench/nlme.ts --no-r       skip R
 *
 * Quadrat times the gls()/lme() fit alone (fitNlmeModel: the same things nlme's call computes, the
 * estimates, the fitted values and residuals, ranef and apVar, the variance parameters' approximate
 * covariance that intervals() reads; not the anova tables, ACF, variogram and normalized residuals,
 * which both compute only when asked, nor the lmerTest Satterthwaite df of an lme's lmer() twin,
 * which fitNlme adds and nlme does not compute); every case is warmed (GLOBAL_WARMUP_MS, then
 * WARMUP_MS before its timing) and each timed run repeats the fit until 20 ms of CPU have passed. Both
 * sides count CPU time (user + system), not elapsed time: the build machine is shared, and wall-clock
 * ratios there swing by 2–5× with its load. R and Quadrat take turns, case by case (ROUNDS rounds of
 * RUNS timed runs each, R in one long-lived `Rscript bench/r/time_nlme.R --serve`): this machine has
 * slow spells of seconds in which throughput-bound code runs up to 2× slower (bench/machineProbe.ts),
 * and timing all of R's cases before all of Quadrat's compared those spells, not the programs. Each
 * side's time is the median of its ROUNDS × RUNS runs; "best of each" divides the sides' fastest runs,
 * and "machine" is the probe's state during the case (1.0 = at its best).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDelimited } from '../src-engine/data/importDelimited';
import { subsetRows, type Table } from '../src-engine/data/table';
import { buildModel } from '../src-engine/nlme/buildModel';
import { fitNlmeModel } from '../src-engine/nlme/fitNlme';
import { type NlmeSpec } from '../src-engine/nlme/spec/nlmeSpec';
import { median, printTable } from './benchCases';
import { MachineProbe } from './machineProbe';
import { RServer } from './rServer';

interface Fixture {
  case: string;
  data: string;
  factors: string[];
  dropEvery: number | null;
  call: string;
  spec: { fn: 'gls' | 'lme'; fixed: string; random: string | null; weights: string | null; correlation: string | null; method: 'REML' | 'ML' };
}

const DIR = 'test/reference/fixtures/nlme';
const RUNS = 3;
const ROUNDS = 3;
/** V8 needs seconds of CPU to tier up (a first fit costs 10–50× a warm one): every case is fitted for
 * GLOBAL_WARMUP_MS before any is timed, then each for WARMUP_MS more just before its timing. */
const GLOBAL_WARMUP_MS = 300;
const WARMUP_MS = 500;

function tableOf(fx: Fixture): Table {
  const columnTypes = Object.fromEntries(fx.factors.map((f) => [f, 'factor' as const]));
  const { table } = importDelimited(new Uint8Array(readFileSync(join('test/data', fx.data))), { fileName: fx.data, columnTypes });
  if (!fx.dropEvery) return table;
  const keep = Array.from({ length: table.nrow }, (_, i) => i).filter((i) => (i + 1) % fx.dropEvery! !== 0);
  return subsetRows(table, keep);
}

function specOf(fx: Fixture): NlmeSpec {
  const s = fx.spec;
  return {
    fixed: s.fixed,
    ...(s.random ? { random: s.random } : {}),
    ...(s.weights ? { weights: s.weights } : {}),
    ...(s.correlation ? { correlation: s.correlation } : {}),
    method: s.method,
  };
}

/** CPU ms (user + system) of this process. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const fitNlme = (t: Table, sp: NlmeSpec) => fitNlmeModel(buildModel(t, sp), sp);

function warm(fx: Fixture, ms: number): void {
  const table = tableOf(fx);
  const spec = specOf(fx);
  const t = cpuMs();
  while (cpuMs() - t < ms) fitNlme(table, spec);
}

/** RUNS timed runs of Quadrat's fit, each repeating it until 20 ms of CPU have passed: CPU ms per fit. */
function timeQuadratRuns(table: Table, spec: NlmeSpec): number[] {
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t = cpuMs();
    let n = 0;
    do {
      fitNlme(table, spec);
      n++;
    } while (cpuMs() - t < 20);
    times.push((cpuMs() - t) / n);
  }
  return times;
}

interface CaseTimes {
  /** Medians of each side's ROUNDS × RUNS runs. */
  ms: number;
  rMs: number | null;
  /** Each side's fastest run: the estimate least disturbed by the machine's slow spells. */
  bestMs: number;
  rBestMs: number | null;
  /** The machine probe's median sample over the case, for `MachineProbe.state`. */
  probeUs: number;
  evaluations: number;
}

/** Quadrat's and nlme's times for one case, in ROUNDS alternating rounds after Quadrat's warm-up. */
async function timeCase(fx: Fixture, r: RServer | null, probe: MachineProbe): Promise<CaseTimes> {
  const table = tableOf(fx);
  const spec = specOf(fx);
  const first = fitNlme(table, spec);
  const t1 = cpuMs();
  while (cpuMs() - t1 < WARMUP_MS) fitNlme(table, spec);
  const q: number[] = [];
  const rTimes: number[] = [];
  const probeUs: number[] = [];
  const request = { case: fx.case, data: fx.data, factors: fx.factors, dropEvery: fx.dropEvery, call: fx.call, runs: RUNS, warmup: 2 };
  for (let round = 0; round < ROUNDS; round++) {
    const reply = r ? await r.request<{ case: string; times: number[] }>(request) : null;
    if (reply) rTimes.push(...reply.times);
    probeUs.push(probe.sample());
    q.push(...timeQuadratRuns(table, spec));
  }
  return {
    ms: median(q),
    rMs: rTimes.length ? median(rTimes) : null,
    bestMs: Math.min(...q),
    rBestMs: rTimes.length ? Math.min(...rTimes) : null,
    probeUs: median(probeUs),
    evaluations: first.report.optimizer.evaluations,
  };
}

const args = process.argv.slice(2);
const filter = args.filter((a) => !a.startsWith('--'));
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture)
  .filter((fx) => filter.length === 0 || filter.some((s) => fx.case.includes(s)));
const rServer = args.includes('--no-r') ? null : RServer.start('bench/r/time_nlme.R');
if (!rServer) console.log(args.includes('--no-r') ? 'R timing skipped (--no-r).' : 'Rscript not found: showing Quadrat times only.');
const firstMs = new Map<string, number>();
for (const fx of fixtures) {
  const table = tableOf(fx);
  const spec = specOf(fx);
  const t0 = cpuMs();
  fitNlme(table, spec);
  firstMs.set(fx.case, cpuMs() - t0);
}
for (const fx of fixtures) warm(fx, GLOBAL_WARMUP_MS);
const probe = new MachineProbe();
const results: { fx: Fixture; t: CaseTimes }[] = [];
for (const fx of fixtures) {
  const t = await timeCase(fx, rServer, probe);
  results.push({ fx, t });
  const r = t.rMs;
  console.log(`  ${fx.case}: quadrat ${t.ms.toFixed(2)} ms${r == null ? '' : `, nlme ${r.toFixed(2)} ms, ratio ${(t.ms / r).toFixed(3)}`}`);
}
rServer?.close();
console.log('');
const fmt = (x: number | null, d: number) => (x == null ? '—' : x.toFixed(d));
const ratio = (a: number, b: number | null) => (b == null ? null : a / b);
printTable(
  ['case', 'fn', 'evals', 'first fit CPU ms', 'quadrat CPU ms', 'nlme CPU ms', 'ratio', 'best of each', 'machine'],
  results.map(({ fx, t }) => [
    fx.case,
    fx.spec.fn,
    String(t.evaluations),
    firstMs.get(fx.case)!.toFixed(1),
    t.ms.toFixed(2),
    fmt(t.rMs, 2),
    fmt(ratio(t.ms, t.rMs), 3),
    fmt(ratio(t.bestMs, t.rBestMs), 3),
    probe.state(t.probeUs).toFixed(2),
  ]),
);
const summary = (label: string, of: (t: CaseTimes) => number | null) => {
  const rs = results.map(({ fx, t }) => ({ name: fx.case, r: of(t) })).filter((x): x is { name: string; r: number } => x.r !== null);
  if (!rs.length) return;
  const over = rs.filter((x) => x.r > 0.2).map((x) => x.name);
  console.log(`${label}: median ${median(rs.map((x) => x.r)).toFixed(3)}; above the goal: ${over.length ? over.join(', ') : 'none'}`);
};
console.log('\n(ratio = quadrat / nlme, CPU time per fit, both warm, timed in alternating rounds; goal ≤ 0.2;');
console.log(' best of each = each side\'s fastest run; machine = a throughput probe\'s time during the case over');
console.log(' its best in this run: 1.0 the machine at its best, ≈ 1.7–2 a slow spell, see bench/machineProbe.ts)');
summary('ratio of medians', (t) => ratio(t.ms, t.rMs));
summary('ratio of the best runs', (t) => ratio(t.bestMs, t.rBestMs));
