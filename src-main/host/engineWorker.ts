/** The engine worker: a worker_threads entry, bundled to dist/host/engineWorker.mjs. */
import { parentPort } from 'node:worker_threads';
import { runJob } from './runJob';
import { serveJobs } from './serveJobs';

if (!parentPort) throw new Error('engineWorker must run as a worker thread');
serveJobs(parentPort, runJob);
