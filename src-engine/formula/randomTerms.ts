/**
 * Random-effects terms: find the `(lhs | group)` terms (lme4's findbars/nobars), and expand them as lme4
 * does before building Z: `(x || g)` becomes `(1 | g) + (0 + x | g)` (expandDoubleVerts), and a nested
 * group `a/b/c` becomes the groups `c:(b:a)`, `b:a`, `a` (expandSlash/makeInteraction).
 */
import { type BinaryExpr, type Expr, type NameExpr, type ParenExpr, unparen } from './ast';
import { deparse, deparseName } from './deparse';
import { formulaError } from './lexer';

function asBar(e: Expr): BinaryExpr | undefined {
  return e.kind === 'binary' && (e.op === '|' || e.op === '||') ? e : undefined;
}

function findBar(e: Expr): BinaryExpr | undefined {
  if (asBar(e)) return asBar(e);
  switch (e.kind) {
    case 'paren':
      return findBar(e.inner);
    case 'unary':
      return findBar(e.operand);
    case 'binary':
      return (e.left && findBar(e.left)) ?? findBar(e.right);
    case 'call':
      for (const a of e.args) {
        const b = findBar(a.value);
        if (b) return b;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A `(lhs | group)` term as written, with the bar node. */
export interface BarExpr {
  readonly paren: ParenExpr;
  readonly bar: BinaryExpr;
}

/** Split a right-hand side into its fixed part (bars removed, as lme4's nobars) and its bars. */
export function splitBars(rhs: Expr): { fixed: Expr | undefined; bars: BarExpr[] } {
  const bars: BarExpr[] = [];
  const strip = (e: Expr): Expr | undefined => {
    const inParens = e.kind === 'paren' ? asBar(unparen(e.inner)) : undefined;
    if (e.kind === 'paren' && inParens) {
      bars.push({ paren: e, bar: inParens });
      return undefined;
    }
    const bare = asBar(e);
    if (bare) throw formulaError(`random-effects terms must be in parentheses: (… ${bare.op} …)`, bare.opStart);
    if (e.kind === 'binary' && (e.op === '+' || e.op === '-') && e.left) {
      if (e.op === '-' && findBar(e.right)) throw formulaError('a random-effects term cannot be removed with -', e.opStart);
      const l = strip(e.left);
      const r = e.op === '+' ? strip(e.right) : e.right;
      if (!l) return r && (e.op === '-' ? { kind: 'unary', op: '-', operand: r, start: e.opStart, end: r.end } : r);
      if (!r) return l;
      return { ...e, left: l, right: r };
    }
    const inner = findBar(e);
    if (inner) throw formulaError(`a random-effects term (… ${inner.op} …) can only be added to a formula with +, not used inside another term`, inner.opStart);
    return e;
  };
  return { fixed: strip(rhs), bars };
}

/** A grouping factor: an interaction of columns ("Subject", "cask:batch"). */
export interface GroupFactor {
  /** lme4's name of the group: "Subject", "b:a", "c:(b:a)". */
  readonly label: string;
  /** Columns whose interaction defines the group, in %i% order (first varies slowest). */
  readonly leaves: readonly NameExpr[];
}

/** The grouping expression of a bar as written: names joined by ':' or nested by '/'. */
export interface GroupSpec {
  readonly text: string;
  readonly columns: readonly string[];
  /** Expanded groups, as lme4's expandSlash produces them. */
  readonly groups: readonly GroupFactor[];
}

function interactionLeaves(e: Expr, what: string): NameExpr[] {
  e = unparen(e);
  if (e.kind === 'name') return [e];
  if (e.kind === 'binary' && e.op === ':' && e.left) return [...interactionLeaves(e.left, what), ...interactionLeaves(e.right, what)];
  throw formulaError(`${what} must be a column name, an interaction a:b, or nested groups a/b`, e.kind === 'binary' ? e.opStart : e.start);
}

function slashLeaves(e: Expr): NameExpr[] {
  const u = unparen(e);
  if (u.kind === 'binary' && u.op === '/' && u.left) return [...slashLeaves(u.left), ...slashLeaves(u.right)];
  if (u.kind === 'name') return [u];
  throw formulaError('nested groups must be written with column names only, e.g. (1 | site/plot)', u.start);
}

export function parseGroup(e: Expr): GroupSpec {
  const u = unparen(e);
  if (u.kind === 'binary' && u.op === '/') {
    const leaves = slashLeaves(u);
    // lme4's makeInteraction: a/b/c → c:(b:a), b:a, a (innermost first).
    const groups: GroupFactor[] = [];
    let prev: GroupFactor = { label: deparseName(leaves[0].name), leaves: [leaves[0]] };
    groups.push(prev);
    for (let k = 1; k < leaves.length; k++) {
      const inner = prev.leaves.length > 1 ? `(${prev.label})` : prev.label;
      prev = { label: `${deparseName(leaves[k].name)}:${inner}`, leaves: [leaves[k], ...prev.leaves] };
      groups.unshift(prev);
    }
    return { text: deparse(u), columns: leaves.map((l) => l.name), groups };
  }
  const leaves = interactionLeaves(u, 'a grouping factor');
  return { text: deparse(u), columns: leaves.map((l) => l.name), groups: [{ label: deparse(u), leaves }] };
}
