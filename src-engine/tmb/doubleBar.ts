/**
 * glmmTMB 1.1.5 reads `(x || g)` as one term with a diagonal covariance ("diag": the model matrix of
 * `~ x` with independent effects), not as lme4's expandDoubleVerts split `(1 | g) + (0 + x | g)` (the
 * same model for a numeric x, not for a factor, whose split codes every level). So a count model's
 * formula is built with `||` read as `|`, and the terms written with `||` get the diag structure.
 */
import { QuadratError } from '../errors/quadratError';

/** The formula with `||` as `|`, and the grouping factors (spaces removed) written with `||`. */
export function readDoubleBars(formula: string): { formula: string; diagGroups: Set<string> } {
  const diagGroups = new Set<string>();
  const bars: { group: string; double: boolean }[] = [];
  let out = '';
  for (let i = 0; i < formula.length; i++) {
    if (formula[i] !== '|') { out += formula[i]; continue; }
    const double = formula[i + 1] === '|';
    // the group runs to the ')' that closes the term's parenthesis
    let depth = 0, j = i + (double ? 2 : 1);
    for (; j < formula.length; j++) {
      if (formula[j] === '(') depth++;
      else if (formula[j] === ')') { if (depth === 0) break; depth--; }
    }
    const group = formula.slice(i + (double ? 2 : 1), j).replace(/\s/g, '');
    bars.push({ group, double });
    out += '|';
    if (double) i++;
  }
  for (const b of bars) if (b.double) diagGroups.add(b.group);
  for (const b of bars) {
    if (!b.double) continue;
    if (b.group.includes('/'))
      throw new QuadratError('formula', `(… || ${b.group}): uncorrelated terms with a nested group are not available in count models; write the nested groups out, e.g. (x || a) + (x || a:b).`);
    if (bars.some((o) => !o.double && o.group === b.group))
      throw new QuadratError('formula', `The group ${b.group} has both a correlated (|) and an uncorrelated (||) term; count models take one kind per group.`);
  }
  return { formula: out, diagGroups };
}
