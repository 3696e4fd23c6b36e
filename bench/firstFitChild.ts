/**
 * One timed first fit, for bench/firstFit.ts: the child process's work, in its own module so that the
 * `--code-cache` mode can bundle it as CommonJS and load it through V8's code cache (firstFitCache.ts).
 */
import { fitLmm } from '../src-engine/lmm/fitLmm';
import { type BenchCase, loadCases, loadTable } from './benchCases';
import { GLMM_BENCH_CASES, type GlmmBenchCase } from './glmmCases';

export const LMM_CASES = ['dyestuff_reml', 'sleepstudy_reml', 'sleepstudy_ml', 'orthodont', 'ham', 'oats', 'penicillin', 'pastes'];
export const GLMM_CASES = ['cbpp_laplace', 'grouseticks'];

export type Mode = 'cli' | 'fit';
export type FirstCase = { kind: 'lmm'; c: BenchCase } | { kind: 'glmm'; c: GlmmBenchCase };

export function allCases(): FirstCase[] {
  const lmm = loadCases(LMM_CASES, () => 9).filter((c) => LMM_CASES.includes(c.case));
  const glmm = GLMM_BENCH_CASES.filter((c) => GLMM_CASES.includes(c.case));
  return [...lmm.map((c) => ({ kind: 'lmm' as const, c })), ...glmm.map((c) => ({ kind: 'glmm' as const, c }))];
}

export interface ChildResult {
  /** From process start to the engine loaded (Node's start, parsing the bundle). */
  loadMs: number;
  wallMs: number;
  cpuMs: number;
  evaluations: number;
  objective: number;
}

/** Read the case's data, fit once (timed); `loadMs` is taken by the caller once the engine is loaded. */
export function timeFirstFit(name: string, mode: Mode, loadMs: number): ChildResult {
  const fc = allCases().find((x) => x.c.case === name);
  if (!fc) throw new Error(`bench: no case ${name}`);
  const table = fc.kind === 'lmm' ? loadTable(fc.c) : loadTable({ ...fc.c, REML: false } as unknown as BenchCase);
  const request =
    fc.kind === 'lmm'
      ? { formula: fc.c.formula, reml: fc.c.REML, weights: fc.c.weights ?? undefined, ddf: mode === 'cli' ? ('satterthwaite' as const) : ('none' as const), anovaType: mode === 'cli' ? (3 as const) : undefined }
      : { formula: fc.c.formula, reml: false, family: fc.c.family, link: fc.c.link ?? undefined, nAGQ: fc.c.nAGQ, weights: fc.c.weights ?? undefined };
  // as `quadrat fit` prints a summary: no simulated residuals either (src-main/cli/fit.ts: only --json and reports show them)
  const control = { conditionalSds: false, simulatedResiduals: false };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = fitLmm(table, request, control);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { loadMs, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, evaluations: report.optimizer?.evaluations ?? 0, objective: report.remlCriterion ?? report.deviance };
}
