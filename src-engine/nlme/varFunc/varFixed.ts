/** varFixed(~ v): Var(ε_i) = σ² v_i, no parameters (weights 1/√v_i). */
import { QuadratError } from '../../errors/quadratError';
import { pairClasses, type VarFunc } from './varFunc';

export function varFixed(v: Float64Array, formula: string): VarFunc {
  const bad = v.findIndex((x) => !(x > 0));
  if (bad >= 0) throw new QuadratError('model', `varFixed: the variance covariate must be positive, but it is ${v[bad]} in observation ${bad + 1}.`);
  const logW = Float64Array.from(v, (x) => -0.5 * Math.log(x));
  return {
    className: 'varFixed',
    nPar: 0,
    usesFitted: false,
    structure: 'fixed weights',
    formula,
    start: () => [],
    weightClasses: () => pairClasses(new Int32Array(v.length), v),
    logWeights: (_par, _fitted, out) => (out ? (out.set(logW), out) : logW),
    printed: () => ({ names: [], values: [] }),
  };
}
