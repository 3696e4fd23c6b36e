/**
 * corAR1: correlation φ^|t_i − t_j| for integer times t (positions for `~ 1 | g`); nlme's
 * unconstrained parameter is log((1 + φ)/(1 − φ)). (nlme turns an AR1 with gaps into ARMA(1, 0),
 * which is the same correlation.)
 */
import { type CorStruct } from './corStruct';

export function corAR1(groupOf: Int32Array, members: number[][], t: Float64Array, formula: string): CorStruct {
  const phiOf = (x: number) => Math.tanh(x / 2);
  // Integer lags (the usual case) read φ^k from a table filled once per parameter value: the same
  // Math.pow(φ, k) as per pair, without one pow for each of the O(n_g²) pairs of every evaluation.
  const integer = t.every((v) => Number.isInteger(v));
  const maxLag = integer ? Math.max(0, ...members.map((m) => Math.max(...m.map((i) => t[i])) - Math.min(...m.map((i) => t[i])))) : 0;
  return {
    className: 'corAR1',
    nPar: 1,
    groupOf,
    members,
    coordinates: [t],
    formula,
    start: () => [0],
    correlation(par) {
      const phi = phiOf(par[0]);
      if (!integer || maxLag > 100_000) return (i, j) => Math.pow(phi, Math.abs(t[i] - t[j]));
      const pw = new Array<number>(maxLag + 1); // a plain array: a typed one over 64 bytes is off V8's heap (≈ 3 µs)
      for (let k = 0; k <= maxLag; k++) pw[k] = Math.pow(phi, k);
      return (i, j) => pw[Math.abs(t[i] - t[j])];
    },
    markov: { t, phi: (par) => phiOf(par[0]) },
    printed: (par) => ({ names: ['Phi'], values: [phiOf(par[0])] }),
    unconstrain: ([phi]) => (Math.abs(phi) < 1 ? [Math.log((1 + phi) / (1 - phi))] : null),
  };
}
