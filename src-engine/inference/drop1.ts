/**
 * lmerTest's drop1(m, ddf = …): for each term that can be dropped (contained in no other term, R's
 * drop.scope), the F-test that all its coefficients are zero (marginal hypotheses).
 */
import { type AnovaTableRow } from './anova';
import { termColumns } from './anovaContrasts';
import { type DdfMethod, type LmmInference } from './lmmInference';

/** R's drop.scope: terms whose variables are not all part of another term. */
export function dropScope(labels: readonly string[], variables: readonly (readonly string[])[]): string[] {
  return labels.filter((_, i) => !variables.some((vj, j) => j !== i && vj.length > variables[i].length && variables[i].every((v) => vj.includes(v))));
}

export function drop1(inf: LmmInference, ddf: DdfMethod): AnovaTableRow[] {
  const design = inf.fit.model.design;
  const ft = design.fixedTerms;
  if (!ft) return [];
  if (ddf === 'kenward-roger') void inf.kr;
  const cols = termColumns(ft);
  const rows: AnovaTableRow[] = [];
  for (const term of dropScope(ft.labels, ft.variables)) {
    // L: one unit row per column of the term, column-major m×p
    const cs = cols.get(term)!;
    const m = cs.length;
    const L = new Float64Array(m * design.p);
    cs.forEach((j, i) => (L[j * m + i] = 1));
    const f = m ? inf.contestMD(L, m, ddf) : null;
    if (f) rows.push({ term, ...f });
  }
  return rows;
}
