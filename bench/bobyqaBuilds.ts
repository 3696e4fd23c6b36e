/**
 * `npx tsx bench/bobyqaBuilds.ts`: BOBYQA's two builds of one source (docs/optimizers.md), warm, on the
 * cross-check problems: µs a run and a evaluation for the JS build (on TurboFan by then) and the
 * WebAssembly one the engine runs. Median of 5 batches after a warm-up. The objectives are cheap, so this
 * is mostly the optimizer's own cost. First fits in fresh processes are bench/firstFit.ts's. A benchmark:
 * asserts nothing (the bits are test/engine/optim/bobyqaWasm.test.ts's).
 */
import { performance } from 'node:perf_hooks';
import { type BobyqaBackend, setBobyqaBackend } from '../src-engine/optim/bobyqa/bobyqa';
import { bobyqa } from '../src-engine/optim/minimize';
import { problems } from '../test/engine/optim/crosscheck/problems';
import { printTable } from './benchCases';

const BATCH_MS = 200;

function timeRuns(backend: BobyqaBackend, run: () => number): { usRun: number; usEval: number; evaluations: number } {
  setBobyqaBackend(backend);
  const batch = () => {
    let runs = 0;
    let evaluations = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < BATCH_MS) {
      evaluations += run();
      runs++;
    }
    const ms = performance.now() - t0;
    return { usRun: (1000 * ms) / runs, usEval: (1000 * ms) / evaluations, evaluations: evaluations / runs };
  };
  batch(); // warm-up: TurboFan for the JS build, V8's top tier for the wasm
  const batches = Array.from({ length: 5 }, batch).sort((a, b) => a.usRun - b.usRun);
  setBobyqaBackend('auto');
  return batches[2];
}

const rows: string[][] = [];
for (const [name, p] of Object.entries(problems)) {
  const run = () => bobyqa(p.f, p.x0, { lower: p.lower, upper: p.upper, rhobeg: p.rhobeg, rhoend: 1e-8, ftolAbs: 0 }).evaluations;
  const js = timeRuns('js', run);
  const wasm = timeRuns('auto', run);
  rows.push([name, String(p.x0.length), String(js.evaluations), js.usRun.toFixed(0), wasm.usRun.toFixed(0), js.usEval.toFixed(2), wasm.usEval.toFixed(2), (wasm.usRun / js.usRun).toFixed(2)]);
}
printTable(['problem', 'n', 'evals', 'JS µs/run', 'wasm µs/run', 'JS µs/eval', 'wasm µs/eval', 'wasm/JS'], rows);
console.log('\n(warm, median of 5 batches of 200 ms; the engine runs the wasm build; the two make the same iterates to the bit)');
