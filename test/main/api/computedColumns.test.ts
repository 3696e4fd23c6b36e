/**
 * Computed columns and row filters through the API: defined, checked at the boundary with errors that
 * point at the character, fitted with, recorded in the fit, exported as R code that R runs to the
 * same estimates, and still there when the project is reopened.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';
import { hasTool } from '../export/tools';

let h: Harness;
let datasetId: number;
const R = hasTool('Rscript', ['-e', 'library(lmerTest)']);
if (!R) console.warn('computedColumns.test: Rscript with lmerTest is missing — the exported R code is NOT run.');
const FILTER = 'Days >= 2 & Subject != "308"';

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'sleep.quadrat') });
  const text = readFileSync(join(__dirname, '../../data/sleepstudy.csv'), 'utf8');
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'sleepstudy.csv', text } })).dataset.id;
  await h.call('dataset.setColumnType', { datasetId, column: 'Subject', type: 'factor' });
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('computed columns and row filters over the API', () => {
  it('refuses a bad expression with the character it stops at, and keeps nothing', async () => {
    const out = await h.raw('dataset.addComputedColumn', { datasetId, name: 'bad', expression: 'log(Reaction +' });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatchObject({ kind: 'formula', where: { column: 14 } });
    const empty = await h.raw('dataset.addComputedColumn', { datasetId, name: 'bad', expression: '  ' });
    expect(!empty.ok && empty.status).toBe(400);
    expect((await h.call('dataset.get', { datasetId })).columns.map((c) => c.name)).toEqual(['Reaction', 'Days', 'Subject']);
  });

  it('adds a computed column that follows its source', async () => {
    const r = await h.call('dataset.addComputedColumn', { datasetId, name: 'logR', expression: 'log(Reaction)' });
    expect(r.dataset.columns[3]).toEqual({ name: 'logR', type: 'numeric', levels: [], missing: 0, definition: 'log(Reaction)' });
    const edited = await h.call('dataset.setCells', { datasetId, cells: [{ row: 0, column: 'Reaction', value: -1 }] });
    expect(edited.warnings).toEqual(['"logR": log(Reaction) is NA for 1 row (log of a value ≤ 0).']);
    expect(edited.dataset.columns[3].missing).toBe(1);
    await h.call('dataset.undo', { datasetId });
    const rows = await h.call('dataset.rows', { datasetId, offset: 0, limit: 1 });
    expect(rows.rows[0][3]).toBeCloseTo(Math.log(249.56), 12);
  });

  it('checks a filter: rows kept, or the character of the error', async () => {
    expect(await h.call('dataset.checkFilter', { datasetId, filter: FILTER })).toEqual({ kept: 136, nrow: 180, notes: [] });
    const bad = await h.raw('dataset.checkFilter', { datasetId, filter: 'Days >= 2 & Subjet != "308"' });
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'formula', message: 'There is no column "Subjet" in the data. Did you mean "Subject"?', where: { column: 13 } });
  });

  it('checks the design on the rows the filter keeps', async () => {
    const all = await h.call('model.designCheck', { datasetId, formula: 'logR ~ Days + (1 | Subject)' });
    const few = await h.call('model.designCheck', { datasetId, formula: 'logR ~ Days + (1 | Subject)', filter: 'Subject %in% c("308", "309")' });
    expect(all.findings.map((f) => f.code)).not.toContain('few-levels');
    expect(few.findings.map((f) => f.code)).toContain('few-levels');
  });

  let fitId: number;
  it('fits on the filtered rows and records the filter with the fit', async () => {
    const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'logR ~ Days + (Days | Subject)', filter: FILTER }, name: 'filtered' });
    const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(status.error).toBeNull();
    fitId = status.fitId!;
    const [fit] = (await h.call('model.list')).filter((f) => f.id === fitId);
    expect(fit.nobs).toBe(136);
    expect(fit.spec.filter).toBe(FILTER);
    const refused = await h.raw('fit.start', { datasetId, spec: { formula: 'logR ~ Days + (1 | Subject)', filter: 'Days >' } });
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'input', message: `The row filter "Days >": expected something after '>' (at character 6 of the filter)`, where: { column: 6 } });
  });

  it('exports R code with subset(d, …) and the computed column named', async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    expect(code).toContain('#   logR = log(Reaction)');
    expect(code).toContain('m <- lmer(logR ~ Days + (Days | Subject), data = subset(d, Days >= 2 & Subject != "308"), REML = TRUE)');
  });

  it('the report says which rows were analysed, and carries the code', async () => {
    const md = (await h.call('export.report', { fitId, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(md).toContain(`Only the rows where Days >= 2 & Subject != "308" were analysed (R's subset()).`);
    expect(md).toContain('data = subset(d, Days >= 2 & Subject != "308")');
  });

  it.runIf(R)('R runs the exported code to the same estimates', { timeout: 120_000 }, async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    await h.call('export.datasetCsv', { datasetId, destination: { kind: 'path', path: join(h.dir, 'sleepstudy.csv') } });
    writeFileSync(join(h.dir, 'filtered.R'), code + '\ncat(jsonlite::toJSON(c(unname(fixef(m)), nobs(m)), digits = NA))\n');
    const { stdout } = await promisify(execFile)('Rscript', ['--vanilla', 'filtered.R'], { cwd: h.dir, maxBuffer: 1 << 24 });
    const r = JSON.parse(stdout.slice(stdout.lastIndexOf('['))) as number[];
    const { report } = await h.call('model.get', { fitId });
    expect(r[2]).toBe(136);
    report.fixed.forEach((f, j) => expect(Math.abs(f.estimate - r[j])).toBeLessThan(1e-5 * Math.max(1, Math.abs(f.estimate))));
  });

  it('keeps the definition and the filter when the project is reopened', async () => {
    const path = (await h.call('project.current'))!.path;
    await h.call('project.close');
    await h.call('project.open', { path });
    expect((await h.call('dataset.get', { datasetId })).columns[3].definition).toBe('log(Reaction)');
    expect((await h.call('model.list')).find((f) => f.id === fitId)?.spec.filter).toBe(FILTER);
    const again = await h.call('dataset.setColumnDefinition', { datasetId, column: 'logR', expression: 'log10(Reaction)' });
    expect(again.dataset.columns[3].definition).toBe('log10(Reaction)');
  });
});
