import { describe, expect, it } from 'vitest';
import { Workbench } from '../../../src-renderer/app/workbench';
import { DEFAULT_FIT_OPTIONS } from '../../../src-renderer/app/state';
import { dataset, fakeApi } from './fakeApi';

function bench() {
  const wb = new Workbench(fakeApi().api);
  wb.store.set({ datasets: [dataset(1), dataset(2)], activeDatasetId: 1 });
  return wb;
}

describe('BuilderState', () => {
  it('typing a formula gives the builder its reading; clicks write the formula', () => {
    const wb = bench();
    wb.builder.setFormulaText('y ~ x + (x | g)');
    expect(wb.store.get().builder).toMatchObject({ response: 'y', fixed: ['x'], random: [{ group: 'g', slopes: ['x'] }] });
    wb.builder.set({ ...wb.store.get().builder, fixed: [] });
    expect(wb.store.get().formulaText).toBe('y ~ (x | g)');
  });

  it('keeps the last reading while the text does not read as a formula, and clears the fit error', () => {
    const wb = bench();
    wb.builder.setFormulaText('y ~ x');
    wb.store.set({ fitFormulaError: { message: 'bad', start: 0, end: 1 } });
    wb.builder.setFormulaText('y ~ x + (1 |');
    expect(wb.store.get().builder.fixed).toEqual(['x']);
    expect(wb.store.get().formulaText).toBe('y ~ x + (1 |');
    expect(wb.store.get().fitFormulaError).toBeNull();
  });

  it('an empty builder writes no formula', () => {
    const wb = bench();
    wb.builder.setFormulaText('y ~ x');
    wb.builder.clearShown();
    expect(wb.store.get().formulaText).toBe('');
    expect(wb.store.get().options).toEqual(DEFAULT_FIT_OPTIONS);
  });

  it("keeps a dataset's builder while another is shown, and gives a new dataset an empty one with the settings' defaults", () => {
    const wb = bench();
    wb.store.set({ settings: { defaultReml: false, defaultDdf: 'kenward-roger' } as never });
    wb.builder.setFormulaText('y ~ x + (1 | g)');
    wb.builder.setOptions({ reml: true, family: 'poisson' });
    wb.builder.keep(1, { enabled: false } as never);
    expect(wb.builder.show(2, { activeDatasetId: 2 })).toBeUndefined();
    expect(wb.store.get()).toMatchObject({ activeDatasetId: 2, formulaText: '', options: { reml: false, ddf: 'kenward-roger', family: 'gaussian' } });
    expect(wb.builder.show(1)).toEqual({ enabled: false });
    expect(wb.store.get()).toMatchObject({ formulaText: 'y ~ x + (1 | g)', options: { reml: true, family: 'poisson' } });
    // shown again: no longer kept
    expect(wb.builder.saved()).toEqual({});
  });

  it("restores a saved view's builders for datasets that still exist, not the shown one, with defaults for missing options", () => {
    const wb = bench();
    const b = (f: string) => ({ formulaText: f, options: { reml: false } as never });
    wb.builder.restore({ '1': b('a ~ 1'), '2': b('b ~ 1'), '9': b('c ~ 1') }, 1, (id) => id <= 2);
    expect(Object.keys(wb.builder.saved())).toEqual(['2']);
    expect(wb.builder.saved()['2'].options).toEqual({ ...DEFAULT_FIT_OPTIONS, reml: false });
    wb.builder.forgetAll();
    expect(wb.builder.saved()).toEqual({});
  });
});
