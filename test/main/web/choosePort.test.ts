/**
 * The browser build's port: --port N that another program holds stops with a message; last launch's
 * port, when taken, gives way to a free one with a note; a free port asked for is used as asked.
 */
import { createServer, type Server } from 'node:net';
import { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiApp } from '../../../src-main/api/apiApp';
import { listenOnChosenPort } from '../../../src-main/web/choosePort';
import { newToken, type RunningHttpTransport, startHttpTransport } from '../../../src-main/web/httpTransport';

const app = { subscribe: () => () => undefined, call: async () => ({ ok: true, result: null }) } as unknown as ApiApp;
const token = newToken();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function serve(port: number): Promise<RunningHttpTransport> {
  const s = await startHttpTransport({ app, port, token });
  cleanup.push(() => s.close());
  return s;
}

/** Another program holding a port. */
async function occupied(): Promise<number> {
  const other: Server = createServer();
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  cleanup.push(() => new Promise<void>((done) => other.close(() => done())));
  return (other.address() as AddressInfo).port;
}

describe('listenOnChosenPort', () => {
  it('refuses a --port that is in use, naming it and what to do', async () => {
    const port = await occupied();
    const out = await listenOnChosenPort(serve, port, undefined);
    expect(out).toEqual({ ok: false, message: `port ${port} is in use by another program. Choose another with --port, or leave --port out.` });
  });

  it("moves to a free port with a note when last launch's port is taken", async () => {
    const port = await occupied();
    const out = await listenOnChosenPort(serve, undefined, port);
    if (!out.ok) throw new Error(out.message);
    expect(out.running.port).not.toBe(port);
    expect(out.note).toContain(`port ${port}, used last time, is taken`);
    const res = await fetch(`${out.running.url}api/events`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    expect(res).not.toBeNull(); // something answers at the new address
    await res?.body?.cancel();
  });

  it('reuses last launch\'s port when it is free, and --port wins over it', async () => {
    const first = await serve(0);
    const lastPort = first.port;
    await first.close();
    cleanup.pop();
    const again = await listenOnChosenPort(serve, undefined, lastPort);
    expect(again.ok && again.running.port).toBe(lastPort);
    expect(again.ok && again.note).toBeUndefined();
    if (!again.ok) return;
    await again.running.close();
    cleanup.pop();
    const held = await occupied(); // last launch's port is now someone else's, but --port names a free one
    const asked = await listenOnChosenPort(serve, lastPort, held);
    expect(asked.ok && asked.running.port).toBe(lastPort);
  });

  it('passes on errors other than a port in use', async () => {
    const failing = () => Promise.reject(Object.assign(new Error('permission denied'), { code: 'EACCES' }));
    await expect(listenOnChosenPort(failing, 80, undefined)).rejects.toThrow('permission denied');
  });
});
