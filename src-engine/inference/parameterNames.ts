/**
 * Names of the variance parameters as lme4's confint(…, oldNames = FALSE) prints them, in θ order:
 * per random term, its lower triangle by column — "sd_(Intercept)|Subject", "cor_Days.(Intercept)|Subject",
 * "sd_Days|Subject" — then "sigma".
 */
import { type MixedDesign } from '../design/mixedDesign';

export interface VarParamName {
  name: string;
  term: number;
  row: number;
  col: number;
}

export function varParamNames(design: MixedDesign): VarParamName[] {
  const out: VarParamName[] = [];
  design.reterms.forEach((t, k) => {
    const S = t.termNames.length;
    for (let c = 0; c < S; c++)
      for (let r = c; r < S; r++) {
        const name = r === c ? `sd_${t.termNames[r]}|${t.group}` : `cor_${t.termNames[r]}.${t.termNames[c]}|${t.group}`;
        out.push({ name, term: k, row: r, col: c });
      }
  });
  return out;
}

/** The sd/cor values in varParamNames order, from θ and σ (Σ_term = σ² T Tᵀ). */
export function sdcorValues(design: MixedDesign, theta: ArrayLike<number>, sigma: number): number[] {
  const out: number[] = [];
  let th = 0;
  for (const t of design.reterms) {
    const S = t.termNames.length;
    const T = Array.from({ length: S }, () => new Array<number>(S).fill(0));
    for (let c = 0; c < S; c++) for (let r = c; r < S; r++) T[r][c] = theta[th++];
    const cov = (i: number, j: number) => sigma * sigma * T[i].reduce((s, v, k) => s + v * T[j][k], 0);
    for (let c = 0; c < S; c++)
      for (let r = c; r < S; r++) out.push(r === c ? Math.sqrt(cov(r, r)) : cov(r, c) / Math.sqrt(cov(r, r) * cov(c, c)));
  }
  return out;
}
