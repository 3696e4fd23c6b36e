/**
 * Engine work runs below the main thread's priority. On two cores a fit, a bootstrap and a batch keep
 * every core busy; at equal priority the scheduler then makes the main thread wait its turn for tens
 * of milliseconds, and every cheap call (a click, a page of the grid) waits with it (issue 16). Linux
 * keeps the nice value per thread, so `setPriority(0, …)` from a worker thread lowers that thread only;
 * elsewhere it lowers the worker process (Electron's utility process), which is what we want there.
 * Throughput is unchanged when the main thread is idle.
 */
import { setPriority } from 'node:os';

/** Nice +10: below normal (0), well above idle (19). */
export const ENGINE_NICE = 10;

/** Lowers the calling thread's (or process's) priority; false when the OS refuses (it says why nowhere we can show). */
export function runInBackground(): boolean {
  try {
    setPriority(0, ENGINE_NICE);
    return true;
  } catch {
    return false;
  }
}
