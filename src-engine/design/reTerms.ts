/**
 * Random-effects terms in lme4's form (mkReTrms): one ReTerm per expanded bar (see expandBars) with
 * the term's model matrix and its grouping factor, ordered by number of levels exactly as lme4 does.
 */
import { QuadratError } from '../errors/quadratError';
import { type RandomAnalysis, type TermModel } from '../formula/analyze';
import { expandBars } from '../formula/expandBars';
import { type GroupFactor } from '../formula/randomTerms';
import { asGroupingFactor, interact } from './grouping';
import { type ReTerm } from './mixedDesign';
import { modelMatrix, type ModelMatrix } from './modelMatrix';
import { type FactorValue, type Value } from './values';

export interface BuiltReTerm extends ReTerm {
  /** lme4's name of the term, "Days | Subject", "0 + x | a", for messages. */
  readonly termText: string;
  /** The grouping expression of the term as parsed, for positions in messages. */
  readonly source: GroupFactor;
}

function rowMajor(mm: ModelMatrix, n: number): Float64Array {
  const S = mm.columns.length;
  if (S === 1) return mm.buffer; // one column: column-major is row-major
  const z = new Float64Array(n * S);
  mm.columns.forEach((col, j) => {
    for (let i = 0; i < n; i++) z[i * S + j] = col[i];
  });
  return z;
}

export function buildReTerms(random: readonly RandomAnalysis[], value: (label: string) => Value, n: number): BuiltReTerm[] {
  const factors = new Map<string, FactorValue>();
  const groupFactor = (g: GroupFactor): FactorValue => {
    let f = factors.get(g.label);
    if (!f) {
      const leaves = g.leaves.map((leaf) => {
        const v = value(leaf.name);
        if (v.type === 'matrix') throw new QuadratError('formula', `${leaf.name} cannot be a grouping factor`, { column: leaf.start + 1 });
        return asGroupingFactor(v);
      });
      f = leaves.slice(1).reduce(interact, leaves[0]);
      factors.set(g.label, f);
    }
    return f;
  };
  const matrices = new Map<TermModel, { names: string[]; z: Float64Array }>();
  const out = expandBars(random).map((bar): BuiltReTerm => {
    let m = matrices.get(bar.lhs);
    if (!m) {
      const mm = modelMatrix(bar.lhs, value, n);
      m = { names: mm.names, z: rowMajor(mm, n) };
      matrices.set(bar.lhs, m);
    }
    const f = groupFactor(bar.group);
    return { group: bar.group.label, levels: f.levels, refs: f.codes, termNames: m.names, z: m.z, termText: bar.text, source: bar.group };
  });
  return lme4Order(out);
}

/** mkReTrms: if the numbers of levels ever increase, order by rev(order(nl)) — descending, ties reversed. */
function lme4Order(terms: BuiltReTerm[]): BuiltReTerm[] {
  const nl = terms.map((t) => t.levels.length);
  if (!nl.some((v, k) => k > 0 && v > nl[k - 1])) return terms;
  const ascending = terms.map((_, k) => k).sort((i, j) => nl[i] - nl[j] || i - j);
  return ascending.reverse().map((k) => terms[k]);
}
