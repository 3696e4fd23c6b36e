/**
 * The V8 flags the CLI runs under (set by v8Tiering.ts), without setting them: the batch worker's
 * launcher keys its code cache by them (codeCache.ts) but must not change the process's flags.
 */

/** V8's default --interrupt-budget (Node 20) is 66 KiB of bytecode; 16× that. */
export const CLI_INTERRUPT_BUDGET = 16 * 67584;

export const CLI_V8_FLAGS = `--interrupt-budget=${CLI_INTERRUPT_BUDGET}`;
