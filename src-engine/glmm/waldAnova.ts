/**
 * Wald χ² tests of the fixed-effect terms of a GLMM, as car::Anova(m, type = "II" | "III") gives
 * them for glmer and glmmTMB fits:
 *   Type III: per term (and the intercept), its coefficients jointly zero — under R's treatment
 *             contrasts, as car tests them;
 *   Type II:  per term, after every other term except those that contain it (car's "relatives").
 *             car forms the hypothesis as the vcov-conjugate complement of the relatives' columns
 *             within the relatives' plus the term's; the Wald statistic of that complement equals
 *             W(term ∪ relatives) − W(relatives), which is what is computed here.
 */
import { type FixedTerms } from '../design/mixedDesign';
import { termColumns } from '../inference/anovaContrasts';
import { upperChisq } from '../inference/distributions';
import { symPinv } from '../linalg/lapack';

export interface WaldRow {
  term: string;
  chisq: number;
  df: number;
  pValue: number;
}

/** βₛᵀ (V_ss)⁻¹ βₛ for the coefficient subset s. */
function waldOf(cols: readonly number[], beta: ArrayLike<number>, vcov: ArrayLike<number>, p: number): number {
  if (cols.length === 0) return 0;
  const q = cols.length;
  const V = new Float64Array(q * q); // column-major; vcov is symmetric, so its storage order does not matter here
  for (let b = 0; b < q; b++) for (let a = 0; a < q; a++) V[b * q + a] = vcov[cols[a] * p + cols[b]];
  const Vi = symPinv(V, q);
  let s = 0;
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s += beta[cols[a]] * Vi[b * q + a] * beta[cols[b]];
  return s;
}

/** car's relatives(): the terms whose variables include all of this term's (higher-order relatives). */
function relatives(ft: FixedTerms, t: number): string[] {
  const mine = ft.variables[t];
  return ft.labels.filter((_, j) => j !== t && mine.every((v) => ft.variables[j].includes(v)));
}

export function waldAnova(ft: FixedTerms, beta: ArrayLike<number>, vcov: ArrayLike<number>, type: 2 | 3): WaldRow[] {
  const p = beta.length;
  const cols = termColumns(ft);
  const row = (term: string, chisq: number, df: number): WaldRow => ({ term, chisq, df, pValue: upperChisq(chisq, df) });
  const out: WaldRow[] = [];
  if (type === 3) {
    for (const [term, c] of cols) if (c.length) out.push(row(term, waldOf(c, beta, vcov, p), c.length));
    return out;
  }
  ft.labels.forEach((term, t) => {
    const own = cols.get(term) ?? [];
    if (!own.length) return;
    const rel = relatives(ft, t).flatMap((r) => cols.get(r) ?? []);
    const chisq = waldOf([...rel, ...own], beta, vcov, p) - waldOf(rel, beta, vcov, p);
    out.push(row(term, Math.max(chisq, 0), own.length));
  });
  return out;
}
