/**
 * lme4's profiled criteria (Bates et al. 2015, eqs. 34 and 41):
 *   ML:   d(θ)   = log|L_θ|² − log|W| + n [1 + log(2π r²(θ)/n)]
 *   REML: d_R(θ) = log|L_θ|² + log|R_X|² − log|W| + (n−p) [1 + log(2π r²(θ)/(n−p))]
 */
import { type FactorParts } from './updateL';

export function profiledCriterion(parts: FactorParts, n: number, p: number, reml: boolean, logDetW: number): number {
  const dof = reml ? n - p : n;
  const base = parts.ldL2 - logDetW + dof * (1 + Math.log((2 * Math.PI * parts.pwrss) / dof));
  return reml ? base + parts.ldRX2 : base;
}
