/** One asynchronous computation's state for a panel: idle, loading, error or done (the latest call wins). */
import { useCallback, useRef, useState } from 'react';

export interface RunState<T> {
  status: 'idle' | 'loading' | 'error' | 'done';
  result: T | null;
  error: string | null;
}

export function useRun<T>(): [RunState<T>, (compute: () => Promise<T>) => Promise<void>] {
  const [state, setState] = useState<RunState<T>>({ status: 'idle', result: null, error: null });
  const seq = useRef(0);
  const run = useCallback(async (compute: () => Promise<T>) => {
    const k = ++seq.current;
    setState((s) => ({ status: 'loading', result: s.result, error: null }));
    try {
      const result = await compute();
      if (k === seq.current) setState({ status: 'done', result, error: null });
    } catch (e) {
      if (k === seq.current) setState({ status: 'error', result: null, error: e instanceof Error ? e.message : String(e) });
    }
  }, []);
  return [state, run];
}
