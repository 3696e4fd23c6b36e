/**
 * Count models (issue 13) beside glmmTMB, timed in the same run with bench/r/time_glmmTMB.R when
 * Rscript and glmmTMB are installed: each supported fixture of test/reference/fixtures/glmmTMB. Both
 * sides fit as by default, standard errors included, warm; CPU time (user + system, the machine may
 * be shared) and wall time, medians over `runs` fits. A benchmark, never a test: nothing here asserts
 * a timing.
 *
 *   npx tsx bench/tmb.ts              all supported cases
 *   npx tsx bench/tmb.ts sal_zi       only cases whose name contains "sal_zi"
 *   npx tsx bench/tmb.ts --no-r       skip R
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Table } from '../src-engine/data/table';
import { computeColumn } from '../src-engine/data/compute/computeColumn';
import { fitTmb, type TmbFit } from '../src-engine/tmb/fitTmb';
import { TMB_FAMILIES } from '../src-engine/tmb/countDensity';
import { type BenchCase, loadTable, median, printTable, timeInR } from './benchCases';

const DIR = 'test/reference/fixtures/glmmTMB';
const RUNS = 5;
const WARMUP = 2;

interface TmbCase {
  case: string; data: string; factors: string[]; formula: string; family: string; link?: string; ziformula: string; dispformula: string; subset: { rows: number[] } | null;
  /** a column computed from the others before the fit (cbpp_beta's proportion) */
  derive?: { column: string; expression: string } | null;
  runs: number; warmup: number;
}

function loadCases(filter: string[]): TmbCase[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as TmbCase & { formula: string })
    // the families Quadrat fits
    .filter((c) => (TMB_FAMILIES as readonly string[]).includes(c.family))
    .filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)))
    .map((c) => ({ case: c.case, data: c.data, factors: c.factors, formula: c.formula, family: c.family, link: c.link, ziformula: c.ziformula, dispformula: c.dispformula, subset: c.subset, derive: c.derive, runs: RUNS, warmup: WARMUP }))
    .sort((a, b) => a.case.localeCompare(b.case));
}

function withDerived(table: Table, c: TmbCase): Table {
  if (!c.derive) return table;
  const { column } = computeColumn(c.derive.column, c.derive.expression, table, { mode: 'strict' });
  return { nrow: table.nrow, columns: [...table.columns, column] };
}

function timeQuadrat(c: TmbCase, table: Table): { cpuMs: number; ms: number; fit: TmbFit } {
  const fit = () => fitTmb(table, { formula: c.formula, family: c.family, ziformula: c.ziformula, dispformula: c.dispformula });
  let first = fit();
  for (let k = 1; k < WARMUP; k++) first = fit();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fit();
    wall.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
  }
  return { cpuMs: median(cpu), ms: median(wall), fit: first };
}

const args = process.argv.slice(2);
const cases = loadCases(args.filter((a) => !a.startsWith('--')));
type RTime = { cpuMs: number; elapsedMs: number } | null;
const rTimes = args.includes('--no-r') ? null : (timeInR('bench/r/time_glmmTMB.R', cases as unknown as BenchCase[]) as unknown as Record<string, RTime> | null);
if (!rTimes) console.log(args.includes('--no-r') ? 'R timing skipped (--no-r).' : 'Rscript or glmmTMB not found: showing Quadrat times only.');
const rows: string[][] = [];
const ratio = (q: number, r: number | undefined) => (r === undefined ? '—' : (q / r).toFixed(3));
for (const c of cases) {
  const q = timeQuadrat(c, withDerived(loadTable({ ...c, REML: false }), c));
  const r = rTimes?.[c.case] ?? undefined;
  rows.push([c.case, String(q.fit.nobs), String(q.fit.npar), `${q.fit.optimizerEvaluations}/${q.fit.evaluations}`, q.cpuMs.toFixed(1), q.ms.toFixed(1),
    r ? r.cpuMs.toFixed(1) : '—', r ? r.elapsedMs.toFixed(1) : '—', ratio(q.cpuMs, r?.cpuMs), ratio(q.ms, r?.elapsedMs)]);
  console.log(`  ${c.case}: quadrat ${q.cpuMs.toFixed(1)} ms CPU${r ? `, glmmTMB ${r.cpuMs.toFixed(1)} ms CPU, ratio ${ratio(q.cpuMs, r.cpuMs)}` : ''}`);
}
console.log('');
printTable(['case', 'nobs', 'npar', 'evals (opt/all)', 'quadrat CPU ms', 'wall ms', 'glmmTMB CPU ms', 'wall ms', 'CPU ratio', 'wall ratio'], rows);
console.log('\n(ratio = quadrat / glmmTMB, both warm, medians; lower is better; evals: Laplace objective evaluations by the optimizer / in all, standard errors included)');
