/** The engine worker: a worker_threads entry, bundled to dist/host/engineWorker.mjs. */
import { parentPort, workerData } from 'node:worker_threads';
import { runInBackground } from './backgroundPriority';
import { runJob } from './runJob';
import { serveJobs } from './serveJobs';
import { startWarmUp } from './warmUp';

if (!parentPort) throw new Error('engineWorker must run as a worker thread');
runInBackground();
serveJobs(parentPort, runJob);
// the app's workers warm the JIT up while idle (warmUp.ts); tests spawn cold workers
if ((workerData as { warmUp?: boolean } | null)?.warmUp) startWarmUp((step) => setImmediate(step));
