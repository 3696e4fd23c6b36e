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
    coordinates: [],
    formula,
    start: () => [Math.log(-inf)],
    correlation(par) {
      const rho = rhoOf(par[0]);
      return () => rho;
    },
    printed: (par) => ({ names: ['Rho'], values: [rhoOf(par[0])] }),
    unconstrain: ([rho]) => (rho > inf && rho < 1 ? [Math.log((rho - inf) / (1 - rho))] : null),
    // nlme's factor F (FᵀF = C⁻¹): the group mean, then Helmert contrasts, scaled by the eigenvalues
    // 1 + (n − 1)ρ and 1 − ρ of C
    normalize(par, r) {
      const rho = rhoOf(par[0]);
      const n = r.length;
      const out = new Float64Array(n);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += r[i];
      out[0] = sum / Math.sqrt(n * (1 + (n - 1) * rho));
      let partial = r[0];
      for (let i = 1; i < n; i++) {
        out[i] = (i * r[i] - partial) / Math.sqrt((1 - rho) * i * (i + 1));
        partial += r[i];
      }
      return out;
    },
  };
}
