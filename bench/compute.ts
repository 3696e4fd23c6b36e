/**
 * `npx tsx bench/compute.ts`: computed columns and row filters on 10⁶ rows (they run in the main
 * process, so a slow one would hold the app), beside R's `transform()`/`subset()` on the same table in
 * the same run when Rscript is installed. Median of 5 after one warm-up. A benchmark: asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { computeColumn } from '../src-engine/data/compute/computeColumn';
import { filterRows } from '../src-engine/data/compute/rowFilter';
import { type Table } from '../src-engine/data/table';
import { printTable } from './benchCases';

const N = 1_000_000;
const mass = new Float64Array(N), temp = new Float64Array(N), codes = new Int32Array(N);
for (let i = 0; i < N; i++) [mass[i], temp[i], codes[i]] = [1 + (i % 97), (i % 31) - 5, i % 500];
const table: Table = {
  nrow: N,
  columns: [
    { name: 'mass', type: 'numeric', values: mass },
    { name: 'temp', type: 'numeric', values: temp },
    { name: 'site', type: 'factor', codes, levels: Array.from({ length: 500 }, (_, k) => `S${k}`) },
  ],
};
const columns = ['log(mass)', 'scale(temp)', 'mass / temp + 2 * log1p(mass)', 'interaction(site, temp > 0)'];
const filters = ['temp > 0 & mass < 50', 'site %in% c("S1", "S2")', '!is.na(mass)'];

const median = (f: () => void) => {
  f();
  const t: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[2];
};

/** R's times (ms) for the same expressions, or null without Rscript. */
function rTimes(): number[] | null {
  const expr = [...columns.map((c) => `transform(d, x = ${c})`), ...filters.map((f) => `subset(d, ${f})`)];
  const script = `n <- ${N}; i <- 0:(n - 1)
d <- data.frame(mass = 1 + i %% 97, temp = (i %% 31) - 5, site = factor(paste0("S", i %% 500)))
med <- function(f) { f(); median(sapply(1:5, function(r) system.time(f())[["elapsed"]])) * 1000 }
cat(c(${expr.map((e) => `med(function() ${e})`).join(', ')}), "\\n")`;
  const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split(/\s+/).map(Number) : null;
}

const ours = [
  ...columns.map((c) => median(() => computeColumn('x', c, table, { mode: 'strict' }))),
  ...filters.map((f) => median(() => filterRows(table, f))),
];
const r = rTimes();
const rows = [...columns.map((c) => `column ${c}`), ...filters.map((f) => `filter ${f}`)].map((what, k) => [
  what,
  `${ours[k].toFixed(0)} ms`,
  r ? `${r[k].toFixed(0)} ms` : '—',
  r ? (ours[k] / r[k]).toFixed(2) : '—',
]);
printTable(['on 10⁶ rows', 'Quadrat', 'R', 'ratio'], rows);
if (!r) console.log('Rscript not found: no R column.');
