/**
 * The client's `api.upload` over loopback HTTP: the file goes as the raw body of
 * POST /api/dataset.upload (never base64 in JSON), the import options in the query, progress is
 * reported, and a failure (the file's, the server's, or a lost connection) is an ApiError that says so.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, createClient, httpTransport, type QuadratApi, type UploadProgress } from '../../../src-main/api/client';
import { type RunningHttpTransport, startHttpTransport } from '../../../src-main/web/httpTransport';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let server: RunningHttpTransport;
let api: QuadratApi;
let baseUrl: string;
const seen: { method: string; url: string; contentType: string | null; bodyBytes: number }[] = [];

/** Records what the client sends, then passes it on to the real server. */
const recordingFetch: typeof fetch = async (input, init) => {
  const body = init?.body;
  const bodyBytes = body instanceof Blob ? body.size : typeof body === 'string' ? Buffer.byteLength(body) : -1;
  seen.push({ method: init?.method ?? 'GET', url: String(input), contentType: new Headers(init?.headers).get('content-type'), bodyBytes });
  return fetch(input, init);
};

const csv = ['Reaction,Days,Subject', ...Array.from({ length: 40 }, (_, i) => `${250 + i},${i % 10},S${Math.floor(i / 10)}`)].join('\n');

beforeAll(async () => {
  h = await createHarness();
  server = await startHttpTransport({ app: h.app });
  baseUrl = server.url.replace(/\/$/, '');
  api = createClient(httpTransport({ baseUrl, token: server.token, fetch: recordingFetch }));
  await api.project.new({ path: join(h.dir, 'upload.quadrat') });
  seen.length = 0;
});
afterAll(async () => {
  await server.close();
  await h.close();
  await removeWorkerBundle();
});
afterEach(() => {
  vi.unstubAllGlobals();
  seen.length = 0;
});

describe('api.upload over HTTP', () => {
  it('sends the raw file to dataset.upload with its options in the query, and answers as dataset.import', async () => {
    const file = new Blob([csv], { type: 'text/csv' });
    const progress: UploadProgress[] = [];
    const { dataset, warnings } = await api.upload(file, { fileName: 'sleep small.csv', name: 'Sleep' }, (p) => progress.push(p));
    expect(dataset).toMatchObject({ name: 'Sleep', nrow: 40, sourceFile: 'sleep small.csv' });
    expect(dataset.columns.map((c) => c.name)).toEqual(['Reaction', 'Days', 'Subject']);
    expect(warnings).toEqual([]);
    expect(seen).toEqual([
      { method: 'POST', url: `${baseUrl}/api/dataset.upload?fileName=sleep+small.csv&name=Sleep`, contentType: 'application/octet-stream', bodyBytes: file.size },
    ]);
    expect(progress.at(-1)).toEqual({ loaded: file.size, total: file.size });
  });

  it("reports the file's own problem as the importer words it", async () => {
    const err = await api.upload(new Blob(['']), { fileName: 'empty.csv' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('data');
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).message).toMatch(/empty/i);
  });

  it('refuses options the contract does not know, with the field named', async () => {
    const err = await api.upload(new Blob([csv]), { fileName: 'a.csv', colour: 'red' } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toMatch(/colour/);
  });

  it('in a browser, sends it with XMLHttpRequest and passes on the upload progress', async () => {
    const sent: { url: string; headers: Record<string, string>; body: Blob }[] = [];
    /** XMLHttpRequest as far as the client uses it, relaying to the real server. */
    class FakeXhr {
      status = 0;
      responseText = '';
      upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onabort: (() => void) | null = null;
      private url = '';
      private headers: Record<string, string> = {};
      open(_method: string, url: string) {
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      send(body: Blob) {
        sent.push({ url: this.url, headers: this.headers, body });
        this.upload.onprogress?.({ loaded: Math.floor(body.size / 2), total: body.size, lengthComputable: true });
        this.upload.onprogress?.({ loaded: body.size, total: body.size, lengthComputable: true });
        void fetch(this.url, { method: 'POST', headers: this.headers, body }).then(async (res) => {
          this.status = res.status;
          this.responseText = await res.text();
          this.onload?.();
        });
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const browserApi = createClient(httpTransport({ baseUrl, token: server.token }));
    const file = new Blob([csv]);
    const progress: UploadProgress[] = [];
    const { dataset } = await browserApi.upload(file, { fileName: 'xhr.csv' }, (p) => progress.push(p));
    expect(dataset).toMatchObject({ name: 'xhr', nrow: 40 });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(`${baseUrl}/api/dataset.upload?fileName=xhr.csv`);
    expect(sent[0].headers.authorization).toBe(`Bearer ${server.token}`);
    expect(sent[0].body).toBe(file); // the File itself: never read into the page, never base64
    expect(progress).toEqual([
      { loaded: Math.floor(file.size / 2), total: file.size },
      { loaded: file.size, total: file.size },
    ]);
  });

  it('says the server did not answer when the connection is lost', async () => {
    class DeadXhr {
      upload = { onprogress: null };
      onerror: (() => void) | null = null;
      open() {}
      setRequestHeader() {}
      send() {
        queueMicrotask(() => this.onerror?.());
      }
    }
    vi.stubGlobal('XMLHttpRequest', DeadXhr);
    const browserApi = createClient(httpTransport({ baseUrl, token: server.token }));
    const err = await browserApi.upload(new Blob([csv]), { fileName: 'lost.csv' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('The upload of lost.csv stopped: the Quadrat server did not answer. Check that it is still running, then try again.');

    const stopped = createClient(httpTransport({ baseUrl: 'http://127.0.0.1:9', token: 'x', fetch: (...a) => fetch(...a) }));
    const viaFetch = await stopped.upload(new Blob([csv]), { fileName: 'lost.csv' }).catch((e: unknown) => e);
    expect((viaFetch as ApiError).message).toMatch(/^The upload of lost.csv stopped: the Quadrat server did not answer/);
  });
});
