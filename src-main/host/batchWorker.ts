/**
 * The CLI batch's worker (bundled to dist/host/batchWorker.cjs, started by its launcher batchWorker.mjs): it runs `fit-units` jobs only, so it
 * loads the model code a unit needs and not the whole engine (the engine worker's 1.8 MB), and starts
 * sooner. Unlike the app's workers it keeps the normal priority (backgroundPriority.ts lowers those
 * to keep the app's main thread responsive; a CLI batch has no such thread, and niced workers only
 * lose the cores to every other process on a shared machine).
 */
import { parentPort } from 'node:worker_threads';
import { fitUnitsJob } from './fitUnitsJob';
import { serveJobs } from './serveJobs';

/** Set by the launcher (launchBatchWorker.ts) to write V8's code cache once a job has compiled the fitting code. */
export const afterFirstJob: { hook?: () => void } = {};

if (!parentPort) throw new Error('batchWorker must run as a worker thread');
serveJobs(
  parentPort,
  async (job, control) => {
    if (job.kind !== 'fit-units') throw new Error(`the batch worker runs fit-units jobs only, not ${job.kind}`);
    return fitUnitsJob(job, control.signal);
  },
  () => afterFirstJob.hook?.(),
);
