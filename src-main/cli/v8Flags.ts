/**
 * The V8 flags the CLI runs under (set by v8Tiering.ts), without setting them: the launchers key their
 * code caches by them (codeCache.ts) but must not change the process's flags.
 */

import { statSync } from 'node:fs';

/** V8's default --interrupt-budget (Node 20): 66 KiB of bytecode before a function is optimised. */
const DEFAULT_INTERRUPT_BUDGET = 67584;

/** A command that fits once: TurboFan waits 16× longer (a first fit's compiling cost more than it saved). */
export const CLI_INTERRUPT_BUDGET = 16 * DEFAULT_INTERRUPT_BUDGET;

/**
 * WebAssembly's tier-up for a command that fits once: V8 recompiles a hot kernel with TurboFan on another
 * thread after ≈ 1.8 MB of its code has run (V8's default budget); a small first fit reaches that and pays
 * the compile (≈ 3 ms CPU of sleepstudy's 12) without keeping the faster code long. 100 MB leaves small
 * fits on the baseline compiler's code and delays a large fit's kernels by a few milliseconds (the
 * 96,000-row field fit and InstEval unchanged within noise; docs/performance.md).
 */
export const CLI_WASM_TIERING_BUDGET = 100_000_000;

/**
 * The young generation's growth for a command that fits once. A first fit runs mostly in V8's interpreter,
 * which boxes every floating-point intermediate as a fresh 16-byte heap number: ham's fit allocates ≈ 7 MB
 * of them, Orthodont's ≈ 1.5 MB. With V8's default (each scavenge at most doubles a semi-space that starts
 * at 1 MB) the young generation is still a few MB when the fit starts, and 1–3 scavenges of 0.7–2 ms each
 * fall inside it, each copying the startup's live objects again. Growing it at once to its maximum (16 MB)
 * at the first scavenge that would grow it leaves a small fit none (Orthodont ≈ 8.9 → 7.3 ms). The flag
 * only sizes the heap; the arithmetic, and so every number, is the same.
 */
export const CLI_SEMI_SPACE_GROWTH = 16;

/**
 * Commands whose work is one long hot loop — `batch` (hundreds of fits) and `bayes` (thousands of NUTS
 * gradients) — where optimised code sooner pays and TurboFan compiles on the other core: they keep V8's
 * default budget (200 loci on one thread 1.03–1.18 → 0.83–0.99 s wall, 1,000 loci 2.8–2.9 → 2.3–2.4 s;
 * sleepstudy by NUTS 1.80–1.92 → 1.61–1.74 s; docs/performance.md).
 */
const LONG_RUNNING = new Set(['batch', 'bayes']);

/**
 * From this size of `--data` file on, a fit is long enough for V8's default tiering to pay: the 96,000-row
 * field design (2.8 MB) fits in ≈ 400 instead of ≈ 495 ms wall with the df, InstEval (2.3 MB) in ≈ 1.26
 * instead of ≈ 1.36 s (docs/performance.md).
 */
export const LARGE_DATA_BYTES = 1 << 20;

/**
 * The flags for a command: every command but the long-running ones mostly fits once and keeps the CLI's
 * budgets, unless its data file (`dataBytes`, dataFileBytes) is large.
 */
export function cliV8Flags(command: string, dataBytes = 0): string {
  if (LONG_RUNNING.has(command) || dataBytes >= LARGE_DATA_BYTES) return `--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`;
  return `--interrupt-budget=${CLI_INTERRUPT_BUDGET} --wasm-tiering-budget=${CLI_WASM_TIERING_BUDGET} --semi-space-growth-factor=${CLI_SEMI_SPACE_GROWTH}`;
}

/** The size of the file an argument list names with --data (`--data FILE` or `--data=FILE`); 0 without one, or when it cannot be read. */
export function dataFileBytes(args: readonly string[]): number {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--data') file = args[i + 1];
    else if (args[i].startsWith('--data=')) file = args[i].slice('--data='.length);
  }
  if (!file) return 0;
  try {
    return statSync(file).size;
  } catch {
    return 0; // the command says what is wrong with it
  }
}

/** The command a `quadrat` argument list runs ("usage" when it names none), as the launcher reads it. */
export function commandOf(args: readonly string[]): string {
  return /^[a-z]+$/.test(args[0] ?? '') ? args[0] : 'usage';
}
