/**
 * `quadrat` — the command-line face of the engine. Exit codes: 0 ok; 2 the user's error (one line
 * on stderr starting `error:`); 1 an internal bug.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isQuadratError } from '../../src-engine/errors/quadratError';
import { runJob } from '../host/runJob';
import { serveJobs } from '../host/serveJobs';
import { commands } from './commands';
import { UsageError } from './args';

const USAGE = `usage: quadrat <command> [options]

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run 'quadrat <command> --help' for a command's options.`;

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
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}`);
  return command.run(rest);
}

// The CLI bundle is also its own engine worker (quadrat batch runs its units on worker threads).
if (!isMainThread) serveJobs(parentPort!, runJob);
else runMain();

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
