/**
 * corSymm: a general ("unstructured") correlation matrix C over the positions 1…M of a group, one
 * correlation per pair of positions; a group's C is the rows and columns of its observations' positions.
 * nlme's parameterization (Pinheiro & Bates 1996, the spherical one): C = L Lᵀ, row i of L being
 * (cos a_i1, sin a_i1 cos a_i2, …, ∏ sin a_ij) with angles a = π e^θ / (1 + e^θ) in (0, π), so every θ
 * gives a valid C; θ in row order (2,1), (3,1), (3,2), (4,1), …; start θ = 0 (every correlation 0).
 * Printed as nlme's intervals() names them, cor(1,2), cor(1,3), …, row by row of the upper triangle.
 * apVar and intervals() work in nlme's "natural" parameters instead, log((1 + ρ)/(1 − ρ)) of each
 * correlation (glsApVar's corNatural), so each interval is symmetric on that scale.
 */
import { choleskyLowerInPlace } from '../../linalg/denseCholesky';
import { type CorStruct } from './corStruct';

/** The M × M correlation matrix (row-major) of nlme's unconstrained parameters (plain arrays: V8
 * allocates a typed array over 64 bytes outside its heap, ≈ 3 µs, and this runs once per evaluation). */
export function symmCorrelations(theta: ArrayLike<number>, M: number): number[] {
  const L = new Array<number>(M * M).fill(0);
  let at = 0;
  for (let i = 0; i < M; i++) {
    let aux = 1;
    for (let j = 0; j < i; j++) {
      const e = Math.exp(theta[at++]);
      const a = (Math.PI * e) / (1 + e);
      L[i * M + j] = aux * Math.cos(a);
      aux *= Math.sin(a);
    }
    L[i * M + i] = aux;
  }
  const C = new Array<number>(M * M).fill(0);
  for (let i = 0; i < M; i++) {
    C[i * M + i] = 1;
    for (let j = i + 1; j < M; j++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += L[i * M + k] * L[j * M + k];
      C[i * M + j] = C[j * M + i] = s;
    }
  }
  return C;
}

/**
 * The inverse of symmCorrelations: θ of a correlation matrix given by its upper triangle row by row
 * (ρ_12, ρ_13, …), from the rows of its Cholesky factor; null when that matrix is not positive definite.
 */
export function symmTheta(rho: ArrayLike<number>, M: number): number[] | null {
  const C = new Float64Array(M * M);
  let at = 0;
  for (let i = 0; i < M; i++) {
    C[i * M + i] = 1;
    for (let j = i + 1; j < M; j++) C[i * M + j] = C[j * M + i] = rho[at++];
  }
  // C is symmetric, so row-major is column-major: factor in place; L[i, j] is then at j·M + i
  if (choleskyLowerInPlace(C, M) !== 0) return null;
  const L = (i: number, j: number) => C[j * M + i];
  const theta: number[] = [];
  for (let i = 1; i < M; i++) {
    let aux = 1;
    for (let j = 0; j < i; j++) {
      const a = Math.acos(Math.max(-1, Math.min(1, L(i, j) / aux)));
      theta.push(Math.log(a / (Math.PI - a)));
      aux *= Math.sin(a);
    }
  }
  return theta.every(Number.isFinite) ? theta : null;
}

/** `position`: each observation's position 1…M (its time, or its order within the group for `~ 1`). */
export function corSymm(groupOf: Int32Array, members: number[][], position: Float64Array, formula: string): CorStruct {
  let M = 0;
  for (const m of members) for (const i of m) M = Math.max(M, position[i]);
  const nPar = (M * (M - 1)) / 2;
  const names: string[] = [];
  for (let i = 1; i < M; i++) for (let j = i + 1; j <= M; j++) names.push(`cor(${i},${j})`);
  const upper = (C: readonly number[]) => {
    const out: number[] = [];
    for (let i = 0; i < M - 1; i++) for (let j = i + 1; j < M; j++) out.push(C[i * M + j]);
    return out;
  };
  return {
    className: 'corSymm',
    nPar,
    groupOf,
    members,
    coordinates: [position],
    formula,
    start: () => new Array<number>(nPar).fill(0),
    correlation(par) {
      const C = symmCorrelations(par, M);
      return (i, j) => C[(position[i] - 1) * M + (position[j] - 1)];
    },
    printed: (par) => ({ names: names.slice(), values: upper(symmCorrelations(par, M)) }),
    unconstrain: (rho) => (rho.every((r) => Math.abs(r) < 1) ? symmTheta(rho, M) : null),
    natural: {
      from: (par) => upper(symmCorrelations(par, M)).map((r) => Math.log((1 + r) / (1 - r))),
      to: (z) => symmTheta(Array.from(z, (v) => Math.tanh(v / 2)), M),
      printed: (z) => ({ names: names.slice(), values: Array.from(z, (v) => Math.tanh(v / 2)) }),
    },
  };
}
