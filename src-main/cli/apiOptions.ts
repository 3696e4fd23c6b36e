/**
 * CLI options checked by the API's own zod schemas, so a limit (nsim ≤ 100,000, level in (0, 1),
 * nAGQ 0–100, …) and its message are the same in the app and on the command line. `fields` maps a
 * schema field to its option: the value given, already converted (numbers via Number).
 */
import { type z } from 'zod';
import { type ParsedOptions, UsageError } from './args';

export interface OptionField {
  /** The CLI option's name (without --). */
  option: string;
  /** How the option's text becomes the schema's value. */
  as: 'number' | 'text' | 'lowercase' | 'flag' | 'ddf';
}

/** The one place a zod issue becomes a CLI message: "cmd: --option: what is wrong (got 'value')". */
export function usageFromIssue(command: string, issue: { path: readonly PropertyKey[]; message: string }, fields: Record<string, OptionField>, opts: ParsedOptions): UsageError {
  const key = String(issue.path[0] ?? '');
  const option = fields[key]?.option ?? key;
  const given = opts[option];
  return new UsageError(`${command}: --${option}: ${issue.message}${typeof given === 'string' ? ` (got '${given}')` : ''}`);
}

function convert(text: string | boolean | string[], as: OptionField['as']): unknown {
  if (as === 'flag') return Boolean(text);
  if (typeof text !== 'string') return text;
  if (as === 'number') return text.trim() === '' ? Number.NaN : Number(text);
  if (as === 'ddf') return text.toLowerCase() === 'kr' ? 'kenward-roger' : text.toLowerCase();
  return as === 'lowercase' ? text.toLowerCase() : text;
}

/** Parse the given options with `schema` (a z.object of the API's params); absent options take the schema's defaults. */
export function checkOptions<S extends z.ZodTypeAny>(schema: S, fields: Record<string, OptionField>, opts: ParsedOptions, command: string): z.output<S> {
  const input: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(fields)) {
    const v = opts[f.option];
    if (v !== undefined) input[key] = convert(v, f.as);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw usageFromIssue(command, parsed.error.issues[0], fields, opts);
  return parsed.data as z.output<S>;
}

/** An option given where it has no effect is the user's error, not silently ignored. */
export function refuseOption(opts: ParsedOptions, option: string, command: string, why: string): void {
  if (opts[option] !== undefined) throw new UsageError(`${command}: --${option} does not apply here: ${why}`);
}
