/**
 * The binomial response forms glmer accepts, as the builder writes them: one trial per row (a 0/1,
 * TRUE/FALSE or two-level column), successes out of a total column — cbind(s, total - s) — or
 * successes and failures columns — cbind(s, f). Pure, so it is unit-tested in Node.
 */
import { quoteName } from './formulaTerms';

export type Trials = { kind: 'single' } | { kind: 'total'; column: string } | { kind: 'failures'; column: string };

export interface BinomialResponse {
  successes: string;
  trials: Trials;
}

/** The response text for the formula; names that are not syntactic get backticks. */
export function binomialResponseText({ successes, trials }: BinomialResponse): string {
  const s = quoteName(successes);
  switch (trials.kind) {
    case 'single':
      return s;
    case 'total':
      return `cbind(${s}, ${quoteName(trials.column)} - ${s})`;
    case 'failures':
      return `cbind(${s}, ${quoteName(trials.column)})`;
  }
}

const unquote = (name: string) => name.trim().replace(/^`(.*)`$/, '$1');
const NAME = String.raw`(\`[^\`]+\`|[A-Za-z.][\w.]*)`;
const CBIND = new RegExp(String.raw`^cbind\(\s*${NAME}\s*,\s*(?:${NAME}\s*-\s*${NAME}|${NAME})\s*\)$`);

/** Reads a response written in one of the forms above (typed or clicked); null for anything else. */
export function readBinomialResponse(response: string): BinomialResponse | null {
  const text = response.trim();
  if (!text) return null;
  const m = CBIND.exec(text);
  if (!m) return new RegExp(`^${NAME}$`).test(text) ? { successes: unquote(text), trials: { kind: 'single' } } : null;
  const successes = unquote(m[1]);
  if (m[2] !== undefined) {
    // cbind(s, total - s) only when the subtracted column is the successes themselves
    return unquote(m[3]) === successes ? { successes, trials: { kind: 'total', column: unquote(m[2]) } } : null;
  }
  return { successes, trials: { kind: 'failures', column: unquote(m[4]) } };
}

/** The <select> value for a trials form, and back. */
export function trialsKey(t: Trials): string {
  return t.kind === 'single' ? 'single' : `${t.kind}:${t.column}`;
}

export function trialsFromKey(key: string): Trials {
  const k = key.indexOf(':');
  const kind = key.slice(0, k);
  if (kind === 'total' || kind === 'failures') return { kind, column: key.slice(k + 1) };
  return { kind: 'single' };
}
