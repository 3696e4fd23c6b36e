/**
 * Grouping factors as lme4 builds them: each column is made a factor (makeFac), and an interaction
 * a:b is lme4's `%i%`: only combinations that occur, ordered by a's level then b's, labelled "a:b".
 */
import { type FactorValue, type Value } from './values';
import { factorFromLogical, factorFromNumbers } from './factorize';

export function asGroupingFactor(v: Value): FactorValue {
  switch (v.type) {
    case 'factor':
      return v;
    case 'numeric':
      return factorFromNumbers(v.values);
    case 'logical':
      return factorFromLogical(v.values);
    case 'matrix':
      throw new Error('a matrix cannot be a grouping factor');
  }
}

/** lme4's f1 %i% f2. */
export function interact(f1: FactorValue, f2: FactorValue): FactorValue {
  const n = f1.codes.length;
  const n2 = f2.levels.length;
  const span = f1.levels.length * n2;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = f1.codes[i] * n2 + f2.codes[i];
  const codes = new Int32Array(n);
  const levels: string[] = [];
  const label = (key: number) => `${f1.levels[Math.floor(key / n2)]}:${f2.levels[key % n2]}`;
  if (span <= Math.max(1 << 20, 8 * n)) {
    const seen = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) seen[keys[i]] = 0;
    for (let key = 0; key < span; key++) {
      if (seen[key] === 0) {
        seen[key] = levels.length;
        levels.push(label(key));
      }
    }
    for (let i = 0; i < n; i++) codes[i] = seen[keys[i]];
  } else {
    const distinct = [...new Set(keys)].sort((a, b) => a - b);
    const index = new Map(distinct.map((k, j) => [k, j]));
    distinct.forEach((k) => levels.push(label(k)));
    for (let i = 0; i < n; i++) codes[i] = index.get(keys[i])!;
  }
  return { type: 'factor', codes, levels };
}
