/**
 * glmmTMB's one-sided formulas (ziformula = ~ spp, dispformula = ~ mined) as terms the builder can
 * show and edit, read with the same grammar as the main formula (formulaTerms.ts) so that typing
 * and picking write the same text. Pure: unit-tested in Node.
 */
import { FormulaSyntaxError, parseFormulaTerms, quoteName, randomTermToString } from './formulaTerms';

export interface OneSided {
  intercept: boolean;
  terms: string[];
}

/** Whether random terms such as (1 | site) are allowed (glmmTMB's ziformula takes them, its dispformula not). */
export interface OneSidedOptions { random?: boolean }

/**
 * The terms of "~ spp + mined", or the message of what is wrong; '' (no formula) reads as null. With
 * random terms allowed they follow the fixed terms, written back as typed: "(1 | site)".
 */
export function parseOneSided(text: string, opts: OneSidedOptions = {}): OneSided | { error: string } | null {
  const t = text.trim();
  if (!t) return null;
  if (!t.startsWith('~')) return { error: 'a one-sided formula starts with ~, e.g. ~ spp' };
  try {
    const { model } = parseFormulaTerms(`y ${t}`);
    if (model.random.length && !opts.random) return { error: 'random effects are not available here; give fixed effects only, e.g. ~ spp' };
    return { intercept: model.intercept, terms: [...model.fixed, ...model.random.map(randomTermToString)] };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { error: e.issue.message };
    throw e;
  }
}

/** "~ spp + mined", "~ 1" (intercept only), "~ 0 + spp". */
export function composeOneSided(f: OneSided): string {
  if (f.terms.length === 0) return f.intercept ? '~ 1' : '~ 0';
  return `~ ${f.intercept ? '' : '0 + '}${f.terms.join(' + ')}`;
}

/** The formula with a column added as a term (once), keeping what was there. */
export function addTerm(text: string, column: string, opts: OneSidedOptions = {}): string {
  const f = parseOneSided(text, opts);
  const base = f && !('error' in f) ? f : { intercept: true, terms: [] };
  const term = quoteName(column);
  return composeOneSided(base.terms.includes(term) ? base : { ...base, terms: [...base.terms, term] });
}

export function removeTerm(text: string, term: string, opts: OneSidedOptions = {}): string {
  const f = parseOneSided(text, opts);
  if (!f || 'error' in f) return text;
  return composeOneSided({ ...f, terms: f.terms.filter((t) => t !== term) });
}
