import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, httpTransport, type QuadratApi } from '../../../src-main/api/client';
import { type JobProgress, type JobStatus } from '../../../src-main/api/shapes';
import { type RunningHttpTransport, startHttpTransport } from '../../../src-main/web/httpTransport';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/web/staticFiles';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let server: RunningHttpTransport;
let api: QuadratApi;
let staticDir: string;

beforeAll(async () => {
  h = await createHarness();
  staticDir = join(h.dir, 'dist-web');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Quadrat</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(h.dir, 'secret.txt'), 'do not serve');
  server = await startHttpTransport({ app: h.app, staticDir });
  api = createClient(httpTransport({ baseUrl: server.url.replace(/\/$/, ''), token: server.token }));
});
afterAll(async () => {
  await server.close();
  await h.close();
  await removeWorkerBundle();
});

interface Body {
  result?: Record<string, unknown>;
  error: { kind: string; message: string };
}
const readBody = async (res: Response): Promise<Body> => (await res.json()) as Body;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('loopback HTTP transport', () => {
  it('listens on 127.0.0.1 only, with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a call made with the token', async () => {
    const res = await post('settings.get', {});
    expect(res.status).toBe(200);
    expect((await readBody(res)).result).toMatchObject({ workers: 2 });
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await post('settings.get', {}, { authorization: '' })).status).toBe(401);
    const wrong = await post('settings.get', {}, { authorization: `Bearer ${server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect((await readBody(wrong)).error.message).toBe('Missing or wrong access token.');
    expect((await fetch(`${server.url}api/events`)).status).toBe(401);
  });

  it('refuses a bad payload with 400 and a message that names the field', async () => {
    const res = await post('dataset.rows', { datasetId: 1, offset: -1, limit: 10 });
    expect(res.status).toBe(400);
    const { error } = await readBody(res);
    expect(error.kind).toBe('input');
    expect(error.message).toMatch(/^Invalid parameters for dataset\.rows: offset: /);
    expect((await post('settings.get', '{not json')).status).toBe(400);
    expect((await post('settings.get', { extra: 1 })).status).toBe(400);
  });

  it('answers an unknown method with 404', async () => {
    const res = await post('dataset.explode', {});
    expect(res.status).toBe(404);
    expect((await readBody(res)).error.message).toBe('Unknown method "dataset.explode".');
  });

  it('answers a QuadratError with 422 and its kind; the client raises ApiError', async () => {
    const res = await post('dataset.get', { datasetId: 99 });
    expect(res.status).toBe(422);
    await expect(api.project.open({ path: join(h.dir, 'secret.txt') })).rejects.toMatchObject({
      name: 'ApiError',
      kind: 'project',
      status: 422,
      message: '"secret.txt" is not a Quadrat project.',
    });
    await expect(api.dataset.get({ datasetId: 99 })).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/settings.get', method: 'POST', headers: { host: 'evil.example:80', authorization: `Bearer ${server.token}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the renderer with a strict CSP and never a file outside its folder', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Quadrat</title>');
    expect((await fetch(`${server.url}assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.url}..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}assets/..%2f..%2fsecret.txt`)).status).toBe(404);
  });

  it('streams job progress and the finished event to the client', async () => {
    const csv = ['Reaction,Days,Subject', ...Array.from({ length: 60 }, (_, i) => `${200 + ((i * 37) % 50) + (i % 10) * 3},${i % 10},S${Math.floor(i / 10)}`)].join('\n');
    await api.project.new({ path: join(h.dir, 'http.quadrat') });
    const { dataset } = await api.dataset.import({ source: { kind: 'text', fileName: 'small.csv', text: csv } });
    const progress: JobProgress[] = [];
    const offProgress = api.on('job.progress', (p) => progress.push(p));
    const done = new Promise<JobStatus>((resolve) => {
      const off = api.on('job.finished', (s) => {
        if (s.kind === 'fit-lmm') {
          off();
          resolve(s);
        }
      });
    });
    await new Promise((r) => setTimeout(r, 100)); // let the event stream connect
    const { jobId } = await api.fit.start({ datasetId: dataset.id, spec: { formula: 'Reaction ~ Days + (Days | Subject)' } });
    const status = await done;
    offProgress();
    expect(status).toMatchObject({ id: jobId, state: 'done' });
    expect(status.fitId).not.toBeNull();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === jobId && p.evaluations > 0)).toBe(true);
    const models = await api.model.list();
    expect(models.map((m) => m.id)).toEqual([status.fitId]);
  });
});

describe('bad requests get 4xx, never a reset or a 500 (issue 16)', () => {
  const raw = (path: string, init: RequestInit = {}) => fetch(`${server.url.replace(/\/$/, '')}${path}`, init);

  it('answers a body over the limit with 413', async () => {
    const small = await startHttpTransport({ app: h.app, maxBodyBytes: 1024 });
    try {
      const res = await fetch(`${small.url}api/settings.get`, { method: 'POST', headers: { authorization: `Bearer ${small.token}` }, body: 'x'.repeat(50_000) });
      expect(res.status).toBe(413);
      expect((await readBody(res)).error.message).toMatch(/too large/);
    } finally {
      await small.close();
    }
  });

  it('answers JSON nested past the depth limit with 400', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await post('settings.get', deep);
    expect(res.status).toBe(400);
    expect((await readBody(res)).error.message).toMatch(/nested/);
  });

  it('answers // and a malformed % escape with 400, and only after the token check', async () => {
    expect((await raw('/api/%E0%A4%A', { method: 'POST', headers: { authorization: `Bearer ${server.token}` } })).status).toBe(400);
    expect((await raw('/api/%E0%A4%A', { method: 'POST' })).status).toBe(401);
    const slashes = await raw('//', { headers: { authorization: `Bearer ${server.token}` } });
    expect(slashes.status).toBeLessThan(500);
  });

  it('takes the token from the query string only for the event stream', async () => {
    const res = await raw(`/api/settings.get?token=${server.token}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses a request from another web page (Origin)', async () => {
    const res = await post('settings.get', {}, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await post('settings.get', {}, { origin: server.url.replace(/\/$/, '') })).status).toBe(200);
  });
});
