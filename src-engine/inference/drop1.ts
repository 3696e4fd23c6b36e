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
    const L = cols.get(term)!.map((j) => Array.from({ length: design.p }, (_, k) => (k === j ? 1 : 0)));
    const f = L.length ? inf.contestMD(L, ddf) : null;
    if (f) rows.push({ term, ...f });
  }
  return rows;
}
