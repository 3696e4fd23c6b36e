/**
 * Helper threads for the engine's inverse kernel (src-engine/linalg/kernelThreads.ts) on Node's
 * worker_threads: each instantiates the kernel's module on the shared memory and runs its share of every
 * job posted there, sleeping in Atomics.wait in between. They start when the kernel is first used (a
 * large model's Satterthwaite df), are unref'd so they never keep a process alive, and change no result:
 * every item of a job writes its own part of memory, whichever thread runs it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { installKernelHelpers } from '../../src-engine/linalg/kernelThreads';

// plain JS run with eval: nothing to bundle or find on disk
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, ctl, tid, warmUpPages } = workerData;
const work = new WebAssembly.Instance(module, { env: { memory } }).exports.work;
// V8 optimises a wasm function only once it has run a while (for every instance in the process): the
// first helper runs each kernel on a small problem in a private memory now, so that the jobs, the
// caller's share included, run optimised code from their first item
if (tid === 1) new WebAssembly.Instance(module, { env: { memory: new WebAssembly.Memory({ initial: warmUpPages, maximum: warmUpPages, shared: true }) } }).exports.warmUp();
const word = new Int32Array(memory.buffer, ctl, 1);
// word 0 changes with every job posted (and every item claimed): sleep until it differs from its value
// before this thread's last look for items
for (;;) {
  const seen = Atomics.load(word, 0);
  work(ctl, tid);
  Atomics.wait(word, 0, seen);
}
`;

/** Helpers for a process that fits one model at a time: one per other core (the kernel takes at most three). */
export function useKernelHelpers(count = availableParallelism() - 1): void {
  installKernelHelpers(count, (module, memory, ctl, tid, warmUpPages) => {
    const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { module, memory, ctl, tid, warmUpPages } });
    // a helper that cannot start takes no items: the posting thread runs them all
    worker.on('error', () => undefined);
    worker.unref();
  });
}
