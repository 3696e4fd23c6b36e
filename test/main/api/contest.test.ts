/**
 * model.contest (lmerTest's contest(m, L)) through the real handler and a worker thread, against the
 * `contest` entries of the R fixtures (test/reference/inference.R), and its refusals of bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InferenceFixture, type TableRow, loadInferenceFixture } from '../../engine/reference/fixtures';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const fx = loadInferenceFixture('sleepstudy_unbalanced');

/** Relative error ≤ tol: tight enough to tell Satterthwaite's df (16.53, 16.79; joint 16.70) from Kenward–Roger's (16.84, 16.93; 15.90). */
function near(got: number | null | undefined, want: TableRow[string], tol: number): boolean {
  if (typeof want !== 'number' || typeof got !== 'number') return false;
  return Math.abs(got - want) <= tol * Math.abs(want);
}

/** p-values near 1e-16 move with the last digits of the refitted θ; everything else agrees to 1e-4. */
const tol = (key: string) => (key === 'pValue' ? 1e-2 : 1e-4);

function entry(fx: InferenceFixture, name: string, joint: boolean, ddf: 'Satterthwaite' | 'Kenward-Roger') {
  const e = fx.expected.contest.find((c) => c.name === name && c.joint === joint && c.ddf === ddf);
  if (!e) throw new Error(`no contest fixture ${name} ${String(joint)} ${ddf}`);
  return e;
}

let h: Harness;
let datasetId: number;
let fitId: number;

beforeAll(async () => {
  h = await createHarness({ workers: 1 });
  await h.call('project.new', { path: join(h.dir, 'contest.quadrat') });
  const [header, ...lines] = readFileSync(join(__dirname, '../../data', fx.data), 'utf8').trimEnd().split(/\r?\n/);
  const keep = fx.subset ? fx.subset.rows.map((r) => lines[r - 1]) : lines; // R's 1-based rows of the CSV
  const text = [header, ...keep].join('\n');
  const { dataset } = await h.call('dataset.import', { source: { kind: 'text', fileName: fx.data, text }, name: fx.case });
  datasetId = dataset.id;
  for (const column of fx.factors)
    if (dataset.columns.find((c) => c.name === column)?.type !== 'factor') await h.call('dataset.setColumnType', { datasetId, column, type: 'factor' });
  const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: fx.formula, reml: fx.REML } });
  const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
  expect(status.state).toBe('done');
  fitId = status.fitId!;
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('model.contest', () => {
  for (const [ddf, R] of [
    ['satterthwaite', 'Satterthwaite'],
    ['kenward-roger', 'Kenward-Roger'],
  ] as const) {
    it(`two contrasts on unbalanced sleepstudy (intercept and Days), ${R} df: per-row t-tests with CIs and the joint F as lmerTest`, async () => {
      const rows = entry(fx, 'both', false, R);
      const joint = entry(fx, 'both', true, R);
      const { report } = await h.call('model.get', { fitId });
      expect(report.fixed.map((f) => f.term)).toEqual(rows.terms);
      const r = await h.call('model.contest', { fitId, L: rows.L, ddf });
      expect(r.ddf).toBe(ddf);
      expect(r.level).toBe(0.95);
      expect(r.rows).toHaveLength(rows.rows.length);
      r.rows.forEach((got, k) => {
        const want = rows.rows[k];
        for (const key of ['estimate', 'stdError', 'df', 'tValue', 'pValue', 'lower', 'upper'] as const)
          expect(near(got[key], want[key], tol(key)), `row ${k + 1} ${key}: ${got[key]} vs ${String(want[key])}`).toBe(true);
      });
      expect(r.joint).not.toBeNull();
      for (const key of ['sumSq', 'meanSq', 'numDf', 'denDf', 'fValue', 'pValue'] as const)
        expect(near(r.joint![key], joint.rows[0][key], tol(key)), `joint ${key}: ${r.joint![key]} vs ${String(joint.rows[0][key])}`).toBe(true);
    }, 60_000);
  }

  it('one contrast: no joint test, and the level sets the interval', async () => {
    const want = entry(fx, 'mean_at_day5', false, 'Satterthwaite');
    const r = await h.call('model.contest', { fitId, L: want.L, ddf: 'satterthwaite', level: 0.9 });
    expect(r.joint).toBeNull();
    expect(near(r.rows[0].estimate, want.rows[0].estimate, 1e-5)).toBe(true);
    expect(r.rows[0].lower!).toBeGreaterThan(want.rows[0].lower as number);
    expect(r.rows[0].upper!).toBeLessThan(want.rows[0].upper as number);
  }, 60_000);

  it('refuses a row with the wrong number of weights, naming the coefficients', async () => {
    const out = await h.raw('model.contest', { fitId, L: [[0, 1, 0]] });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.kind).toBe('input');
      expect(out.error.message).toMatch(/3 weights.*2 fixed-effect coefficients \(\(Intercept\), Days\)/);
    }
  });

  it('refuses an all-zero row, saying which', async () => {
    const out = await h.raw('model.contest', { fitId, L: [[1, 0], [0, 0]] });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.kind).toBe('input');
      expect(out.error.message).toMatch(/row 2 is all zeros/);
    }
  });

  it('refuses an empty L, a non-number weight and an unknown df method', async () => {
    for (const params of [
      { fitId, L: [] },
      { fitId, L: [[0, 'a']] },
      { fitId, L: [[0, 1]], ddf: 'containment' },
    ]) {
      const out = await h.raw('model.contest', params);
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.error.kind).toBe('input');
    }
  });

  it('refuses a fit whose data changed since', async () => {
    await h.call('dataset.setCells', { datasetId, cells: [{ row: 0, column: 'Reaction', value: 250 }] });
    const out = await h.raw('model.contest', { fitId, L: [[0, 1]] });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.kind).toBe('model');
      expect(out.error.message).toMatch(/changed/);
    }
    await h.call('dataset.undo', { datasetId });
    expect((await h.call('model.contest', { fitId, L: [[0, 1]] })).rows).toHaveLength(1);
  }, 60_000);
});
