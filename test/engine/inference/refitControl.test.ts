// ranova and step refit many models: each fit is counted for the progress bar, and a cancelled signal
// stops the procedure with kind 'cancelled' (between fits or inside an optimizer run).
import { describe, expect, it } from 'vitest';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { ranova } from '../../../src-engine/inference/ranova';
import { step } from '../../../src-engine/inference/step';
import { loadCaseTable } from '../lmm/loadCase';
import { loadInferenceFixture } from '../reference/fixtures';

const fx = loadInferenceFixture('oats');
const table = loadCaseTable(fx);

describe('progress and cancellation of ranova and step', () => {
  it('ranova reports each fit against the total it knows in advance', () => {
    const seen: [number, number | null][] = [];
    const r = ranova(table, fx.formula, fx.REML, {}, { onFitted: (k, total) => seen.push([k, total]) });
    // the full model and one reduced model per row after <none>
    expect(seen).toEqual(r.rows.map((_, i) => [i + 1, r.rows.length]));
  });

  it('step counts its fits without a total', () => {
    const seen: [number, number | null][] = [];
    step(table, fx.formula, fx.REML, { control: { onFitted: (k, total) => seen.push([k, total]) } });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.map(([k]) => k)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.every(([, total]) => total === null)).toBe(true);
  });

  it('a cancelled signal stops ranova and step with kind cancelled', () => {
    const signal = { aborted: false };
    const stopAfter = (n: number) => (k: number) => {
      if (k === n) signal.aborted = true;
    };
    const expectCancelled = (f: () => unknown) => {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(QuadratError);
      expect((error as QuadratError).kind).toBe('cancelled');
    };
    expectCancelled(() => ranova(table, fx.formula, fx.REML, {}, { signal, onFitted: stopAfter(1) }));
    signal.aborted = false;
    expectCancelled(() => step(table, fx.formula, fx.REML, { control: { signal, onFitted: stopAfter(2) } }));
    signal.aborted = true; // already cancelled: not even the first fit runs
    let fitted = 0;
    expectCancelled(() => ranova(table, fx.formula, fx.REML, {}, { signal, onFitted: () => fitted++ }));
    expect(fitted).toBe(0);
  });
});
