/**
 * The random-effects terms lme4 actually builds from the written ones: expandDoubleVerts turns
 * `(a + b || g)` into `(1 | g) + (0 + a | g) + (0 + b | g)`, then findbars/expandSlash turns each nested
 * group `a/b` into `b:a` and `a`. Order: written order, `||` parts in place, then nesting innermost first.
 */
import { type RandomAnalysis, type TermModel } from './analyze';
import { type GroupFactor } from './randomTerms';

export interface ExpandedBar {
  readonly lhs: TermModel;
  readonly group: GroupFactor;
  /** lme4's name of the term for messages: "Days | Subject", "0 + x | b:a". */
  readonly text: string;
  /** The written term it came from. */
  readonly source: RandomAnalysis;
}

function splitUncorrelated(r: RandomAnalysis): TermModel[] {
  if (r.correlated) return [r.lhs];
  const { vars, terms } = r.lhs;
  const parts: TermModel[] = terms.intercept ? [{ vars, terms: { bits: [], intercept: true, offsets: [] } }] : [];
  for (const b of terms.bits) parts.push({ vars, terms: { bits: [b], intercept: false, offsets: [] } });
  return parts;
}

function lhsText(m: TermModel): string {
  const labels = m.terms.bits.map((b) => m.vars.labels.filter((_, k) => (b >> BigInt(k)) & 1n).join(':'));
  if (!m.terms.intercept) return ['0', ...labels].join(' + ');
  return labels.length ? labels.join(' + ') : '1';
}

export function expandBars(random: readonly RandomAnalysis[]): ExpandedBar[] {
  const out: ExpandedBar[] = [];
  for (const r of random) {
    for (const lhs of splitUncorrelated(r)) {
      for (const group of r.group.groups) out.push({ lhs, group, text: `${lhsText(lhs)} | ${group.label}`, source: r });
    }
  }
  return out;
}
