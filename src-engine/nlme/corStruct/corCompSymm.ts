/**
 * corCompSymm: one correlation ρ between any two observations of a group. ρ lies in
 * (−1/(M − 1), 1) with M the largest group; nlme's unconstrained parameter is
 * log((ρ + 1/(M − 1)) / (1 − ρ)), start ρ = 0.
 */
import { type CorStruct } from './corStruct';

export function corCompSymm(groupOf: Int32Array, members: number[][], formula: string): CorStruct {
  const M = Math.max(...members.map((m) => m.length));
  const inf = M > 1 ? -1 / (M - 1) : -1;
  const rhoOf = (x: number) => (Math.exp(x) + inf) / (Math.exp(x) + 1);
  return {
    className: 'corCompSymm',
    nPar: 1,
    groupOf,
    members,
    formula,
    start: () => [Math.log(-inf)],
    correlation(par) {
      const rho = rhoOf(par[0]);
      return () => rho;
    },
    printed: (par) => ({ names: ['Rho'], values: [rhoOf(par[0])] }),
  };
}
