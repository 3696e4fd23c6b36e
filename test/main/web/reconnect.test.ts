/**
 * The browser build when its server goes away: the HTTP client reports 'lost' when the event stream or
 * a call cannot reach the server, 'restarted' when a new server answers at the same address and
 * token, 'refused' when the server no longer takes the token; a call meanwhile fails with a message
 * that says what to do. Each step waits for the state it expects, never for a duration.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiApp } from '../../../src-main/api/apiApp';
import { ApiError, type ConnectionState, createClient, httpTransport, SERVER_STOPPED } from '../../../src-main/api/client';
import { newToken, type RunningHttpTransport, startHttpTransport } from '../../../src-main/web/httpTransport';
import { readWebSession, writeWebSession } from '../../../src-main/web/webSession';

/** Just enough of an app: answers every call, never emits. */
const app = { subscribe: () => () => undefined, call: async () => ({ ok: true, result: { ok: true } }) } as unknown as ApiApp;

const running: RunningHttpTransport[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function serve(port: number, token: string): Promise<RunningHttpTransport> {
  const s = await startHttpTransport({ app, port, token });
  running.push(s);
  return s;
}

/** A client with an open event stream, and a way to wait for its next connection state. */
function client(port: number, token: string) {
  const states: ConnectionState[] = [];
  const waiting: { want: ConnectionState; done: () => void }[] = [];
  const api = createClient(
    httpTransport({
      baseUrl: `http://127.0.0.1:${port}`,
      token,
      retryMs: 20,
      onConnection: (s) => {
        states.push(s);
        for (const w of waiting.splice(0)) (w.want === s ? w.done : () => waiting.push(w))();
      },
    }),
  );
  const off = api.on('job.progress', () => undefined);
  const reach = (want: ConnectionState) => (states.at(-1) === want ? Promise.resolve() : new Promise<void>((done) => waiting.push({ want, done })));
  return { api, states, off, reach };
}

describe('a tab whose server stops and comes back', () => {
  it('is told the server stopped, and that a new server answers after a restart', async () => {
    const token = newToken();
    const first = await serve(0, token);
    const c = client(first.port, token);
    await expect(c.api.app.info()).resolves.toBeDefined();
    await first.close();
    running.length = 0;
    await c.reach('lost');
    // a call while the server is away says what happened and what to do
    const err = await c.api.app.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(SERVER_STOPPED);
    await serve(first.port, token);
    await c.reach('restarted');
    await expect(c.api.app.info()).resolves.toBeDefined();
    // a restart stands until the tab reloads: no flip back to 'connected'
    expect(c.states).toEqual(['lost', 'restarted']);
    c.off();
  });

  it('is told when a server restarted with a new token refuses it', async () => {
    const first = await serve(0, newToken());
    const c = client(first.port, first.token);
    await first.close();
    running.length = 0;
    await c.reach('lost');
    await serve(first.port, newToken());
    await c.reach('refused');
    expect(c.states).toEqual(['lost', 'refused']);
    c.off();
  });
});

describe('the per-user web session (port and token of the last launch)', () => {
  it('round-trips, readable by the user alone, and a damaged file counts as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-web-session-'));
    expect(readWebSession(dir)).toBeNull();
    const session = { port: 51234, token: newToken() };
    writeWebSession(dir, session);
    expect(readWebSession(dir)).toEqual(session);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'web-session.json')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'web-session.json'), '{"port": "x"');
    expect(readWebSession(dir)).toBeNull();
    writeFileSync(join(dir, 'web-session.json'), JSON.stringify({ port: 70000, token: 'short' }));
    expect(readWebSession(dir)).toBeNull();
  });
});
