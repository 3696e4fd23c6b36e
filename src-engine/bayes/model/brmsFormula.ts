/**
 * brms's response syntax on top of Quadrat's lme4 formulas: `y | trials(n) ~ …` (binomial successes
 * out of n) is read as `cbind(y, n - y) ~ …`, which the design code already knows; `cbind(s, f)` is
 * accepted as it is. Other brms addition terms (weights(), cens(), …) are refused by name.
 */
import { QuadratError } from '../../errors/quadratError';

export interface BrmsFormula {
  /** The formula in the syntax buildDesign() reads. */
  readonly text: string;
  /** The trials expression of `| trials(…)`, if written. */
  readonly trials: string | undefined;
  /** The response as brms names it: y of `y | trials(n)` (s of `cbind(s, f)`), else the whole left-hand side (empty without one). */
  readonly response: string;
}

/** Position of the first `~` outside parentheses. */
function tildeAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '~' && depth === 0) return i;
  }
  return -1;
}

export function readBrmsFormula(text: string): BrmsFormula {
  const t = tildeAt(text);
  if (t < 0) return { text, trials: undefined, response: '' };
  const lhs = text.slice(0, t);
  const bar = lhs.indexOf('|');
  // cbind(successes, failures): the response is the successes, as brms's y of y | trials(n)
  if (bar < 0) return { text, trials: undefined, response: /^\s*cbind\s*\(\s*([^,]+?)\s*,/.exec(lhs)?.[1] ?? lhs.trim() };
  const y = lhs.slice(0, bar).trim();
  const addition = lhs.slice(bar + 1).trim();
  const m = /^trials\s*\((.+)\)$/.exec(addition);
  if (!m) {
    const name = /^([A-Za-z_.]+)\s*\(/.exec(addition)?.[1] ?? addition;
    throw new QuadratError('formula', `The response addition "| ${addition}" is not supported: only "| trials(n)" (binomial successes out of n trials) is. Write e.g. "${y} | trials(total) ~ …"${name === 'weights' ? ', and give weights as the weights column' : ''}.`, { column: bar + 1 });
  }
  if (y === '') throw new QuadratError('formula', 'The response before "| trials(…)" is missing. Write e.g. "successes | trials(total) ~ …".', { column: 1 });
  const n = m[1].trim();
  return { text: `cbind(${y}, (${n}) - (${y})) ~${text.slice(t + 1)}`, trials: n, response: y };
}
