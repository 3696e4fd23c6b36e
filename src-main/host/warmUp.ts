/**
 * JIT warm-up for a fresh engine worker. V8 interprets the engine until its hot loops have run often
 * enough to be optimised, so a fresh worker's first fit runs several times slower than later ones
 * (ham with Satterthwaite df: ~200 ms instead of ~7 ms). Right after it starts, the worker fits a
 * few small synthetic models that take the engine's main paths — scalar nested terms (grouped Gram,
 * diagonal head), a correlated random slope, crossed factors, the inference — one fit per macrotask:
 * a real job arriving meanwhile waits for at most one of these small fits (the job's message is
 * handled before the next step), and the warm-up goes on between jobs until it is done.
 */
import { type Table } from '../../src-engine/data/table';
import { fitLmm, type LmmRequest } from '../../src-engine/lmm/fitLmm';

/** 30 rounds of the three models: ~0.6 s of CPU once, after which a first ham fit takes ~25 ms instead of ~150 ms of CPU cold. */
const ROUNDS = 30;
/** Stop early on a slow machine. */
const MAX_MS = 2000;

/** 240 rows: 12 sites × 4 plots × 5 visits, a numeric x, a 3-level treatment and a crossed rater. */
export function warmUpTable(): Table {
  const n = 240;
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  const site = new Int32Array(n);
  const plot = new Int32Array(n);
  const trt = new Int32Array(n);
  const rater = new Int32Array(n);
  let s = 7;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  const siteEffect = Array.from({ length: 12 }, () => 2 * rand());
  const siteSlope = Array.from({ length: 12 }, () => rand());
  const plotEffect = Array.from({ length: 48 }, () => 2 * rand());
  for (let i = 0; i < n; i++) {
    site[i] = Math.floor(i / 20);
    plot[i] = Math.floor(i / 5) % 4;
    trt[i] = i % 3;
    rater[i] = (i * 7) % 6;
    x[i] = (i % 5) + rand();
    y[i] = 10 + (1 + siteSlope[site[i]]) * x[i] + siteEffect[site[i]] + plotEffect[Math.floor(i / 5)] + 0.5 * trt[i] + 0.3 * rater[i] + rand();
  }
  const labels = (prefix: string, k: number) => Array.from({ length: k }, (_, j) => `${prefix}${j + 1}`);
  return {
    nrow: n,
    columns: [
      { name: 'y', type: 'numeric', values: y },
      { name: 'x', type: 'numeric', values: x },
      { name: 'site', type: 'factor', codes: site, levels: labels('s', 12) },
      { name: 'plot', type: 'factor', codes: plot, levels: labels('p', 4) },
      { name: 'trt', type: 'factor', codes: trt, levels: ['a', 'b', 'c'] },
      { name: 'rater', type: 'factor', codes: rater, levels: labels('r', 6) },
    ],
  };
}

export const WARM_UP_MODELS: readonly LmmRequest[] = [
  { formula: 'y ~ x * trt + (1 | site/plot)', reml: true },
  { formula: 'y ~ x + trt + (x | site)', reml: true },
  { formula: 'y ~ x + (1 | site) + (1 | rater)', reml: false },
];

/**
 * Start warming up; returns `stop` (idempotent). `schedule` runs a callback as a later macrotask
 * (setImmediate in the worker, so pending job messages are handled first).
 */
export function startWarmUp(schedule: (step: () => void) => void, table: Table = warmUpTable()): () => void {
  let stopped = false;
  let k = 0;
  const t0 = Date.now();
  const step = () => {
    if (stopped || k >= ROUNDS * WARM_UP_MODELS.length || Date.now() - t0 > MAX_MS) return;
    try {
      fitLmm(table, WARM_UP_MODELS[k % WARM_UP_MODELS.length], { conditionalSds: true });
    } catch {
      stopped = true; // warm-up is best effort: never let it disturb the worker
      return;
    }
    k++;
    schedule(step);
  };
  schedule(step);
  return () => {
    stopped = true;
  };
}
