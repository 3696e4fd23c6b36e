/**
 * corARMA(p, q): the autocorrelation of x_t = Σ φ_j x_{t−j} + e_t + Σ θ_j e_{t−j} at lag |t_i − t_j|
 * (integer times). nlme's unconstrained parameters map, per part, to partial autocorrelations
 * r = tanh(x/2), turned into coefficients by the Durbin–Levinson recursion (so every value is
 * stationary and invertible).
 */
import { type CorStruct } from './corStruct';

/** Partial autocorrelations → coefficients; sign −1 for the AR part, +1 for the MA part (nlme's convention). */
function coefficients(x: ArrayLike<number>, from: number, count: number, sign: number): number[] {
  const c: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = Math.tanh(x[from + i] / 2);
    const prev = c.slice();
    for (let j = 0; j < i; j++) c[j] = prev[j] + sign * r * prev[i - j - 1];
    c.push(r);
  }
  return c;
}

/** Autocorrelations ρ(0..maxLag) from the ψ-weights of the MA(∞) form (plain arrays: a typed array
 * over 64 bytes is allocated off V8's heap, ≈ 3 µs, and this runs once per evaluation). */
export function armaAutocorrelation(phi: readonly number[], theta: readonly number[], maxLag: number): number[] {
  const psi: number[] = [1];
  const LIMIT = 200_000;
  let tail = 0;
  for (let i = 1; i < LIMIT; i++) {
    let v = i <= theta.length ? theta[i - 1] : 0;
    for (let j = 1; j <= Math.min(phi.length, i); j++) v += phi[j - 1] * psi[i - j];
    psi.push(v);
    // stop once the weights are negligible for a stretch as long as the recursion's memory
    tail = Math.abs(v) < 1e-17 ? tail + 1 : 0;
    if (i > theta.length && tail > Math.max(phi.length, 1) + maxLag) break;
  }
  // γ(k) = Σ_j ψ_j ψ_{j+k} for the first lags; beyond q the autocovariance follows the AR recursion
  // γ(k) = Σ φ_j γ(k − j) exactly, which is stable for a stationary AR part and spares a ψ sum per lag
  const gamma = new Array<number>(maxLag + 1).fill(0);
  const direct = Math.min(maxLag, Math.max(phi.length, theta.length + 1) - 1);
  for (let k = 0; k <= direct; k++) {
    let s = 0;
    for (let j = 0; j + k < psi.length; j++) s += psi[j] * psi[j + k];
    gamma[k] = s;
  }
  for (let k = direct + 1; k <= maxLag; k++) {
    let s = 0;
    for (let j = 1; j <= phi.length; j++) s += phi[j - 1] * gamma[k - j];
    gamma[k] = s;
  }
  return gamma.map((g) => g / gamma[0]);
}

export function corARMA(groupOf: Int32Array, members: number[][], t: Float64Array, p: number, q: number, formula: string): CorStruct {
  let maxLag = 0;
  for (const m of members) for (const i of m) for (const j of m) maxLag = Math.max(maxLag, Math.abs(t[i] - t[j]));
  const parts = (par: ArrayLike<number>) => ({ phi: coefficients(par, 0, p, -1), theta: coefficients(par, p, q, 1) });
  return {
    className: 'corARMA',
    nPar: p + q,
    groupOf,
    members,
    coordinates: [t],
    formula,
    start: () => new Array<number>(p + q).fill(0),
    correlation(par) {
      const { phi, theta } = parts(par);
      const rho = armaAutocorrelation(phi, theta, maxLag);
      return (i, j) => rho[Math.abs(t[i] - t[j])];
    },
    printed(par) {
      const { phi, theta } = parts(par);
      return {
        names: [...phi.map((_, k) => `Phi${k + 1}`), ...theta.map((_, k) => `Theta${k + 1}`)],
        values: [...phi, ...theta],
      };
    },
  };
}
