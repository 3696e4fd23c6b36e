/** clearlyFullRank may only say yes where lme4's rank check (dqrdc2, tol 1e-7) keeps every column in order. */
import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { dqrdc2 } from '../../../src-engine/design/dqrdc2';
import { clearlyFullRank } from '../../../src-engine/design/fullRank';
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeFormula } from '../../../src-engine/formula/analyze';
import { buildModelFrame } from '../../../src-engine/design/modelFrame';
import { modelMatrix } from '../../../src-engine/design/modelMatrix';
import { FIXTURE_DIR, loadData } from './helpers';

function columnsOf(X: Float64Array, n: number, p: number): Float64Array[] {
  return Array.from({ length: p }, (_, j) => X.slice(j * n, (j + 1) * n));
}

/** The rank check's verdict: every column kept, in its own place. */
function qrKeepsAll(columns: Float64Array[], n: number): boolean {
  const X = new Float64Array(n * columns.length);
  columns.forEach((c, j) => X.set(c, j * n));
  const qr = dqrdc2(X, n, columns.length, 1e-7);
  return qr.rank === columns.length && qr.pivot.every((v, j) => v === j);
}

const seq = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

/** The same columns as consecutive views of one buffer, as the model matrix holds them: the dense Gram's path. */
function oneBuffer(columns: Float64Array[], n: number): Float64Array[] {
  const buf = new Float64Array(n * columns.length);
  columns.forEach((c, j) => buf.set(c.subarray(0, n), j * n));
  return columns.map((_, j) => buf.subarray(j * n, (j + 1) * n));
}

/** clearlyFullRank's verdict, asserted equal from separate columns (their nonzeros) and from one buffer (dense). */
function verdict(columns: Float64Array[], n: number): boolean {
  const sparse = clearlyFullRank(columns, n);
  if (columns.every((c) => c.length >= n)) expect(clearlyFullRank(oneBuffer(columns, n), n)).toBe(sparse);
  return sparse;
}

describe('clearlyFullRank', () => {
  it('proves full rank for well-conditioned designs, as dqrdc2 agrees', () => {
    for (const [data, formula] of [
      ['ham.csv', 'Informed.liking ~ Product * Information * Gender + (1 | Consumer)'],
      ['Orthodont.csv', 'distance ~ age * Sex + (1 | Subject)'],
      ['sleepstudy.csv', 'Reaction ~ poly(Days, 3) + (1 | Subject)'],
    ]) {
      const d = buildDesign(loadData(data), formula);
      const columns = columnsOf(d.X, d.n, d.p);
      expect(verdict(columns, d.n)).toBe(true);
      expect(qrKeepsAll(columns, d.n)).toBe(true);
    }
  });

  it('says no for an exactly dependent column, a zero column and more columns than rows', () => {
    const n = 20;
    const one = seq(n, () => 1);
    const x = seq(n, (i) => i);
    expect(verdict([one, x, seq(n, (i) => 2 * i + 3)], n)).toBe(false);
    expect(verdict([one, new Float64Array(n), x], n)).toBe(false);
    expect(clearlyFullRank([one, x, x.map((v) => v * v)], 2)).toBe(false);
  });

  it('says no for nearly collinear columns, whatever dqrdc2 decides', () => {
    const n = 50;
    const x = seq(n, (i) => 1000 + i / 10);
    const columns = [seq(n, () => 1), x, x.map((v) => v * v)]; // raw quadratic far from 0: badly conditioned
    expect(verdict(columns, n)).toBe(false);
    const tiny = [seq(n, () => 1), seq(n, (i) => 1 + 1e-9 * Math.sin(i))];
    expect(qrKeepsAll(tiny, n)).toBe(false);
    expect(verdict(tiny, n)).toBe(false);
  });

  it('never says yes where dqrdc2 would pivot, on every design fixture', () => {
    let deficient = 0;
    let proven = 0;
    for (const fx of designFixtures()) {
      const a = analyzeFormula(fx.formula);
      let columns: Float64Array[];
      let n: number;
      try {
        const frame = buildModelFrame(a, { table: loadData(fx.data), factors: new Set(fx.factors), warnings: [] }, fx.weights ?? undefined);
        n = frame.rows.length;
        columns = modelMatrix(a.fixed, (label) => frame.values.get(label)!, n).columns;
      } catch {
        continue; // fixtures of errors
      }
      if (columns.length === 0) continue;
      const keepsAll = qrKeepsAll(columns, n);
      if (!keepsAll) deficient++;
      if (clearlyFullRank(columns, n)) {
        proven++;
        expect(keepsAll, fx.case).toBe(true);
      }
    }
    expect(deficient).toBeGreaterThan(0);
    expect(proven).toBeGreaterThan(20);
  });
});

function designFixtures(): { case: string; data: string; formula: string; factors: string[]; weights: string | null }[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${FIXTURE_DIR}/${f}`, 'utf8')));
}
