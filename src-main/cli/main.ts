/**
 * `quadrat` — the command-line face of the engine. Exit codes: 0 ok; 2 the user's error (one line
 * on stderr starting `error:`); 1 an internal bug.
 */
import './v8Tiering'; // first: V8's tiering for short runs, before the engine's modules load
import { isMainThread, parentPort } from 'node:worker_threads';
import { isQuadratError } from '../../src-engine/errors/quadratError';
import { APP_VERSION } from '../api/version';
import { useKernelHelpers } from '../host/kernelHelpers';
import { serveJobs } from '../host/serveJobs';
import { commands } from './commands';
import { UsageError } from './args';

/** The usage loads every command (for its summary): only printed without a command or with --help. */
async function usage(): Promise<string> {
  const lines = await Promise.all(Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).summary}`));
  return `usage: quadrat <command> [options]

commands:
${lines.join('\n')}

Run 'quadrat <command> --help' for a command's options, 'quadrat --version' for the version.`;
}

/**
 * Output that cannot be written: a reader that went away (`| head`) is not an error — stop quietly,
 * as R and the shell tools do; a full disk says so in one line (exit 2).
 */
function onOutputError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(e.code === 'ENOSPC' ? 'error: cannot write output: disk full\n' : `error: cannot write output (${e.code ?? e.message})\n`);
  process.exit(2);
}
process.stdout.on('error', onOutputError);

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    // no arguments: the usage is the answer, on stderr, and the call was wrong
    process.stderr.write((await usage()) + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write((await usage()) + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`quadrat ${APP_VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) throw new UsageError(`unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}`);
  return (await load()).run(rest);
}

// The CLI bundle is also its own engine worker (quadrat batch runs its units on worker threads) when
// the engine worker bundle is not beside it (cliWorkers.ts); the engine is loaded only then.
if (!isMainThread) void import('../host/runJob').then(({ runJob }) => serveJobs(parentPort!, runJob));
else {
  // one model at a time here: the large ones' df may use the other cores (batch units, above, do not)
  useKernelHelpers();
  runMain();
}

function runMain(): void {
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || isQuadratError(e)) {
      const text = isQuadratError(e) ? e.describe() : e.message;
      process.stderr.write(`error: ${text.replace(/\n/g, ' ')}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`internal error (please report): ${e instanceof Error ? e.message : String(e)}\n`);
      if (process.env.QUADRAT_DEBUG) process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
      process.exitCode = 1;
    }
  },
);
}
