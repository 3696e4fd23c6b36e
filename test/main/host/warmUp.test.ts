import { describe, expect, it } from 'vitest';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { startWarmUp, WARM_UP_MODELS, warmUpTable } from '../../../src-main/host/warmUp';

describe('engine warm-up', () => {
  it('fits every warm-up model cleanly (a warm-up that throws would warm nothing)', () => {
    const table = warmUpTable();
    for (const request of WARM_UP_MODELS) {
      const r = fitLmm(table, request, { conditionalSds: true });
      expect(r.converged, request.formula).toBe(true);
      expect(r.singular, request.formula).toBe(false);
      expect(r.fixed.every((f) => Number.isFinite(f.estimate) && f.df !== null)).toBe(true);
    }
  });

  it('runs one fit per scheduled step, finishes, and stops when asked', () => {
    const queue: (() => void)[] = [];
    const schedule = (step: () => void) => void queue.push(step);
    let steps = 0;
    startWarmUp(schedule);
    while (queue.length > 0 && steps < 1000) {
      queue.shift()!();
      steps++;
    }
    expect(queue).toHaveLength(0); // it ends by itself
    expect(steps).toBeGreaterThan(WARM_UP_MODELS.length); // several rounds, unless the 2 s cap hit first

    const later: (() => void)[] = [];
    const stop = startWarmUp((step) => void later.push(step));
    later.shift()!(); // one fit
    stop();
    later.splice(0).forEach((step) => step()); // the next step sees the stop and schedules nothing
    expect(later).toHaveLength(0);
  });

  it('stops quietly if a warm-up fit fails (it must never disturb the worker)', () => {
    const queue: (() => void)[] = [];
    const broken = { nrow: 3, columns: [{ name: 'z', type: 'numeric' as const, values: Float64Array.of(1, 2, 3) }] };
    startWarmUp((step) => void queue.push(step), broken); // no y, x, site…: every fit throws
    expect(() => queue.shift()!()).not.toThrow();
    expect(queue).toHaveLength(0); // nothing more scheduled
  });
});
