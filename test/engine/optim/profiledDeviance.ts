/**
 * Tiny dense versions of lme4's profiled deviance / REML criterion, as realistic objectives for
 * the optimizer tests (not the engine's implementation). With V = I + Z Λ Λᵀ Zᵀ (σ² factored out),
 *   ML:   log|V| + n (1 + log(2π r²/n)),
 *   REML: log|V| + log|Xᵀ V⁻¹ X| + (n−p)(1 + log(2π r²/(n−p))),
 * where r² = min_β (y − Xβ)ᵀ V⁻¹ (y − Xβ). V is block diagonal by group, and each block is
 * handled through the q×q matrix I + Λᵀ Z_gᵀ Z_g Λ (q = 1 or 2 here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readCsv(name: string): Record<string, string>[] {
  const text = readFileSync(join(process.cwd(), 'test', 'data', name), 'utf8').trim();
  const [head, ...rows] = text.split(/\r?\n/);
  const strip = (s: string) => s.replace(/^"|"$/g, '');
  const names = head.split(',').map(strip);
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i], strip(v)])));
}

interface Group {
  y: number[];
  x: number[][]; // fixed-effects rows (p columns)
  z: number[][]; // random-effects rows (q columns)
}

function groupBy(rows: Record<string, string>[], key: string, make: (r: Record<string, string>) => { y: number; x: number[]; z: number[] }): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const g = groups.get(r[key]) ?? { y: [], x: [], z: [] };
    const v = make(r);
    g.y.push(v.y);
    g.x.push(v.x);
    g.z.push(v.z);
    groups.set(r[key], g);
  }
  return [...groups.values()];
}

/** Inverse and log-determinant of a small symmetric positive definite matrix (q ≤ 2). */
function smallInverse(a: number[][]): { inv: number[][]; logdet: number } {
  if (a.length === 1) return { inv: [[1 / a[0][0]]], logdet: Math.log(a[0][0]) };
  const det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
  return { inv: [[a[1][1] / det, -a[0][1] / det], [-a[1][0] / det, a[0][0] / det]], logdet: Math.log(det) };
}

function solveSmall(a: number[][], b: number[]): number[] {
  const { inv } = smallInverse(a);
  return inv.map((row) => row.reduce((s, v, j) => s + v * b[j], 0));
}

/** Builds f(θ) for groups with q random effects and Λ lower-triangular, θ in lme4's column order. */
function criterion(groups: Group[], q: number, p: number, reml: boolean): (theta: Float64Array) => number {
  const n = groups.reduce((s, g) => s + g.y.length, 0);
  return (theta) => {
    const lam: number[][] = q === 1 ? [[theta[0]]] : [[theta[0], 0], [theta[1], theta[2]]];
    let logdetV = 0;
    const xvx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xvy = new Array<number>(p).fill(0);
    let yvy = 0;
    for (const g of groups) {
      // u = Λᵀ zᵢ for each row; M = I + Σ u uᵀ
      const u = g.z.map((zi) => lam[0].map((_, c) => zi.reduce((s, zv, r) => s + zv * lam[r][c], 0)));
      const m = Array.from({ length: q }, (_, a) => Array.from({ length: q }, (_, b) => (a === b ? 1 : 0)));
      for (const ui of u) for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) m[a][b] += ui[a] * ui[b];
      const { inv, logdet } = smallInverse(m);
      logdetV += logdet;
      // V⁻¹ = I − U M⁻¹ Uᵀ; accumulate aᵀV⁻¹b for a, b among the columns of X and y.
      const cols = [...Array.from({ length: p }, (_, j) => g.x.map((xi) => xi[j])), g.y];
      const ut = cols.map((c) => Array.from({ length: q }, (_, a) => c.reduce((s, v, i) => s + v * u[i][a], 0)));
      const form = (i: number, j: number) => {
        let s = cols[i].reduce((acc, v, r) => acc + v * cols[j][r], 0);
        for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s -= ut[i][a] * inv[a][b] * ut[j][b];
        return s;
      };
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) xvx[i][j] += form(i, j);
        xvy[i] += form(i, p);
      }
      yvy += form(p, p);
    }
    const beta = p === 1 ? [xvy[0] / xvx[0][0]] : solveSmall(xvx, xvy);
    const r2 = yvy - beta.reduce((s, b, i) => s + b * xvy[i], 0);
    const df = reml ? n - p : n;
    const logdetX = reml ? smallInverse(xvx).logdet : 0;
    return logdetV + logdetX + df * (1 + Math.log((2 * Math.PI * r2) / df));
  };
}

/** Dyestuff: Yield ~ 1 + (1 | Batch). */
export function dyestuffCriterion(reml: boolean): (theta: Float64Array) => number {
  const groups = groupBy(readCsv('Dyestuff.csv'), 'Batch', (r) => ({ y: Number(r.Yield), x: [1], z: [1] }));
  return criterion(groups, 1, 1, reml);
}

/** sleepstudy: Reaction ~ Days + (Days | Subject). */
export function sleepstudyCriterion(reml: boolean): (theta: Float64Array) => number {
  const groups = groupBy(readCsv('sleepstudy.csv'), 'Subject', (r) => {
    const days = Number(r.Days);
    return { y: Number(r.Reaction), x: [1, days], z: [1, days] };
  });
  return criterion(groups, 2, 2, reml);
}
