import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolEngineHost, type EngineProcess } from '../../../src-main/host/pool';
import { createWorkerThreadHost } from '../../../src-main/host/workerThreadHost';
import { buildWorker } from '../helpers/buildWorker';
import { loadLmmFixture } from '../../engine/reference/fixtures';
import { loadCaseTable } from '../../engine/lmm/loadCase';

let workerPath: string;
beforeAll(async () => {
  workerPath = await buildWorker('src-main/host/engineWorker.ts', 'engineWorker');
});
afterAll(() => rmSync(workerPath, { force: true }));

describe('a prestarted worker warming up', () => {
  it('starts its workers at once with prestart, else on the first job', async () => {
    let spawned = 0;
    const factory = (): EngineProcess => (spawned++, { send() {}, requestCancel() {}, kill() {} });
    const eager = new PoolEngineHost(factory, { size: 2, prestart: true });
    expect(spawned).toBe(2);
    const lazy = new PoolEngineHost(factory, { size: 2 });
    expect(spawned).toBe(2);
    await Promise.all([eager.close(), lazy.close()]);
  });

  it('answers a fit while it is warming up, with the same numbers as lme4', async () => {
    const host = createWorkerThreadHost({ workerPath, size: 1, warmUp: true, prestart: true });
    try {
      const fx = loadLmmFixture('sleepstudy_reml');
      const table = loadCaseTable(fx);
      const report = (await host.run({ kind: 'fit-lmm', table, request: { formula: fx.formula, reml: true } }).result).head;
      report.theta.forEach((t, i) => expect(t).toBeCloseTo(fx.expected.theta[i], 4));
      // and again, between warm-up steps
      const again = (await host.run({ kind: 'fit-lmm', table, request: { formula: fx.formula, reml: true } }).result).head;
      expect(again.theta).toEqual(report.theta);
    } finally {
      await host.close();
    }
  });
});
