/**
 * nlme's variance-function and correlation-structure calls as the user writes them in R:
 * `varIdent(form = ~ 1 | Sex)`, `corARMA(form = ~ 1 | Mare, p = 1, q = 1)`, `varComb(varIdent(…), varExp(…))`.
 * A tiny reader for that call syntax: a name, then arguments that are formulas (kept as text),
 * numbers, TRUE/FALSE, or nested calls.
 */
import { QuadratError } from '../../errors/quadratError';

export type ArgValue =
  | { kind: 'formula'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'call'; call: StructCall };

export interface StructCall {
  readonly name: string;
  readonly args: readonly { readonly name?: string; readonly value: ArgValue }[];
}

function fail(what: string, text: string): never {
  throw new QuadratError('input', `Could not read "${text}": ${what}. Write it as in nlme, e.g. varIdent(form = ~ 1 | Sex) or corAR1(form = ~ Time | Mare).`);
}

/** Split `s` at top-level commas (outside parentheses). */
function splitTopLevel(s: string, text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) fail('a closing parenthesis has no opening one', text);
    } else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) fail('the parentheses do not match', text);
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter((p, i, all) => p !== '' || all.length > 1 || i > 0);
}

function readValue(s: string, text: string): ArgValue {
  if (s.startsWith('~')) return { kind: 'formula', text: s };
  if (s === 'TRUE' || s === 'T') return { kind: 'bool', value: true };
  if (s === 'FALSE' || s === 'F') return { kind: 'bool', value: false };
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return { kind: 'number', value: Number(s) };
  if (/^[A-Za-z.][A-Za-z0-9._]*\s*\(/.test(s)) return { kind: 'call', call: parseStructCall(s) };
  return fail(`the argument "${s}" is not a formula (~ …), a number, TRUE/FALSE or a call`, text);
}

export function parseStructCall(text: string): StructCall {
  const s = text.trim();
  const m = /^([A-Za-z.][A-Za-z0-9._]*)\s*\(([\s\S]*)\)$/.exec(s);
  if (!m) fail('expected a call such as varIdent(form = ~ 1 | Sex)', text);
  const inner = m[2].trim();
  const args = inner === '' ? [] : splitTopLevel(inner, text).map((part) => {
    if (part === '') fail('an argument is empty', text);
    const named = /^([A-Za-z.][A-Za-z0-9._]*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
    if (named) return { name: named[1], value: readValue(named[2].trim(), text) };
    return { value: readValue(part, text) };
  });
  return { name: m[1], args };
}

/**
 * The arguments of `call` matched to `formals` as R matches them: by name, then the unnamed ones in
 * order to the formals not yet given. Unknown names are an error that lists the known ones.
 */
export function matchArgs(call: StructCall, formals: readonly string[]): Map<string, ArgValue> {
  const out = new Map<string, ArgValue>();
  for (const a of call.args) {
    if (a.name === undefined) continue;
    if (!formals.includes(a.name)) throw new QuadratError('input', `${call.name}() has no argument "${a.name}"; its arguments are ${formals.join(', ')}.`);
    out.set(a.name, a.value);
  }
  const free = formals.filter((f) => !out.has(f));
  for (const a of call.args) {
    if (a.name !== undefined) continue;
    const f = free.shift();
    if (f === undefined) throw new QuadratError('input', `${call.name}() was given too many arguments; its arguments are ${formals.join(', ')}.`);
    out.set(f, a.value);
  }
  return out;
}

export function numberArg(call: StructCall, args: Map<string, ArgValue>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  if (v.kind !== 'number') throw new QuadratError('input', `${call.name}(): ${name} must be a number.`);
  return v.value;
}

/** A number or c(…) of numbers (nlme's `value =`); undefined when the argument is not given. */
export function numbersArg(call: StructCall, args: Map<string, ArgValue>, name: string): number[] | undefined {
  const v = args.get(name);
  if (v === undefined) return undefined;
  if (v.kind === 'number') return [v.value];
  if (v.kind === 'call' && v.call.name === 'c' && v.call.args.every((a) => a.name === undefined && a.value.kind === 'number')) return v.call.args.map((a) => (a.value as { value: number }).value);
  throw new QuadratError('input', `${call.name}(): ${name} must be a number or c(…) of numbers.`);
}

export function boolArg(call: StructCall, args: Map<string, ArgValue>, name: string, fallback: boolean): boolean {
  const v = args.get(name);
  if (v === undefined) return fallback;
  if (v.kind !== 'bool') throw new QuadratError('input', `${call.name}(): ${name} must be TRUE or FALSE.`);
  return v.value;
}

export function formulaArg(call: StructCall, args: Map<string, ArgValue>, name: string): string | undefined {
  const v = args.get(name);
  if (v === undefined) return undefined;
  if (v.kind !== 'formula') throw new QuadratError('input', `${call.name}(): ${name} must be a one-sided formula such as ~ 1 | g.`);
  return v.text;
}
