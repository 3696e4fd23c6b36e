import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/api/client';
import { Workbench } from '../../../src-renderer/app/workbench';
import { dataset, fakeApi, fitSummary } from './fakeApi';

function bench(answers: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi({
    'model.list': () => [fitSummary(5, 1, 'y ~ x + (1 | g)')],
    'model.get': () => ({ report: { formula: 'y ~ x + (1 | g)' }, summary: { datasetId: 1 } }),
    ...answers,
  });
  const wb = new Workbench(fake.api);
  wb.store.set({ datasets: [dataset(1)], activeDatasetId: 1 });
  wb.builder.setFormulaText('y ~ x + (1 | g)');
  return { wb, fake };
}

describe('FitJobs', () => {
  it("fits the builder's model with its options, waits for the job and opens the stored result", async () => {
    const { wb, fake } = bench({
      'fit.start': () => ({ jobId: 'j1' }),
      'job.wait': () => ({ id: 'j1', state: 'done', fitId: 5 }),
    });
    wb.builder.setOptions({ reml: false });
    await wb.jobs.fit();
    expect(fake.fn('fit.start')).toHaveBeenCalledWith({ datasetId: 1, spec: expect.objectContaining({ formula: 'y ~ x + (1 | g)', reml: false }) });
    expect(wb.store.get()).toMatchObject({ job: null, openFitId: 5, tab: 'results', fits: [{ id: 5 }] });
    expect(wb.store.get().openReport).toEqual({ formula: 'y ~ x + (1 | g)' });
  });

  it('a formula the API refuses is underlined at its character, with no result tab', async () => {
    const { wb } = bench({
      'fit.start': () => Promise.reject(new ApiError({ kind: 'formula', message: 'there is no column "z"', where: { column: 5 } }, 422)),
    });
    await wb.jobs.fit();
    expect(wb.store.get().fitFormulaError).toEqual({ message: 'there is no column "z"', start: 4, end: 5 });
    expect(wb.store.get()).toMatchObject({ job: null, lastOutcome: null, tab: 'data' });
  });

  it('a job that fails or is cancelled says so where the result would be', async () => {
    const failed = bench({
      'fit.start': () => ({ jobId: 'j2' }),
      'job.wait': () => ({ id: 'j2', state: 'failed', error: { kind: 'model', message: 'too few groups', where: { column: 9 } } }),
    });
    await failed.wb.jobs.fit();
    expect(failed.wb.store.get()).toMatchObject({
      lastOutcome: { state: 'failed', message: 'too few groups', formula: 'y ~ x + (1 | g)' },
      fitFormulaError: { start: 8 },
      tab: 'results',
    });
    const cancelled = bench({ 'fit.start': () => ({ jobId: 'j3' }), 'job.wait': () => ({ id: 'j3', state: 'cancelled' }) });
    await cancelled.wb.jobs.fit();
    expect(cancelled.wb.store.get().lastOutcome).toMatchObject({ state: 'cancelled' });
  });

  it('progress events update the running job; a second fit waits for the first', async () => {
    let finish: (v: unknown) => void = () => {};
    const { wb, fake } = bench({
      'fit.start': () => ({ jobId: 'j4' }),
      'job.wait': () => new Promise((r) => (finish = r)),
      'job.cancel': () => ({ cancelled: true }),
    });
    wb.jobs.listen();
    const running = wb.jobs.fit();
    await new Promise((r) => setTimeout(r, 0));
    fake.emit('job.progress', { jobId: 'j4', message: 'iteration 3' });
    expect(wb.store.get().job).toMatchObject({ jobId: 'j4', progress: { message: 'iteration 3' } });
    await wb.jobs.fit();
    expect(fake.fn('fit.start')).toHaveBeenCalledTimes(1);
    await wb.jobs.cancel();
    expect(fake.fn('job.cancel')).toHaveBeenCalledWith({ jobId: 'j4' });
    expect(wb.store.get().job?.cancelling).toBe(true);
    finish({ id: 'j4', state: 'cancelled' });
    await running;
    expect(wb.store.get().job).toBeNull();
  });
});
