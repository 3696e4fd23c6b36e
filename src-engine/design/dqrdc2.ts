/**
 * R's default QR decomposition (LINPACK dqrdc2 with "limited column pivoting"): Householder
 * reflections in column order; a column whose remaining norm falls below tol × its original norm is
 * moved to the right-hand edge. That is how qr() reports rank and pivot, which lme4 uses to decide which
 * fixed-effect columns to drop (tol = 1e-7), and how poly() builds its orthogonal basis. Ported from
 * the algorithm's description so the kept columns and their order match R exactly.
 */
export interface Qr {
  /** n × p column-major: R in the upper triangle, Householder vectors below. */
  readonly qr: Float64Array;
  readonly qraux: Float64Array;
  /** 0-based original column index of each pivoted column. */
  readonly pivot: Int32Array;
  readonly rank: number;
  readonly n: number;
  readonly p: number;
}

function norm2(x: Float64Array, from: number, to: number): number {
  // Scaled sum of squares, as BLAS dnrm2, so huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < to; i++) {
    const v = x[i];
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else ssq += (a / scale) * (a / scale);
    }
  }
  return scale * Math.sqrt(ssq);
}

/** QR of the n × p column-major matrix `x` (copied, not modified). */
export function dqrdc2(x: Float64Array, n: number, p: number, tol = 1e-7): Qr {
  const a = Float64Array.from(x);
  const qraux = new Float64Array(p);
  const work1 = new Float64Array(p);
  const work2 = new Float64Array(p);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    if (n > 0) qraux[j] = norm2(a, j * n, j * n + n);
    work1[j] = qraux[j];
    work2[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const lup = Math.min(n, p);
  let k = p; // 0-based: columns k.. are the negligible ones moved to the end
  const tmp = new Float64Array(n);
  for (let l = 0; l < lup; l++) {
    // Cycle negligible columns to the right-hand edge.
    while (l < k && qraux[l] < work2[l] * tol) {
      tmp.set(a.subarray(l * n, l * n + n));
      a.copyWithin(l * n, (l + 1) * n, p * n);
      a.set(tmp, (p - 1) * n);
      const pv = pivot[l];
      const q = qraux[l];
      const w1 = work1[l];
      const w2 = work2[l];
      for (let j = l + 1; j < p; j++) {
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        work1[j - 1] = work1[j];
        work2[j - 1] = work2[j];
      }
      pivot[p - 1] = pv;
      qraux[p - 1] = q;
      work1[p - 1] = w1;
      work2[p - 1] = w2;
      k--;
    }
    if (l === n - 1) continue;
    const cl = l * n;
    let nrmxl = norm2(a, cl + l, cl + n);
    if (nrmxl === 0) continue;
    if (a[cl + l] !== 0) nrmxl = Math.sign(a[cl + l]) * Math.abs(nrmxl);
    for (let i = l; i < n; i++) a[cl + i] /= nrmxl;
    a[cl + l] += 1;
    for (let j = l + 1; j < p; j++) {
      const cj = j * n;
      let dot = 0;
      for (let i = l; i < n; i++) dot += a[cl + i] * a[cj + i];
      const t = -dot / a[cl + l];
      for (let i = l; i < n; i++) a[cj + i] += t * a[cl + i];
      if (qraux[j] !== 0) {
        const r = Math.abs(a[cj + l]) / qraux[j];
        const tt = Math.max(1 - r * r, 0);
        // dqrdc2 (BDR 9/99): recompute the norm after a large reduction instead of downdating it.
        if (Math.abs(tt) >= 1e-6) qraux[j] *= Math.sqrt(tt);
        else {
          qraux[j] = norm2(a, cj + l + 1, cj + n);
          work1[j] = qraux[j];
        }
      }
    }
    qraux[l] = a[cl + l];
    a[cl + l] = -nrmxl;
  }
  return { qr: a, qraux, pivot, rank: Math.min(k, n), n, p };
}

/** Q y for the n × m column-major matrix y (R's qr.qy), in place. */
export function qrQy(q: Qr, y: Float64Array, m: number): void {
  const { n, qr, qraux } = q;
  const ju = Math.min(q.rank, n - 1);
  for (let c = 0; c < m; c++) {
    const cy = c * n;
    for (let j = ju - 1; j >= 0; j--) {
      if (qraux[j] === 0) continue;
      const cj = j * n;
      const diag = qraux[j];
      let dot = diag * y[cy + j];
      for (let i = j + 1; i < n; i++) dot += qr[cj + i] * y[cy + i];
      const t = -dot / diag;
      y[cy + j] += t * diag;
      for (let i = j + 1; i < n; i++) y[cy + i] += t * qr[cj + i];
    }
  }
}
