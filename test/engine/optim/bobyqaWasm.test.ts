import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BobyqaBackend, setBobyqaBackend } from '../../../src-engine/optim/bobyqa/bobyqa';
import { bobyqa } from '../../../src-engine/optim/minimize';
import { type MinimizeOptions, type MinimizeResult } from '../../../src-engine/optim/types';
import { problems } from './crosscheck/problems';
import { dyestuffCriterion, sleepstudyCriterion } from './profiledDeviance';

/**
 * BOBYQA's WebAssembly build against its JS build (the same portable sources, build-wasm.mjs): every
 * point evaluated, every value and the outcome must agree to the bit, on the cross-check problems, the
 * profiled deviances, random bounded problems, and the paths that end a run early.
 */
afterEach(() => setBobyqaBackend('auto'));

interface Traced {
  result: MinimizeResult | { thrown: string };
  /** Every evaluated point and value, as the hex of their IEEE bits. */
  trace: string[];
  /** How many evaluations came from a WebAssembly frame. */
  fromWasm: number;
}

const bits = new DataView(new ArrayBuffer(8));
function hex(v: number): string {
  bits.setFloat64(0, v);
  return bits.getBigUint64(0).toString(16);
}

function traced(backend: BobyqaBackend, f: (x: Float64Array) => number, x0: number[], opts: MinimizeOptions): Traced {
  setBobyqaBackend(backend);
  const trace: string[] = [];
  let fromWasm = 0;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const g = (x: Float64Array) => {
    if (/wasm-function|wasm:\/\//.test(new Error().stack ?? '')) fromWasm++;
    const v = f(x);
    trace.push(`${Array.from(x, hex).join(',')}→${hex(v)}`);
    return v;
  };
  try {
    return { result: bobyqa(g, x0, opts), trace, fromWasm };
  } catch (e) {
    return { result: { thrown: String(e) }, trace, fromWasm };
  } finally {
    Error.stackTraceLimit = limit;
    setBobyqaBackend('auto');
  }
}

/** Runs both builds; asserts the same trace and result, and that the wasm build did the evaluating. */
function expectSameRuns(f: (x: Float64Array) => number, x0: number[], opts: MinimizeOptions): Traced {
  const js = traced('js', f, x0, opts);
  const wasm = traced('auto', f, x0, opts);
  expect(js.fromWasm).toBe(0);
  expect(wasm.fromWasm).toBe(wasm.trace.length);
  expect(wasm.trace).toEqual(js.trace);
  expect(wasm.result).toEqual(js.result);
  return wasm;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A random problem: a rotated, possibly indefinite quadratic plus a quartic (bounded below), random bounds. */
function randomProblem(seed: number): { f: (x: Float64Array) => number; x0: number[]; opts: MinimizeOptions } {
  const u = seeded(seed);
  const n = 1 + Math.floor(u() * 8);
  const A = Array.from({ length: n * n }, () => 2 * u() - 1);
  const c = Array.from({ length: n }, () => 4 * u() - 2);
  const w = Array.from({ length: n }, () => 10 ** (3 * u() - 1) * (u() < 0.2 ? -1 : 1));
  const f = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let j = 0; j < n; j++) y += A[i * n + j] * (x[j] - c[j]);
      s += w[i] * y * y + 0.05 * y * y * y * y;
    }
    return s;
  };
  const lower: number[] = [];
  const upper: number[] = [];
  const x0: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = u();
    const lo = kind < 0.3 ? -Infinity : c[i] + (u() < 0.5 ? 0.3 : -1.5) * u();
    const hi = kind > 0.7 ? Infinity : Math.max(lo, c[i] - 1) + 0.05 + 2 * u();
    lower.push(lo);
    upper.push(hi);
    const start = u() < 0.3 && Number.isFinite(lo) ? lo : Number.isFinite(hi) && u() < 0.3 ? hi : c[i] + 2 * u() - 1;
    x0.push(Math.min(Math.max(start, lo), hi));
  }
  const opts: MinimizeOptions = { lower, upper, rhobeg: 0.05 + 0.5 * u(), rhoend: u() < 0.5 ? 1e-8 : 1e-6, ftolAbs: u() < 0.5 ? 0 : 1e-8 };
  return { f, x0, opts };
}

describe('BOBYQA as WebAssembly: the same run as the JS build, to the bit', () => {
  it('is up to date with its sources (node src-engine/optim/bobyqa/build-wasm.mjs)', async () => {
    // @ts-expect-error -- a build script in plain JS, no declarations
    const build = (await import('../../../src-engine/optim/bobyqa/build-wasm.mjs')) as {
      compileBobyqa(): Promise<Uint8Array>;
      kernelModuleSource(binary: Uint8Array): string;
    };
    const fresh = build.kernelModuleSource(await build.compileBobyqa());
    expect(fresh).toBe(readFileSync('src-engine/optim/bobyqa/bobyqaKernel.ts', 'utf8'));
  }, 60_000);

  for (const [name, p] of Object.entries(problems)) {
    it(`cross-check problem ${name}`, () => {
      expectSameRuns(p.f, p.x0, { lower: p.lower, upper: p.upper, rhobeg: p.rhobeg, rhoend: 1e-8, ftolAbs: 0 });
    });
  }

  it('the profiled deviances of Dyestuff and sleepstudy (REML, ML), with lme4 defaults', () => {
    for (const reml of [true, false]) {
      expectSameRuns(dyestuffCriterion(reml), [1], { lower: [0] });
      expectSameRuns(sleepstudyCriterion(reml), [1, 0, 1], { lower: [0, -Infinity, 0] });
    }
  });

  it('120 random bounded problems in 1 to 8 variables', () => {
    let evaluations = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const p = randomProblem(seed);
      evaluations += expectSameRuns(p.f, p.x0, p.opts).trace.length;
    }
    expect(evaluations).toBeGreaterThan(5000);
  });

  it('a noisy objective and a tiny rhoend, where rounding spoils the model and the set is rebuilt around the best point', () => {
    // 9 rebuilds in this run (counted when written)
    const noisy = (x: Float64Array) => (x[0] - 1) ** 2 + (x[1] + 0.5) ** 2 + 1e-6 * Math.sin(1e9 * x[0] * x[1]);
    const run = expectSameRuns(noisy, [1, 1], { lower: [-5, -5], upper: [5, 5], rhobeg: 0.5, rhoend: 1e-16, ftolAbs: 0 });
    expect(run.trace.length).toBeGreaterThan(500);
  });

  it('runs ended by the budget, a non-finite value or a cancellation, and a run after each', () => {
    const quad = (x: Float64Array) => (x[0] - 1) ** 2 + 2 * (x[1] - 2) ** 2;
    const budget = expectSameRuns(quad, [0, 0], { lower: [-10, -10], maxEvaluations: 7 });
    expect((budget.result as MinimizeResult).status).toBe('max-evaluations');
    const nan = expectSameRuns((x) => (x[0] > 1.1 ? NaN : (x[0] - 2) ** 2 + x[1] ** 2), [1, 1], { lower: [-Infinity, -Infinity], rhobeg: 0.2 });
    expect((nan.result as MinimizeResult).status).toBe('failed');
    const stop = expectSameRuns(quad, [0, 0], { lower: [-10, -10], onEvaluation: (k) => k < 9 });
    expect((stop.result as { thrown: string }).thrown).toMatch(/cancelled/);
    expectSameRuns(quad, [0, 0], { lower: [-10, -10] });
  });

  it('runs the JS build, with the same iterates, where the runtime has no WebAssembly', async () => {
    const quad = (x: Float64Array) => (x[0] - 1) ** 2 + 2 * (x[1] + 0.5) ** 2 + 0.3 * x[0] * x[1];
    const expected = traced('js', quad, [0, 0], { lower: [-3, -3], upper: [3, 3] });
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const fresh = await import('../../../src-engine/optim/minimize');
      const trace: string[] = [];
      const result = fresh.bobyqa((x) => (trace.push(`${Array.from(x, hex).join(',')}→${hex(quad(x))}`), quad(x)), [0, 0], { lower: [-3, -3], upper: [3, 3] });
      expect(trace).toEqual(expected.trace);
      expect(result).toEqual(expected.result);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('an objective that runs BOBYQA itself (a nested fit) gets its own instance', () => {
    const inner = (a: number) => bobyqa((y) => (y[0] - a) ** 2 + Math.abs(a) * y[0] ** 4, [0], { lower: [-5], upper: [5] }).f;
    const outer = expectSameRuns((x) => inner(x[0]) + (x[0] - 0.7) ** 2 + (x[1] + 0.1) ** 2, [0, 0], { lower: [-2, -2], upper: [2, 2] });
    expect((outer.result as MinimizeResult).status).toBe('converged');
  });
});
