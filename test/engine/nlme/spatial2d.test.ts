/**
 * The 2-D spatial path (`form = ~ x + y | g`, Euclidean distance) against a brute-force
 * multivariate-normal log-density: at the ML estimates, nlme's profiled log-likelihood must equal
 * log N(y; Xβ̂, σ̂²V) with V built entry by entry from the printed parameters: the distance and the
 * assembly of V in two dimensions checked from first principles, beside the Wheat2 R fixtures.
 */
import { describe, expect, it } from 'vitest';
import { fitNlme } from '../../../src-engine/nlme/fitNlme';
import { type Table } from '../../../src-engine/data/table';
import { dgetri, fromRows } from '../../../src-engine/linalg/lapack';

// a fixed 6 × 6 grid of plots in two blocks, with a smooth trend plus a deterministic wiggle
function grid(): Table {
  const x: number[] = [];
  const yc: number[] = [];
  const block: number[] = [];
  const resp: number[] = [];
  for (let b = 0; b < 2; b++) {
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        x.push(i + 0.3 * ((j * 7) % 3));
        yc.push(j + 0.2 * ((i * 5) % 4));
        block.push(b);
        resp.push(10 + 0.5 * i - 0.3 * j + 2 * b + Math.sin(i * 1.7 + j * 0.9) + 0.5 * Math.cos(3.1 * i * j + b));
      }
    }
  }
  return {
    nrow: x.length,
    columns: [
      { name: 'x', type: 'numeric', values: Float64Array.from(x) },
      { name: 'y', type: 'numeric', values: Float64Array.from(yc) },
      { name: 'block', type: 'factor', codes: Int32Array.from(block), levels: ['A', 'B'] },
      { name: 'z', type: 'numeric', values: Float64Array.from(resp) },
    ],
  };
}

function logDensity(y: number[], mu: number[], S: number[][]): number {
  const n = y.length;
  const L = S.map((r) => r.slice());
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) L[j][j] -= L[j][k] ** 2;
    L[j][j] = Math.sqrt(L[j][j]);
    for (let i = j + 1; i < n; i++) {
      for (let k = 0; k < j; k++) L[i][j] -= L[i][k] * L[j][k];
      L[i][j] /= L[j][j];
    }
  }
  const Sinv = dgetri(fromRows(S), n); // column-major
  let q = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += (y[i] - mu[i]) * Sinv[j * n + i] * (y[j] - mu[j]);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += 2 * Math.log(L[i][i]);
  return -0.5 * (n * Math.log(2 * Math.PI) + logDet + q);
}

describe('2-D spatial correlation', () => {
  it('corExp with nugget on ~ x + y | block: logLik equals the multivariate normal density at the estimates', () => {
    const table = grid();
    const fit = fitNlme(table, { fixed: 'z ~ x + y', correlation: 'corExp(form = ~ x + y | block, nugget = TRUE)', method: 'ML' });
    const r = fit.report;
    const [range, nugget] = r.corStruct!.values;
    expect(r.corStruct!.names).toEqual(['range', 'nugget']);
    const cols = table.columns;
    const xs = (cols[0] as { values: Float64Array }).values;
    const ys = (cols[1] as { values: Float64Array }).values;
    const bs = (cols[2] as { codes: Int32Array }).codes;
    const zs = Array.from((cols[3] as { values: Float64Array }).values);
    const n = zs.length;
    const s2 = r.sigma ** 2;
    const S = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
      if (i === j) return s2;
      if (bs[i] !== bs[j]) return 0;
      const d = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
      return s2 * (1 - nugget) * Math.exp(-d / range);
    }));
    const [b0, b1, b2] = r.coefficients.map((c) => c.estimate);
    const mu = zs.map((_, i) => b0 + b1 * xs[i] + b2 * ys[i]);
    expect(Math.abs(logDensity(zs, mu, S) - r.logLik)).toBeLessThan(1e-8 * Math.abs(r.logLik));
    // the estimates are inside their ranges (an interior optimum, not a boundary)
    expect(range).toBeGreaterThan(0);
    expect(nugget).toBeGreaterThan(0);
    expect(nugget).toBeLessThan(1);
  });
});
