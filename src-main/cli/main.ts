/**
 * `quadrat` — the command-line face of the engine. Exit codes: 0 ok; 2 the user's error (one line
 * on stderr starting `error:`); 1 an internal bug.
 */
import { isQuadratError } from '../../src-engine/errors/quadratError';
import { commands } from './commands';
import { UsageError } from './args';

const USAGE = `usage: quadrat <command> [options]

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run 'quadrat <command> --help' for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}`);
  return command.run(rest);
}

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
