/**
 * corAR1: correlation φ^|t_i − t_j| for integer times t (positions for `~ 1 | g`); nlme's
 * unconstrained parameter is log((1 + φ)/(1 − φ)). (nlme turns an AR1 with gaps into ARMA(1, 0),
 * which is the same correlation.)
 */
import { type CorStruct } from './corStruct';

export function corAR1(groupOf: Int32Array, members: number[][], t: Float64Array, formula: string): CorStruct {
  const phiOf = (x: number) => Math.tanh(x / 2);
  return {
    className: 'corAR1',
    nPar: 1,
    groupOf,
    members,
    formula,
    start: () => [0],
    correlation(par) {
      const phi = phiOf(par[0]);
      return (i, j) => Math.pow(phi, Math.abs(t[i] - t[j]));
    },
    printed: (par) => ({ names: ['Phi'], values: [phiOf(par[0])] }),
  };
}
