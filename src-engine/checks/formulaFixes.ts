/**
 * The machine-readable fixes of the design check, as edits of the formula text the user wrote: the
 * model builder applies one by replacing its formula, the CLI prints it. Each returns null when the
 * formula is not written in a form the edit can be made on safely (the finding still says what to do).
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole name, not part of a longer one (R names hold letters, digits, '.', '_'). */
const word = (name: string) => new RegExp(`(?<![\\w.])${escape(name)}(?![\\w.])`, 'g');

function splitFormula(formula: string): { lhs: string; rhs: string } | null {
  const k = formula.indexOf('~');
  return k < 0 ? null : { lhs: formula.slice(0, k + 1), rhs: formula.slice(k + 1) };
}

/** `(… | plot)` → `(… | site:plot)`: plot IDs made unique within site. */
export function regroupFix(formula: string, group: string, higher: string): string | null {
  const re = new RegExp(`(\\|\\|?\\s*)${escape(group)}(\\s*\\))`, 'g');
  const out = formula.replace(re, `$1${higher}:${group}$2`);
  return out === formula ? null : out;
}

/** `(1 | g)` → `g` among the fixed effects: too few groups to estimate a variance (just dropped when g already is one). */
export function fixedInsteadFix(formula: string, group: string): string | null {
  const re = new RegExp(`\\(\\s*1\\s*\\|\\s*${escape(group)}\\s*\\)`);
  if (!re.test(formula)) return null;
  const parts = splitFormula(formula);
  // g as a fixed term already: outside every (… | …) term of the right-hand side
  const fixedPart = parts ? parts.rhs.replace(/\([^()]*\|[^()]*\)/g, '') : '';
  if (word(group).test(fixedPart)) {
    const dropped = formula.replace(new RegExp(`\\s*\\+\\s*\\(\\s*1\\s*\\|\\s*${escape(group)}\\s*\\)`), '');
    return dropped === formula ? null : dropped;
  }
  return formula.replace(re, group);
}

/** Drop a slope from `(x + … | g)`: its random variation cannot be estimated. */
export function dropSlopeFix(formula: string, group: string, slope: string): string | null {
  const re = new RegExp(`\\(([^()|]*)(\\|\\|?)\\s*${escape(group)}\\s*\\)`, 'g');
  let changed = false;
  const out = formula.replace(re, (whole: string, lhs: string, bar: string) => {
    const parts = lhs.split('+').map((s) => s.trim());
    if (!parts.includes(slope)) return whole;
    changed = true;
    const rest = parts.filter((s) => s !== slope && s !== '');
    const left = rest.length === 0 || (rest.length === 1 && rest[0] === '0') ? '1' : rest.join(' + ');
    return `(${left} ${bar} ${group})`;
  });
  return changed ? out : null;
}

/** Every use of the numeric variables on the right-hand side becomes `scale(x)` (centred, unit SD). */
export function scaleFix(formula: string, variables: readonly string[]): string | null {
  const parts = splitFormula(formula);
  if (!parts) return null;
  let rhs = parts.rhs;
  for (const v of variables) rhs = rhs.replace(word(v), `scale(${v})`);
  return rhs === parts.rhs ? null : parts.lhs + rhs;
}
