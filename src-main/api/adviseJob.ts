/**
 * model.advise as one job over several worker jobs: the advice without the verdict first (design
 * check, fit, singular-fit sensitivity), then — for a fit that warns — the convergence verdict's
 * optimizer runs split over the workers and classified here (classifyRuns is cheap). Progress counts
 * finished runs; cancel stops whichever jobs are running.
 */
import { randomUUID } from 'node:crypto';
import { classifyRuns, VERDICT_RUNS, type OptimizerRun, type VerdictRunName } from '../../src-engine/advisor/convergenceVerdict';
import { warnsOfConvergence } from '../../src-engine/advisor/convergenceWarning';
import { type Table } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type LmmRequest } from '../../src-engine/lmm/fitLmm';
import { type EngineHost, type JobHandle } from '../host/engineHost';
import { type FitAdvice } from './advisorShapes';

/** The runs dealt round-robin into one chunk per worker (each chunk refits once, then runs its share). */
export function verdictChunks(workers: number): VerdictRunName[][] {
  const k = Math.max(1, Math.min(workers, VERDICT_RUNS.length));
  const chunks: VerdictRunName[][] = Array.from({ length: k }, () => []);
  VERDICT_RUNS.forEach((name, i) => chunks[i % k].push(name));
  return chunks;
}

interface Hooks {
  onStart: () => void;
  onProgress: (p: { evaluations: number; objective: null; total: number }) => void;
  timeLimitMs: number;
}

export function adviseJob(host: EngineHost, table: Table, request: LmmRequest, hooks: Hooks): JobHandle<FitAdvice> {
  let running: JobHandle<unknown>[] = [];
  let cancelled = false;
  const first = host.run({ kind: 'advise', table, request, verdict: false }, { onStart: hooks.onStart, timeLimitMs: hooks.timeLimitMs });
  running = [first];
  const result = first.result.then(async (advice): Promise<FitAdvice> => {
    const wire = { fit: advice.fit, convergence: advice.convergence, singular: advice.singular };
    if (advice.convergence || !warnsOfConvergence(advice.fit)) return wire;
    if (cancelled) throw new QuadratError('cancelled', 'The advisor was cancelled.');
    const total = VERDICT_RUNS.length;
    const done: number[] = [];
    const handles = verdictChunks(host.size).map((names, i) => {
      done[i] = 0;
      return host.run(
        { kind: 'verdict-runs', table, request, names },
        {
          timeLimitMs: hooks.timeLimitMs,
          onProgress: (p) => {
            done[i] = p.evaluations;
            hooks.onProgress({ evaluations: done.reduce((s, d) => s + d, 0), objective: null, total });
          },
        },
      );
    });
    running = handles;
    let runs: OptimizerRun[];
    try {
      runs = (await Promise.all(handles.map((h) => h.result))).flat();
    } catch (e) {
      handles.forEach((h) => h.cancel()); // one chunk failed: the others are of no use
      throw e;
    }
    // worker progress is sampled, so the last count may not have arrived: say every run is done
    hooks.onProgress({ evaluations: total, objective: null, total });
    return { ...wire, convergence: classifyRuns(runs) };
  });
  result.catch(() => undefined);
  return {
    id: randomUUID(),
    result,
    cancel: () => {
      cancelled = true;
      running.forEach((h) => h.cancel());
    },
    get started() {
      return running.some((h) => h.started);
    },
  };
}
