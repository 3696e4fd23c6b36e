/**
 * Settings → factor level order (issue 17): imports sort levels as R in a UTF-8 locale (ICU) by
 * default, or in R's C order once the setting says so; the setting persists in settings.json, and
 * an import's own levelOrder wins over it; columns made factors in the grid and computed factor columns
 * follow it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserData } from '../../../src-main/store/userData';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
// mixed case and punctuation; the expected orders are R's factor() levels with ICU collation (C.UTF-8 +
// icuSetCollate) and in the C locale: R 4.2 gave exactly these
const csv = 'y,treatment,site\n1,Warm,SiteB\n2,control,Sitea\n3,_base,siteA\n4,Warm,Site-b\n';
const levels = async (params: { levelOrder?: 'locale' | 'C' } = {}) => {
  const { dataset } = await h.call('dataset.import', { source: { kind: 'text', fileName: 'levels.csv', text: csv }, ...params });
  return Object.fromEntries(dataset.columns.filter((c) => c.type === 'factor').map((c) => [c.name, c.levels]));
};

beforeAll(async () => {
  h = await createHarness({ workers: 1 });
  await h.call('project.new', { path: join(h.dir, 'levels.quadrat') });
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('the factor level order setting', () => {
  it("defaults to R's order in a UTF-8 locale", async () => {
    expect((await h.call('settings.get')).levelOrder).toBe('locale');
    expect(await levels()).toEqual({ treatment: ['_base', 'control', 'Warm'], site: ['Site-b', 'siteA', 'Sitea', 'SiteB'] });
  });

  it('sorts in C order once set, persists, and yields to an import that names its own order', async () => {
    expect(await h.call('settings.update', { patch: { levelOrder: 'C' } })).toMatchObject({ levelOrder: 'C' });
    const stored = JSON.parse(readFileSync(join(h.dir, 'userdata', 'settings.json'), 'utf8')) as { levelOrder: string };
    expect(stored.levelOrder).toBe('C');
    expect(new UserData(join(h.dir, 'userdata')).settings().levelOrder).toBe('C');
    expect(await levels()).toEqual({ treatment: ['Warm', '_base', 'control'], site: ['Site-b', 'SiteB', 'Sitea', 'siteA'] });
    expect(await levels({ levelOrder: 'locale' })).toEqual({ treatment: ['_base', 'control', 'Warm'], site: ['Site-b', 'siteA', 'Sitea', 'SiteB'] });
    const bad = await h.raw('settings.update', { patch: { levelOrder: 'klingon' } });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    await h.call('settings.update', { patch: { levelOrder: 'locale' } });
  });

  it('orders the levels of a column made a factor in the grid by the setting, and a redo keeps that order', async () => {
    const { dataset } = await h.call('dataset.import', { source: { kind: 'text', fileName: 'retype.csv', text: csv } });
    const datasetId = dataset.id;
    const treatment = async () => (await h.call('dataset.get', { datasetId })).columns.find((c) => c.name === 'treatment')!;
    await h.call('dataset.setColumnType', { datasetId, column: 'treatment', type: 'text' });
    await h.call('settings.update', { patch: { levelOrder: 'C' } });
    const made = await h.call('dataset.setColumnType', { datasetId, column: 'treatment', type: 'factor' });
    expect(made.dataset.columns.find((c) => c.name === 'treatment')!.levels).toEqual(['Warm', '_base', 'control']);
    await h.call('settings.update', { patch: { levelOrder: 'locale' } });
    await h.call('dataset.undo', { datasetId });
    expect((await treatment()).type).toBe('text');
    await h.call('dataset.redo', { datasetId });
    expect((await treatment()).levels).toEqual(['Warm', '_base', 'control']);
    await h.call('dataset.setColumnType', { datasetId, column: 'treatment', type: 'text' });
    const locale = await h.call('dataset.setColumnType', { datasetId, column: 'treatment', type: 'factor' });
    expect(locale.dataset.columns.find((c) => c.name === 'treatment')!.levels).toEqual(['_base', 'control', 'Warm']);
  });

  it('orders the levels of a computed factor column by the setting too', async () => {
    const { dataset } = await h.call('dataset.import', { source: { kind: 'text', fileName: 'computed.csv', text: csv }, levelOrder: 'locale' });
    const datasetId = dataset.id;
    await h.call('dataset.setColumnType', { datasetId, column: 'treatment', type: 'text' });
    const levelsOf = (r: { dataset: { columns: { name: string; levels?: string[] }[] } }, name: string) => r.dataset.columns.find((c) => c.name === name)!.levels;
    expect(levelsOf(await h.call('dataset.addComputedColumn', { datasetId, name: 'inLocale', expression: 'factor(treatment)' }), 'inLocale')).toEqual(['_base', 'control', 'Warm']);
    await h.call('settings.update', { patch: { levelOrder: 'C' } });
    expect(levelsOf(await h.call('dataset.addComputedColumn', { datasetId, name: 'inC', expression: 'factor(treatment)' }), 'inC')).toEqual(['Warm', '_base', 'control']);
    await h.call('settings.update', { patch: { levelOrder: 'locale' } });
  });
});
