/** A tiny, strict option parser: unknown options are the user's error, not silently ignored. */
import type { Command } from './commands';

export class UsageError extends Error {}

export interface OptionSpec {
  /** 'flag' takes no value; 'value' takes one; 'multi' may repeat. */
  kind: 'flag' | 'value' | 'multi';
  help: string;
}

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export function parseOptions(argv: string[], spec: Record<string, OptionSpec>, command: string): ParsedOptions {
  const out: ParsedOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`${command}: unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const s = spec[name];
    if (!s) throw new UsageError(`${command}: unknown option --${name}. Options: ${Object.keys(spec).map((k) => '--' + k).join(', ')}`);
    if (s.kind === 'flag') {
      if (eq > 0) throw new UsageError(`${command}: --${name} takes no value`);
      out[name] = true;
      continue;
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`${command}: --${name} needs a value`);
      value = argv[++i];
    }
    if (s.kind === 'multi') out[name] = [...((out[name] as string[] | undefined) ?? []), value];
    else {
      if (out[name] !== undefined) throw new UsageError(`${command}: --${name} given twice`);
      out[name] = value;
    }
  }
  return out;
}

export function helpText(command: string, summary: string, spec: Record<string, OptionSpec>): string {
  const lines = Object.entries(spec).map(([k, s]) => `  --${(k + (s.kind === 'flag' ? '' : ' VALUE')).padEnd(22)} ${s.help}`);
  return `usage: quadrat ${command} [options]\n\n${summary}\n\noptions:\n${lines.join('\n')}\n`;
}

/** Split "a,b , c" into ["a","b","c"]. */
export function listOption(v: string | boolean | string[] | undefined): string[] {
  if (typeof v !== 'string') return [];
  return v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A command: its options parsed strictly, --help answered from them, then `body`. */
export function defineCommand(
  name: string,
  spec: Record<string, OptionSpec>,
  text: { summary: string; help: string },
  body: (opts: ParsedOptions) => Promise<number>,
): Command {
  return {
    summary: text.summary,
    async run(argv) {
      const opts = parseOptions(argv, spec, name);
      if (opts.help) {
        process.stdout.write(helpText(name, text.help, spec));
        return 0;
      }
      return body(opts);
    },
  };
}
