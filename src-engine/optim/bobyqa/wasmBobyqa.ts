/**
 * Runs BOBYQA as WebAssembly (build-wasm.mjs compiles this folder's portable sources). A fresh process
 * runs the JS build on V8's first tiers for a whole small fit, every double boxed; the wasm runs
 * compiled from its first call. Same algorithm, same V8 trigonometry, so the same iterates to the bit
 * (test/engine/optim/bobyqaWasm.test.ts). Instances are pooled: an objective that itself runs BOBYQA
 * (a nested fit) gets an instance of its own.
 */
import { lazyModule, type WasmMemory, webAssembly } from '../../linalg/wasmApi';
import { bobyqaKernelBase64 } from './bobyqaKernel';
import { acos, atan2, cos, hypot, sin } from './math';
import { evaluate, evaluations, evaluationsLeft } from './objective';

interface BobyqaExports {
  memory: WasmMemory;
  /** Frees the last run's heap; the byte address of x0, lower, upper (3n doubles) to fill. */
  begin(n: number): number;
  /** iterate.ts' outcome code. */
  run(rhobeg: number, rhoend: number, ftolAbs: number): number;
}

class BobyqaInstance {
  private readonly exports: BobyqaExports;
  /** The point handed to the objective (the Evaluator copies it, as the JS build's callers assume). */
  private x = new Float64Array(0);

  constructor(module: object, Instance: NonNullable<ReturnType<typeof webAssembly>>['Instance']) {
    const imports = {
      env: {
        abort: (_message: number, _file: number, line: number, column: number) => {
          throw new Error(`BOBYQA's WebAssembly stopped at ${line}:${column} of its sources (an AssemblyScript runtime check failed: out of memory or an invalid length).`);
        },
      },
      math: { cos, sin, hypot, atan2, acos },
      objective: {
        evaluate: (at: number, n: number, tolerant: number) => this.evaluate(at, n, tolerant !== 0),
        evaluations,
        evaluationsLeft,
      },
    };
    this.exports = new Instance(module, imports).exports as unknown as BobyqaExports;
  }

  run(x0: Float64Array, lower: Float64Array, upper: Float64Array, rhobeg: number, rhoend: number, ftolAbs: number): number {
    const n = x0.length;
    const io = new Float64Array(this.exports.memory.buffer, this.exports.begin(n), 3 * n);
    io.set(x0, 0);
    io.set(lower, n);
    io.set(upper, 2 * n);
    return this.exports.run(rhobeg, rhoend, ftolAbs);
  }

  private evaluate(at: number, n: number, tolerant: boolean): number {
    if (this.x.length !== n) this.x = new Float64Array(n);
    this.x.set(new Float64Array(this.exports.memory.buffer, at, n)); // a fresh view: the heap may have grown
    return evaluate(this.x, tolerant);
  }
}

const bobyqaModule = lazyModule(bobyqaKernelBase64);
const idle: BobyqaInstance[] = [];

/** iterate.ts run as wasm, with the objective withEvaluator installed; undefined when wasm is unavailable. */
export function iterateWasm(x0: Float64Array, lower: Float64Array, upper: Float64Array, rhobeg: number, rhoend: number, ftolAbs: number): number | undefined {
  const module = bobyqaModule();
  if (!module) return undefined;
  const instance = idle.pop() ?? new BobyqaInstance(module, webAssembly()!.Instance);
  try {
    return instance.run(x0, lower, upper, rhobeg, rhoend, ftolAbs);
  } finally {
    idle.push(instance);
  }
}
