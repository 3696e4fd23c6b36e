/**
 * varPower, varExp and varConstPower: the standard deviation is a function of a covariate v (a
 * column, or the fitted values), with one parameter set per stratum when the form has groups:
 *   varPower       sd ∝ |v|^δ                 (parameter δ, "power")
 *   varExp         sd ∝ exp(t·v)              (parameter t, "expon")
 *   varConstPower  sd ∝ c + |v|^δ              (parameters log c and δ, "const" and "power")
 */
import { constPowerSearch } from './constPowerSearch';
import { pairClasses, type VarFunc } from './varFunc';

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
  let logAbsValues: Float64Array | undefined;
  let distinctValues: Distinct | null | undefined;
  let lastFitted: Float64Array | undefined;
  let lastFittedLogAbs: Float64Array | undefined;
  return {
    className: kind,
    nPar,
    usesFitted: cov.values === undefined,
    structure: STRUCTURE[kind],
    formula,
    // nlme's defaults (Initialize.varConstPower's dfltCoef): power 0, expon 0, const 0.1
    start: () => Array.from({ length: nPar }, (_, k) => (kind === 'varConstPower' && k % 2 === 0 ? Math.log(0.1) : 0)),
    // nlme's coordinates make a long ridge for varConstPower of a covariate (not of the fitted values,
    // which move between the alternation's steps)
    ...(kind === 'varConstPower' && cov.values ? { search: constPowerSearch(cov.values, cov.stratum, nStrata) } : {}),
    ...(cov.values ? { weightClasses: () => pairClasses(cov.stratum, cov.values!) } : {}),
    logWeights(par, fitted, into) {
      const v = cov.values ?? fitted;
      if (!v) throw new Error('the fitted values are needed for this variance function');
      const out = into ?? new Float64Array(v.length);
      const stratum = cov.stratum;
      if (kind === 'varExp') {
        for (let i = 0; i < v.length; i++) out[i] = -par[stratum[i]] * v[i];
        return out;
      }
      // log|v| is computed once for a covariate column, and for the fitted values once per array (the
      // alternation holds one array for all the evaluations of a step; arrays are never written after)
      let logAbs: Float64Array;
      if (cov.values) logAbs = logAbsValues ??= logAbsOf(cov.values);
      else if (v === lastFitted) logAbs = lastFittedLogAbs!;
      else {
        logAbs = logAbsOf(v);
        lastFitted = v;
        lastFittedLogAbs = logAbs;
      }
      if (kind === 'varPower') {
        for (let i = 0; i < v.length; i++) out[i] = -par[stratum[i]] * logAbs[i];
        return out;
      }
      // a covariate with few distinct values (ages, doses): one log and exp per value, not per row
      const d = cov.values ? (distinctValues ??= distinctOf(logAbs, stratum)) : null;
      if (d) {
        const w = constPowerLogWeights(par, d.logAbs, d.stratum, new Float64Array(d.logAbs.length));
        for (let i = 0; i < v.length; i++) out[i] = w[d.code[i]];
        return out;
      }
      return constPowerLogWeights(par, logAbs, stratum, out);
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

function logAbsOf(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.log(Math.abs(v[i]));
  return out;
}

/** −log(c_s + |v|^δ_s) per row; |v|^δ as exp(δ log|v|), except |0|^δ for δ ≤ 0 (Math.pow's 1 or ∞). */
function constPowerLogWeights(par: ArrayLike<number>, logAbs: Float64Array, stratum: Int32Array, out: Float64Array): Float64Array {
  for (let i = 0; i < logAbs.length; i++) {
    const s = stratum[i];
    const d = par[s * 2 + 1];
    out[i] = -Math.log(Math.exp(par[s * 2]) + (logAbs[i] === -Infinity && d <= 0 ? Math.pow(0, d) : Math.exp(d * logAbs[i])));
  }
  return out;
}

interface Distinct {
  /** Each row's index among the distinct (stratum, log|v|) pairs. */
  readonly code: Int32Array;
  readonly logAbs: Float64Array;
  readonly stratum: Int32Array;
}

/** The distinct (stratum, log|v|) pairs, or null when they are more than half the rows (no saving). */
function distinctOf(logAbs: Float64Array, stratum: Int32Array): Distinct | null {
  const code = pairClasses(stratum, logAbs);
  let count = 0;
  for (let i = 0; i < code.length; i++) count = Math.max(count, code[i] + 1);
  if (2 * count > code.length) return null;
  // each pair's first row (classes are numbered in order of first appearance)
  const first = new Int32Array(count);
  for (let i = code.length - 1; i >= 0; i--) first[code[i]] = i;
  return { code, logAbs: Float64Array.from(first, (i) => logAbs[i]), stratum: Int32Array.from(first, (i) => stratum[i]) };
}
