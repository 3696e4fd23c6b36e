/**
 * varIdent(form = ~ 1 | g): a different standard deviation per stratum. Parameter k is
 * log(σ_k / σ_1) for the strata after the first (nlme's reference: the first stratum in its
 * processing order); nlme prints the ratios σ_k / σ_1.
 */
import { type VarFunc } from './varFunc';

export function varIdent(stratum: Int32Array, names: readonly string[], formula: string): VarFunc {
  const nPar = names.length - 1;
  return {
    className: 'varIdent',
    nPar,
    usesFitted: false,
    structure: 'Different standard deviations per stratum',
    formula,
    start: () => new Array<number>(nPar).fill(0),
    weightClasses: () => stratum,
    logWeights(par, _fitted, out) {
      // a loop, not Float64Array.from(stratum, fn): that goes through the iterator and a call per
      // observation, and was 15% of orthodont_lme_varident's fit
      const n = stratum.length;
      const logW = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const s = stratum[i];
        logW[i] = s !== 0 ? -par[s - 1] : 0;
      }
      return logW;
    },
    printed(par) {
      return { names: names.slice(1), values: Array.from({ length: nPar }, (_, k) => Math.exp(par[k])) };
    },
  };
}
