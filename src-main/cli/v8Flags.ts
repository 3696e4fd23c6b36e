/**
 * The V8 flags the CLI runs under (set by v8Tiering.ts), without setting them: the launchers key their
 * code caches by them (codeCache.ts) but must not change the process's flags.
 */

/** V8's default --interrupt-budget (Node 20): 66 KiB of bytecode before a function is optimised. */
const DEFAULT_INTERRUPT_BUDGET = 67584;

/** A command that fits once: TurboFan waits 16× longer (a first fit's compiling cost more than it saved). */
export const CLI_INTERRUPT_BUDGET = 16 * DEFAULT_INTERRUPT_BUDGET;

/**
 * The flags for a command. `batch` fits hundreds of models in one process, where optimised code sooner
 * pays and the compiles run on the other core: V8's default budget (200 loci on one thread 1.03–1.18 →
 * 0.83–0.99 s wall, 1,000 loci 2.8–2.9 → 2.3–2.4 s; docs/performance.md). Every other command mostly
 * fits once and keeps the CLI's budget.
 */
export function cliV8Flags(command: string): string {
  return `--interrupt-budget=${command === 'batch' ? DEFAULT_INTERRUPT_BUDGET : CLI_INTERRUPT_BUDGET}`;
}

/** The command a `quadrat` argument list runs ("usage" when it names none), as the launcher reads it. */
export function commandOf(args: readonly string[]): string {
  return /^[a-z]+$/.test(args[0] ?? '') ? args[0] : 'usage';
}
