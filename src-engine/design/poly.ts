/**
 * R's poly(x, degree): orthogonal polynomials computed exactly as R does — QR (dqrdc2) of the centred
 * power matrix [1, x̃, x̃², …], then Z = Q·diag(R) normalised column-wise, dropping the constant column.
 * Each column is the part of x̃^j orthogonal to the lower powers, scaled to unit length.
 */
import { dqrdc2, qrQy } from './dqrdc2';

export class PolyError extends Error {}

export function orthoPoly(x: Float64Array, degree: number): Float64Array[] {
  const n = x.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i])) throw new PolyError('missing values are not allowed in poly()');
  if (degree >= new Set(x).size) throw new PolyError(`the degree of poly() must be less than the number of distinct values (${new Set(x).size})`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const m = degree + 1;
  const powers = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const xc = x[i] - mean;
    let v = 1;
    for (let j = 0; j < m; j++) {
      powers[j * n + i] = v;
      v *= xc;
    }
  }
  const qr = dqrdc2(powers, n, m);
  if (qr.rank < degree) throw new PolyError(`the degree of poly() must be less than the number of distinct values`);
  const z = new Float64Array(n * m);
  for (let j = 0; j < m; j++) z[j * n + j] = qr.qr[j * n + j];
  qrQy(qr, z, m);
  const out: Float64Array[] = [];
  for (let j = 1; j < m; j++) {
    const col = z.slice(j * n, j * n + n);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += col[i] * col[i];
    const s = Math.sqrt(ss);
    for (let i = 0; i < n; i++) col[i] /= s;
    out.push(col);
  }
  return out;
}

/** poly(x, degree, raw = TRUE): plain powers x, x², … */
export function rawPoly(x: Float64Array, degree: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 1; j <= degree; j++) out.push(x.map((v) => v ** j));
  return out;
}
