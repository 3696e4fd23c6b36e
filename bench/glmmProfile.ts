/**
 * Where a GLMM fit spends its time, and a guard that optimisations leave its numbers alone.
 *
 *   npx tsx bench/glmmProfile.ts [case-filter …]     per case: warm fit time, objective evaluations,
 *                                                    PIRLS calls/iterations, time in PIRLS and in the
 *                                                    weighted PLS solves (counters, not a sampler)
 *   npx tsx bench/glmmProfile.ts --dump before.json  every glmer fixture case fitted (with conditional
 *                                                    SDs), all numbers written to a file
 *   npx tsx bench/glmmProfile.ts --compare before.json [case-filter …]   the same fits, largest
 *                                                    relative difference from the dump per case and field
 *
 * For a sampling profile: node --cpu-prof --import tsx bench/glmmProfile.ts grouseticks
 * A benchmark, never a test: nothing here asserts a timing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { GlmmModel } from '../src-engine/glmm/glmmModel';
import { LaplaceGradient } from '../src-engine/glmm/laplaceGradient';
import { type PirlsResult } from '../src-engine/glmm/pirls';
import { WeightedPls } from '../src-engine/glmm/weightedPls';
import { median, printTable } from './benchCases';
import { fitCase, fixtureCases, GLMM_BENCH_CASES, loadGlmmTable } from './glmmCases';

interface Counters {
  pirlsCalls: number;
  iterations: number;
  pirlsMs: number;
  solves: number;
  solveMs: number;
  /** Exact gradients of the Laplace objective (laplaceGradient.ts), without the evaluation each follows. */
  gradients: number;
  gradientMs: number;
}
const counters: Counters = { pirlsCalls: 0, iterations: 0, pirlsMs: 0, solves: 0, solveMs: 0, gradients: 0, gradientMs: 0 };
let instrumented = false;
/** Per objective call of the instrumented fit: which objective, its time and PIRLS iterations. */
interface Call {
  stage0: boolean;
  ms: number;
  iterations: number;
}
let calls: Call[] = [];

/** Wrap GlmmModel.modes/modesJoint and WeightedPls.solve with counters (only while `instrumented`). */
function instrument(): void {
  const proto = GlmmModel.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ['modes', 'modesJoint']) {
    const orig = proto[name];
    proto[name] = function (this: unknown, ...a: unknown[]) {
      if (!instrumented) return orig.apply(this, a);
      const t = performance.now();
      const r = orig.apply(this, a) as PirlsResult | undefined;
      counters.pirlsMs += performance.now() - t;
      counters.pirlsCalls++;
      counters.iterations += r?.iterations ?? 0;
      return r;
    };
  }
  for (const name of ['objective0', 'objective']) {
    const orig = proto[name];
    proto[name] = function (this: unknown, ...a: unknown[]) {
      if (!instrumented) return orig.apply(this, a);
      const it0 = counters.iterations;
      const t = performance.now();
      const r = orig.apply(this, a);
      calls.push({ stage0: name === 'objective0', ms: performance.now() - t, iterations: counters.iterations - it0 });
      return r;
    };
  }
  const lg = LaplaceGradient.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const grad = lg.gradient;
  lg.gradient = function (this: unknown, ...a: unknown[]) {
    if (!instrumented) return grad.apply(this, a);
    const t = performance.now();
    const r = grad.apply(this, a);
    counters.gradientMs += performance.now() - t;
    counters.gradients++;
    return r;
  };
  const wp = WeightedPls.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const solve = wp.solve;
  wp.solve = function (this: unknown, ...a: unknown[]) {
    if (!instrumented) return solve.apply(this, a);
    const t = performance.now();
    const r = solve.apply(this, a);
    counters.solveMs += performance.now() - t;
    counters.solves++;
    return r;
  };
}

/**
 * The instrumented fit's objective calls by phase: stage 1 (objective0), the stage-2 θ scales (the first
 * 1 + 2k Laplace calls), the Hessian (the last 1 + 2n + n(n − 1), or 1 + 2n with the exact gradient),
 * stage 2 (the rest, boundary snap included).
 */
function phases(k: number, p: number, exact: boolean): string[][] {
  const lap = calls.filter((c) => !c.stage0);
  const n = k + p;
  const nScale = Math.min(1 + 2 * k, lap.length);
  const nHess = Math.min(exact ? 1 + 2 * n : 1 + 2 * n + n * (n - 1), lap.length - nScale);
  const groups: [string, Call[]][] = [
    ['stage 1', calls.filter((c) => c.stage0)],
    ['θ scales', lap.slice(0, nScale)],
    ['stage 2', lap.slice(nScale, lap.length - nHess)],
    ['Hessian', lap.slice(lap.length - nHess)],
  ];
  return groups.map(([name, cs]) => {
    const ms = cs.reduce((a, c) => a + c.ms, 0);
    const it = cs.reduce((a, c) => a + c.iterations, 0);
    return [name, String(cs.length), cs.length ? ((1000 * ms) / cs.length).toFixed(0) : '-', cs.length ? (it / cs.length).toFixed(2) : '-', ms.toFixed(1)];
  });
}

function profile(filter: string[]): void {
  instrument();
  const rows: string[][] = [];
  const phaseRows: string[][] = [];
  for (const c of GLMM_BENCH_CASES.filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)))) {
    const table = loadGlmmTable(c);
    const t0 = performance.now();
    for (let k = 0; k < Math.max(c.warmup, 1) || (c.warmup > 1 && performance.now() - t0 < 500 && k < 30); k++) fitCase(c, table);
    const times: number[] = [];
    for (let k = 0; k < c.runs; k++) {
      const t = performance.now();
      fitCase(c, table);
      times.push(performance.now() - t);
    }
    Object.assign(counters, { pirlsCalls: 0, iterations: 0, pirlsMs: 0, solves: 0, solveMs: 0, gradients: 0, gradientMs: 0 });
    calls = [];
    instrumented = true;
    const t = performance.now();
    const fit = fitCase(c, table);
    const ms = performance.now() - t;
    instrumented = false;
    const evals = fit.optimizer.evaluations;
    if (fit.nAGQ > 0) for (const r of phases(fit.model.nTheta, fit.model.design.p, fit.nAGQ === 1 && fit.model.hasGradient)) phaseRows.push([c.case, ...r]);
    rows.push([
      c.case,
      String(fit.model.design.n),
      median(times).toFixed(2),
      String(evals),
      String(counters.pirlsCalls),
      (counters.iterations / counters.pirlsCalls).toFixed(2),
      ((1000 * ms) / counters.pirlsCalls).toFixed(1),
      ((1000 * counters.pirlsMs) / counters.pirlsCalls).toFixed(1),
      ((1000 * counters.solveMs) / counters.solves).toFixed(1),
      ((100 * counters.solveMs) / ms).toFixed(0),
      ((100 * counters.pirlsMs) / ms).toFixed(0),
      String(counters.gradients),
      counters.gradients ? ((1000 * counters.gradientMs) / counters.gradients).toFixed(0) : '-',
    ]);
  }
  printTable(['case', 'n', 'fit ms', 'evals', 'PIRLS calls', 'iter/call', 'µs/call (fit)', 'µs/call (PIRLS)', 'µs/solve', 'solve %', 'PIRLS %', 'gradients', 'µs/gradient'], rows);
  console.log('\nevals: objective evaluations the fit counts (both stages, Hessian included); PIRLS calls include the final and condVar solves; gradients: exact Laplace gradients (laplaceGradient.ts), timed without the evaluation each follows.\n');
  printTable(['case', 'phase', 'evals', 'µs/eval', 'iter/eval', 'ms'], phaseRows);
}

type Snapshot = Record<string, Record<string, number[]>>;

function snapshot(filter: string[] = []): Snapshot {
  const out: Snapshot = {};
  for (const c of fixtureCases().filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)))) {
    let fit;
    try {
      fit = fitCase(c, loadGlmmTable(c), {});
    } catch (e) {
      console.log(`${c.case}: ${(e as Error).message}`);
      continue;
    }
    out[c.case] = {
      theta: [...fit.theta],
      beta: [...fit.beta],
      objective: [fit.objective],
      devSum: [fit.devSum],
      vcov: [...fit.vcov],
      u: fit.u.flatMap((x) => [...x]),
      mu: [...fit.mu],
      condVar: (fit.condVar ?? []).flatMap((x) => [...x]),
      evaluations: [fit.optimizer.evaluations],
    };
  }
  return out;
}

function compare(file: string, filter: string[]): void {
  const before = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const now = snapshot(filter);
  const fields = ['objective', 'theta', 'beta', 'u', 'mu', 'devSum', 'se', 'vcov', 'condVar'];
  // standard errors: the square roots of vcov's diagonal
  const withSe = (snap: Snapshot) => {
    for (const f of Object.values(snap)) {
      const p = Math.round(Math.sqrt(f.vcov.length));
      f.se = Array.from({ length: p }, (_, j) => Math.sqrt(f.vcov[j * p + j]));
    }
  };
  withSe(before);
  withSe(now);
  const rows: string[][] = [];
  let worst = 0;
  for (const [name, got] of Object.entries(now)) {
    const b = before[name];
    const maxes = fields.map((k) => {
      const v = got[k];
      const w = b?.[k] ?? [];
      if (w.length !== v.length) return Infinity;
      let max = 0;
      v.forEach((x, i) => {
        const d = x === w[i] ? 0 : Math.abs(x - w[i]) / Math.max(Math.abs(w[i]), 1e-8);
        max = Number.isNaN(d) ? Infinity : Math.max(max, d);
      });
      return max;
    });
    worst = Math.max(worst, ...maxes);
    rows.push([name, ...maxes.map((d) => (d === 0 ? '0' : d.toExponential(1))), `${b?.evaluations?.[0]} → ${got.evaluations[0]}`]);
  }
  printTable(['case (max rel diff)', ...fields, 'evaluations'], rows);
  console.log(`\nworst: ${worst.toExponential(2)}`);
}

const args = process.argv.slice(2);
const dump = args.indexOf('--dump');
const cmp = args.indexOf('--compare');
if (dump >= 0) writeFileSync(args[dump + 1], JSON.stringify(snapshot()));
else if (cmp >= 0) compare(args[cmp + 1], args.filter((a, i) => !a.startsWith('--') && i !== cmp + 1));
else profile(args.filter((a) => !a.startsWith('--')));
