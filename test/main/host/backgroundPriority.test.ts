/**
 * Engine threads run at nice +10 so the main thread answers cheap calls while every core fits
 * (issue 16; bench/stall.ts measures the effect). This relies on Linux keeping the nice value per
 * thread: a worker that lowers itself must leave the main thread where it was.
 */
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ENGINE_NICE } from '../../../src-main/host/backgroundPriority';

describe('engine threads in the background', () => {
  it.runIf(process.platform === 'linux')('a worker thread lowers its own priority only', async () => {
    const before = getPriority(0);
    // lowering is always allowed; a test run already niced past ENGINE_NICE goes one step lower
    const target = Math.min(19, Math.max(before + 1, ENGINE_NICE));
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const os = require('node:os');
      os.setPriority(0, workerData);
      parentPort.postMessage(os.getPriority(0));`;
    const worker = new Worker(code, { eval: true, workerData: target });
    const inWorker = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(inWorker).toBe(target);
    expect(getPriority(0)).toBe(before);
  });
});
