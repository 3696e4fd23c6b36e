/**
 * A QuadratApi for the workbench's unit tests: every method is a vi.fn that answers what the test
 * gives it (undefined otherwise), and api.on keeps the listeners so a test can push an event.
 */
import { vi } from 'vitest';
import type { QuadratApi } from '../../../src-main/api/client';
import type { DatasetInfo, FitSummary } from '../../../src-main/api/contract';

type Answers = Record<string, (params: never) => unknown>;

export interface FakeApi {
  api: QuadratApi;
  /** The stub of 'namespace.method', created on first use. */
  fn(name: string): ReturnType<typeof vi.fn>;
  emit(event: string, payload: unknown): void;
}

export function fakeApi(answers: Answers = {}): FakeApi {
  const stubs = new Map<string, ReturnType<typeof vi.fn>>();
  const listeners = new Map<string, ((p: unknown) => void)[]>();
  const fn = (name: string) => {
    let f = stubs.get(name);
    if (!f) {
      const answer = answers[name];
      f = vi.fn(async (params: never) => (answer ? answer(params) : undefined));
      stubs.set(name, f);
    }
    return f;
  };
  const api = new Proxy({} as Record<string, unknown>, {
    get(_, ns: string) {
      if (ns === 'on') return (event: string, l: (p: unknown) => void) => listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return new Proxy({}, { get: (__, method: string) => fn(`${ns}.${method}`) });
    },
  }) as unknown as QuadratApi;
  return { api, fn, emit: (event, payload) => (listeners.get(event) ?? []).forEach((l) => l(payload)) };
}

export const dataset = (id: number, name = `d${id}`, columns: string[] = ['y', 'x', 'g']): DatasetInfo =>
  ({ id, name, nrow: 10, columns: columns.map((c) => ({ name: c, type: 'numeric', levels: [], missing: 0 })) }) as unknown as DatasetInfo;

export const fitSummary = (id: number, datasetId: number, formula: string): FitSummary =>
  ({ id, datasetId, name: `Model ${id}`, spec: { formula, reml: false, ddf: 'none', anovaType: 2, family: 'gaussian', nAGQ: 1 } }) as unknown as FitSummary;
