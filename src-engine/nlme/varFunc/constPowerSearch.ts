/**
 * The optimizer's coordinates for varConstPower (sd ∝ c + |v|^δ, nlme's parameters log c and δ).
 * Only the shape of sd across the observed |v| matters (σ absorbs its level), so the likelihood is
 * nearly constant along a long curved ridge where c and |v|^δ grow together: on Orthodont it runs
 * from (log c, δ) = (−2.3, 0.07) to (8.5, 2.16) while the log-likelihood moves by 4e-3, and BOBYQA
 * needs ~180 evaluations to follow it. Along that ridge the elasticity of sd in |v| at the centre of
 * the data stays almost fixed, so the search uses, per stratum,
 *   a = δ·m − log c          log(|v|^δ / c) at m, the mean of log|v| over the stratum's rows,
 *   s = δ·e^a / (1 + e^a)     d log sd / d log|v| there (searched in units of 0.1, like a and log c),
 * a smooth bijection of (log c, δ): δ = s·(1 + e^−a), log c = δ·m − a.
 */
import { type SearchMap } from './varFunc';

/** One unit of the searched elasticity is this much of s: its steps are then of the size of a's. */
const S_UNIT = 0.1;

export function constPowerSearch(v: Float64Array, stratum: Int32Array, nStrata: number): SearchMap {
  const sum = new Float64Array(nStrata);
  const count = new Float64Array(nStrata);
  for (let i = 0; i < v.length; i++) {
    if (v[i] === 0) continue; // log|0| = −∞: nlme gives such rows weight 1/c
    sum[stratum[i]] += Math.log(Math.abs(v[i]));
    count[stratum[i]]++;
  }
  const m = Array.from(sum, (x, s) => (count[s] > 0 ? x / count[s] : 0));
  return {
    toSearch(par) {
      const z: number[] = [];
      for (let s = 0; s < nStrata; s++) {
        const logC = par[2 * s];
        const delta = par[2 * s + 1];
        const a = delta * m[s] - logC;
        z.push((delta / (1 + Math.exp(-a))) / S_UNIT, a);
      }
      return z;
    },
    fromSearch(z) {
      const par: number[] = [];
      for (let s = 0; s < nStrata; s++) {
        const a = z[2 * s + 1];
        const delta = z[2 * s] * S_UNIT * (1 + Math.exp(-a));
        par.push(delta * m[s] - a, delta);
      }
      return par;
    },
  };
}
