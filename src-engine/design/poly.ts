/**
 * R's poly(x, degree): orthogonal polynomials computed exactly as R does — QR (dqrdc2) of the centred
 * power matrix [1, x̃, x̃², …], then Z = Q·diag(R) normalised column-wise, dropping the constant column.
 * Each column is the part of x̃^j orthogonal to the lower powers, scaled to unit length.
 */
import { dqrdc2, qrQy } from './dqrdc2';

export class PolyError extends Error {}

/**
 * What R's poly() keeps as its "coefs" attribute so predict() can rebuild the basis on new rows
 * (makepredictcall): alpha (the three-term recurrence's centres) and norm2 (squared column norms,
 * with 1 and n in front).
 */
export interface PolyCoefs {
  readonly alpha: readonly number[];
  readonly norm2: readonly number[];
}

export function orthoPoly(x: Float64Array, degree: number): Float64Array[] {
  return orthoPolyWithCoefs(x, degree).columns;
}

export function orthoPolyWithCoefs(x: Float64Array, degree: number): { columns: Float64Array[]; coefs: PolyCoefs } {
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
  // R: norm2 <- colSums(Z^2); alpha <- (colSums(x * Z^2) / norm2 + xbar)[1:degree], x centred
  const norm2 = new Array<number>(m);
  const alpha: number[] = [];
  for (let j = 0; j < m; j++) {
    let ss = 0;
    let xss = 0;
    for (let i = 0; i < n; i++) {
      const zz = z[j * n + i] * z[j * n + i];
      ss += zz;
      xss += (x[i] - mean) * zz;
    }
    norm2[j] = ss;
    if (j < degree) alpha.push(xss / ss + mean);
  }
  const columns: Float64Array[] = [];
  for (let j = 1; j < m; j++) {
    const col = z.slice(j * n, j * n + n);
    const s = Math.sqrt(norm2[j]);
    for (let i = 0; i < n; i++) col[i] /= s;
    columns.push(col);
  }
  return { columns, coefs: { alpha, norm2: [1, ...norm2] } };
}

/** predict(poly(x, degree), newdata): the basis of new x from the fitted coefs (R's three-term recurrence). */
export function polyFromCoefs(x: Float64Array, degree: number, coefs: PolyCoefs): Float64Array[] {
  const { alpha, norm2 } = coefs;
  if (x.some((v) => Number.isNaN(v))) throw new PolyError('missing values are not allowed in poly()');
  const Z: Float64Array[] = [new Float64Array(x.length).fill(1), x.map((v) => v - alpha[0])];
  for (let i = 1; i < degree; i++) {
    const prev = Z[i];
    const prev2 = Z[i - 1];
    const ratio = norm2[i + 1] / norm2[i];
    Z.push(x.map((v, r) => (v - alpha[i]) * prev[r] - ratio * prev2[r]));
  }
  return Z.slice(1).map((col, j) => {
    const s = Math.sqrt(norm2[j + 2]);
    return col.map((v) => v / s);
  });
}

/** poly(x, degree, raw = TRUE): plain powers x, x², … */
export function rawPoly(x: Float64Array, degree: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 1; j <= degree; j++) out.push(x.map((v) => v ** j));
  return out;
}
