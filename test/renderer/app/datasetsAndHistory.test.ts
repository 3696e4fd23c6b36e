import { describe, expect, it } from 'vitest';
import { Workbench } from '../../../src-renderer/app/workbench';
import { dataset, fakeApi, fitSummary } from './fakeApi';

describe('DatasetActions', () => {
  it('each dataset shows its own builder; a new one starts empty', () => {
    const wb = new Workbench(fakeApi().api);
    wb.store.set({ datasets: [dataset(1), dataset(2)], activeDatasetId: 1, selectedRow: 3 });
    wb.setFormulaText('y ~ x + (1 | g)');
    wb.selectDataset(2);
    expect(wb.store.get()).toMatchObject({ activeDatasetId: 2, formulaText: '', selectedRow: null, tab: 'data' });
    wb.setFormulaText('y ~ 1 + (1 | g)');
    wb.selectDataset(1);
    expect(wb.store.get().formulaText).toBe('y ~ x + (1 | g)');
    wb.selectDataset(2);
    expect(wb.store.get().formulaText).toBe('y ~ 1 + (1 | g)');
    wb.selectDataset(99);
    expect(wb.store.get().activeDatasetId).toBe(2);
  });

  it('an edit shows the new dataset and its warnings; a failed one puts the grid back', async () => {
    const fake = fakeApi();
    const wb = new Workbench(fake.api);
    wb.store.set({ datasets: [dataset(1, 'old')], activeDatasetId: 1 });
    const ok = await wb.edit('Rename column', async () => ({ dataset: dataset(1, 'new'), warnings: ['2 values became NA'] }) as never);
    expect(ok).toBe(true);
    expect(wb.store.get().datasets[0].name).toBe('new');
    expect(wb.store.get().notices.map((n) => n.text)).toEqual(['2 values became NA']);
    const version = wb.store.get().dataVersion;
    expect(await wb.edit('Rename column', () => Promise.reject(new Error('name taken')))).toBe(false);
    expect(wb.store.get().dataVersion).toBe(version + 1);
    expect(wb.store.get().notices.map((n) => n.text)).toContain('Rename column: name taken');
    wb.dismissAll();
  });

  it("deleting the shown dataset shows the next one with its own builder and drops the deleted one's", async () => {
    const fake = fakeApi({ 'dataset.delete': () => ({ deleted: true }), 'model.list': () => [] });
    const wb = new Workbench(fake.api);
    wb.store.set({ datasets: [dataset(1), dataset(2)], activeDatasetId: 1 });
    wb.setFormulaText('y ~ x');
    await wb.deleteDataset(1);
    expect(wb.store.get()).toMatchObject({ activeDatasetId: 2, formulaText: '', datasets: [{ id: 2 }] });
    await wb.deleteDataset(2);
    expect(wb.store.get()).toMatchObject({ activeDatasetId: null, datasets: [] });
  });
});

describe('FitHistory', () => {
  it("puts a past model back into the builder, on that model's dataset", () => {
    const wb = new Workbench(fakeApi().api);
    wb.store.set({ datasets: [dataset(1), dataset(2)], activeDatasetId: 1, fits: [fitSummary(7, 2, 'y ~ x + (x | g)')] });
    wb.editFitSpec(7);
    expect(wb.store.get()).toMatchObject({ activeDatasetId: 2, formulaText: 'y ~ x + (x | g)', options: { reml: false, ddf: 'none', anovaType: 2 } });
  });

  it('compares the fits picked, and shows why a comparison failed', async () => {
    const fake = fakeApi({ 'model.compare': () => Promise.reject(new Error('different data')) });
    const wb = new Workbench(fake.api);
    wb.toggleCompare(1);
    await wb.runCompare();
    expect(fake.fn('model.compare')).not.toHaveBeenCalled();
    wb.toggleCompare(2);
    wb.toggleCompare(3);
    wb.toggleCompare(3);
    await wb.runCompare();
    expect(fake.fn('model.compare')).toHaveBeenCalledWith({ fitIds: [1, 2] });
    expect(wb.store.get()).toMatchObject({ tab: 'compare', compare: { error: 'different data', loading: false } });
  });

  it('refreshing drops deleted fits from the comparison', async () => {
    const wb = new Workbench(fakeApi({ 'model.list': () => [fitSummary(2, 1, 'y ~ 1')] }).api);
    wb.toggleCompare(1);
    wb.toggleCompare(2);
    await wb.refreshFits();
    expect(wb.store.get().compare.fitIds).toEqual([2]);
  });
});

describe('ProjectActions', () => {
  it('loads a project with the view it was left in: dataset, builders, formula and tab', async () => {
    const saved = {
      v: 1,
      activeDatasetId: 2,
      openFitId: null,
      tab: 'checks',
      formulaText: 'y ~ x + (1 | g)',
      options: { reml: false },
      builders: { '1': { formulaText: 'y ~ 1 + (1 | g)', options: {} } },
    };
    const fake = fakeApi({
      'dataset.list': () => [dataset(1), dataset(2)],
      'model.list': () => [],
      'project.getUiState': () => ({ state: saved }),
      'bayes.list': () => [],
      'recent.list': () => [],
    });
    const wb = new Workbench(fake.api);
    await wb.loadProject({ path: '/p.quadrat', title: 'p', readOnly: false } as never);
    expect(wb.store.get()).toMatchObject({ activeDatasetId: 2, tab: 'checks', formulaText: 'y ~ x + (1 | g)', options: { reml: false, family: 'gaussian' } });
    expect(fake.fn('project.setUiState')).not.toHaveBeenCalled();
    wb.selectDataset(1);
    expect(wb.store.get().formulaText).toBe('y ~ 1 + (1 | g)');
    await wb.flushUi();
    expect(fake.fn('project.setUiState')).toHaveBeenCalledWith({ state: expect.objectContaining({ activeDatasetId: 1, builders: { '2': expect.objectContaining({ formulaText: 'y ~ x + (1 | g)' }) } }) });
  });
});
