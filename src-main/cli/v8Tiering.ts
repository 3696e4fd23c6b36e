/**
 * Imported first by the CLI (launch.ts, main.ts), before the engine's modules: V8's tiering for the
 * command being run (v8Flags.ts). A `quadrat` process mostly fits once, so V8's optimising compiler
 * (TurboFan) is told to wait 16× longer than its default before it compiles a hot function: on a first
 * fit the compiler's own work cost more than it saved (ham: ~250 → ~140 ms CPU, Orthodont ~110 → ~60,
 * grouseticks ~1,100 → ~900; bench/firstFit.ts, docs/performance.md "Cold start"); long fits still reach
 * optimised code, a few milliseconds later. `quadrat batch` and `quadrat bayes` keep V8's default, and so
 * does any command given a `--data` file of 1 MiB or more (a large fit is one long hot loop). The same commands
 * grow V8's young generation at once (v8Flags.ts: no scavenge inside a small fit). Only the tiering and the
 * heap's growth change: the engine's arithmetic, and so every number, is the same. V8's flags belong to the whole
 * process: only the main thread sets them (a worker running main.ts leaves them as its command set them).
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { cliV8Flags, commandOf, dataFileBytes } from './v8Flags';

export { CLI_INTERRUPT_BUDGET, cliV8Flags, commandOf } from './v8Flags';

/** The flags this process's command runs under. */
export const CLI_V8_FLAGS = cliV8Flags(commandOf(process.argv.slice(2)), dataFileBytes(process.argv.slice(2)));

if (isMainThread) setFlagsFromString(CLI_V8_FLAGS);
