/**
 * corCAR1: continuous-time AR(1), correlation φ^|t_i − t_j| for any real times; nlme's unconstrained
 * parameter is log(φ / (1 − φ)), start φ = 0.2.
 */
import { type CorStruct, expit, logit } from './corStruct';

export function corCAR1(groupOf: Int32Array, members: number[][], t: Float64Array, formula: string): CorStruct {
  return {
    className: 'corCAR1',
    nPar: 1,
    groupOf,
    members,
    coordinates: [t],
    formula,
    start: () => [logit(0.2)],
    correlation(par) {
      const phi = expit(par[0]);
      return (i, j) => Math.pow(phi, Math.abs(t[i] - t[j]));
    },
    markov: { t, phi: (par) => expit(par[0]) },
    printed: (par) => ({ names: ['Phi'], values: [expit(par[0])] }),
    unconstrain: ([phi]) => (phi > 0 && phi < 1 ? [logit(phi)] : null),
  };
}
