/**
 * Imported first by the CLI (main.ts), before the engine's modules: a `quadrat` process mostly fits
 * once, so V8's optimising compiler (TurboFan) is told to wait 16× longer than its default before it
 * compiles a hot function. On a first fit the compiler's own work cost more than it saved (ham: ~250 →
 * ~140 ms CPU, Orthodont ~110 → ~60, grouseticks ~1,100 → ~900; bench/firstFit.ts, docs/performance.md
 * "Cold start"); long fits still reach optimised code, a few milliseconds later. Only the tiering
 * changes: the engine's arithmetic, and so every number, is the same.
 */
import { setFlagsFromString } from 'node:v8';
import { CLI_V8_FLAGS } from './v8Flags';

export { CLI_INTERRUPT_BUDGET, CLI_V8_FLAGS } from './v8Flags';

setFlagsFromString(CLI_V8_FLAGS);
