/** The engine worker: a worker_threads entry, bundled to dist/host/engineWorker.mjs. */
import { parentPort, workerData } from 'node:worker_threads';
import { runInBackground } from './backgroundPriority';
import { useKernelHelpers } from './kernelHelpers';
import { runJob } from './runJob';
import { serveJobs } from './serveJobs';
import { startWarmUp } from './warmUp';

if (!parentPort) throw new Error('engineWorker must run as a worker thread');
const options = (workerData ?? {}) as { warmUp?: boolean; foreground?: boolean };
// the app's workers yield to its UI thread; the CLI's (foreground) have none to yield to
if (!options.foreground) runInBackground();
// the app's workers fit the user's models one at a time: a large model's df use the other cores
// (kernelHelpers.ts); the CLI's run a batch's or a posterior's parallel units and use them already
if (!options.foreground) useKernelHelpers();
serveJobs(parentPort, runJob);
// the app's workers warm the JIT up while idle (warmUp.ts); tests spawn cold workers
if (options.warmUp) startWarmUp((step) => setImmediate(step));
