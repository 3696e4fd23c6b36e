/**
 * varPower, varExp and varConstPower: the standard deviation is a function of a covariate v (a
 * column, or the fitted values), with one parameter set per stratum when the form has groups:
 *   varPower       sd ∝ |v|^δ                 (parameter δ, "power")
 *   varExp         sd ∝ exp(t·v)              (parameter t, "expon")
 *   varConstPower  sd ∝ c + |v|^δ              (parameters log c and δ, "const" and "power")
 */
import { type VarFunc } from './varFunc';

export type PowerKind = 'varPower' | 'varExp' | 'varConstPower';

const PER_STRATUM: Record<PowerKind, string[]> = { varPower: ['power'], varExp: ['expon'], varConstPower: ['const', 'power'] };
const STRUCTURE: Record<PowerKind, string> = {
  varPower: 'Power of variance covariate',
  varExp: 'Exponential of variance covariate',
  varConstPower: 'Constant plus power of variance covariate',
};

export interface PowerCovariate {
  /** The covariate column, or undefined for the fitted values. */
  readonly values: Float64Array | undefined;
  /** Stratum of each observation (all 0 without groups) and the strata names. */
  readonly stratum: Int32Array;
  readonly strata: readonly string[];
}

export function powerFamily(kind: PowerKind, cov: PowerCovariate, formula: string): VarFunc {
  const per = PER_STRATUM[kind].length;
  const nStrata = cov.strata.length;
  const nPar = per * nStrata;
  const grouped = nStrata > 1;
  return {
    className: kind,
    nPar,
    usesFitted: cov.values === undefined,
    structure: STRUCTURE[kind],
    formula,
    // nlme's defaults: power 0, expon 0, const 1 (log 0)
    start: () => new Array<number>(nPar).fill(0),
    logWeights(par, fitted) {
      const v = cov.values ?? fitted;
      if (!v) throw new Error('the fitted values are needed for this variance function');
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const s = cov.stratum[i];
        if (kind === 'varPower') out[i] = -par[s] * Math.log(Math.abs(v[i]));
        else if (kind === 'varExp') out[i] = -par[s] * v[i];
        else out[i] = -Math.log(Math.exp(par[s * 2]) + Math.pow(Math.abs(v[i]), par[s * 2 + 1]));
      }
      return out;
    },
    printed(par) {
      const names: string[] = [];
      const values: number[] = [];
      for (let s = 0; s < nStrata; s++) {
        PER_STRATUM[kind].forEach((name, k) => {
          // nlme names grouped parameters by stratum (varConstPower: "const.Male" … ), ungrouped by parameter
          names.push(grouped ? (per === 1 ? cov.strata[s] : `${name}.${cov.strata[s]}`) : name);
          const x = par[s * per + k];
          values.push(kind === 'varConstPower' && name === 'const' ? Math.exp(x) : x);
        });
      }
      return { names, values };
    },
  };
}
