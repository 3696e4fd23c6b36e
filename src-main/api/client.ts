/**
 * A typed client for the API, generic over the transport: `window.quadrat` in Electron (see
 * electron/preload.ts, which builds it with this file) or loopback HTTP in the browser build and
 * tests. No Node imports: the renderer imports this file.
 *
 *   const api = createClient(httpTransport({ baseUrl, token }));
 *   const { jobId } = await api.fit.start({ datasetId, spec: { formula: 'y ~ x + (1|g)' } });
 *   const off = api.on('job.progress', (p) => ...);
 *   const { dataset } = await api.upload(file, { fileName: file.name }, ({ loaded, total }) => ...);
 */
import {
  apiEvents,
  eventNames,
  methodNames,
  type EventName,
  type EventPayload,
  type MethodName,
  type ParamsIn,
  type Result,
  type WireError,
} from './contract';
import { blobToBase64, fetchUpload, uploadQuery, xhrAvailable, xhrUpload, type OnUploadProgress, type UploadParams } from './clientUpload';

export type { OnUploadProgress, UploadParams, UploadProgress } from './clientUpload';

/** Imports a user's file (a browser File or Blob) with dataset.import's options; answers as dataset.import. */
export type UploadFn = (file: Blob, params: UploadParams, onProgress?: OnUploadProgress) => Promise<Result<'dataset.import'>>;

/** How calls and events travel. `call` resolves with the result or rejects with an ApiError. */
export interface Transport {
  call(method: MethodName, params: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** A data file to import: streamed to dataset.upload over HTTP, a path or bytes for dataset.import over IPC. */
  upload: UploadFn;
}

/** An error answered by the other side (QuadratError's kind/message/where, or 'internal'). */
export class ApiError extends Error {
  readonly kind: WireError['kind'];
  readonly where: WireError['where'];
  /** HTTP status when the transport is HTTP (400 bad payload, 401, 404, 422 QuadratError, 500). */
  readonly status: number | undefined;

  constructor(error: WireError, status?: number) {
    super(error.message);
    this.name = 'ApiError';
    this.kind = error.kind;
    this.where = error.where;
    this.status = status;
  }
}

type Domain<M extends string> = M extends `${infer D}.${string}` ? D : never;
type Verb<M extends string, D extends string> = M extends `${D}.${infer V}` ? V : never;
type Fn<M extends MethodName> = Record<string, never> extends ParamsIn<M>
  ? (params?: ParamsIn<M>) => Promise<Result<M>>
  : (params: ParamsIn<M>) => Promise<Result<M>>;

/** `api.dataset.import(params)` for method 'dataset.import', and so on for every method. */
export type QuadratApi = {
  [D in Domain<MethodName>]: { [V in Verb<MethodName, D>]: Fn<`${D}.${V}` & MethodName> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Imports a user's file, reporting the bytes sent when the transport can tell (HTTP). */
  upload: UploadFn;
};

export function createClient(transport: Transport): QuadratApi {
  const api: Record<string, Record<string, (p?: unknown) => Promise<unknown>>> = {};
  for (const m of methodNames) {
    const [domain, verb] = m.split('.') as [string, string];
    (api[domain] ??= {})[verb] = (params?: unknown) => transport.call(m, params ?? {});
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(eventNames as string[]).includes(event)) throw new Error(`unknown event "${event}"`);
    return transport.subscribe(event, listener);
  };
  const upload: UploadFn = (file, params, onProgress) => transport.upload(file, params, onProgress);
  return Object.assign(api, { on, upload }) as unknown as QuadratApi;
}

/** A method's answer as the Electron preload passes it (errors as data: contextBridge drops Error fields). */
export type Envelope = { ok: true; result: unknown } | { ok: false; status: number; error: WireError };

/**
 * What the preload exposes as `window.quadrat`: one function per method (`quadrat.dataset.import`),
 * each resolving with an Envelope, plus `on` for events. Wrap it with bridgeTransport to get a
 * QuadratApi whose failures are real ApiErrors:
 *   const api = createClient(bridgeTransport(window.quadrat));
 */
export type QuadratBridge = {
  [D in Domain<MethodName>]: { [V in Verb<MethodName, D>]: (params: unknown) => Promise<Envelope> };
} & {
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** The file's path on disk (Electron's webUtils.getPathForFile), or '' for a file that has none. */
  pathForFile?(file: Blob): string;
};

export function bridgeTransport(bridge: QuadratBridge): Transport {
  const table = bridge as unknown as Record<string, Record<string, (p: unknown) => Promise<Envelope>>>;
  async function call(method: MethodName, params: unknown): Promise<unknown> {
    const [domain, verb] = method.split('.') as [string, string];
    const env = await table[domain][verb](params);
    if (env.ok) return env.result;
    throw new ApiError(env.error, env.status);
  }
  return {
    call,
    subscribe: (event, listener) => bridge.on(event, listener),
    /**
     * A picked or dropped file has a path: main reads it from disk as its own file dialog would. A
     * file without one (dragged from a web page) crosses IPC as bytes. Either way it is dataset.import.
     */
    async upload(file, params) {
      const { fileName, ...options } = params;
      const path = bridge.pathForFile?.(file) ?? '';
      const source: ParamsIn<'dataset.import'>['source'] = path
        ? { kind: 'path', path }
        : { kind: 'bytes', fileName, base64: await blobToBase64(file) };
      return (await call('dataset.import', { source, ...options })) as Result<'dataset.import'>;
    },
  };
}

/**
 * The HTTP transport's view of its server: `lost` when a call or the event stream cannot reach it (it
 * keeps trying), `connected` when the same server answers again, `restarted` when a new server answers
 * (what the tab held lived in the old one), `refused` when the server no longer takes this tab's token.
 */
export type ConnectionState = 'connected' | 'lost' | 'restarted' | 'refused';

/** Response header of the event stream naming the server instance (web/httpTransport.ts). */
const INSTANCE_HEADER = 'x-quadrat-instance';

/** What a call answers while the server is away. */
export const SERVER_STOPPED =
  "Quadrat's server is not running, so this could not be done. Start it again (npm start, or npm run web) in the same folder: this tab reconnects by itself.";

export interface HttpTransportOptions {
  /** e.g. "http://127.0.0.1:5123" (empty string: same origin). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Told each time the connection state changes (never with the state it already had). */
  onConnection?: (state: ConnectionState) => void;
  /** Wait before reaching for the event stream again after it ended (ms; tests shorten it). */
  retryMs?: number;
}

/** One server-sent-event block ("event: name\ndata: …"): its event name and its data lines joined. */
function parseSseBlock(block: string): { event: string; data: string } {
  let event = '';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  return { event, data };
}

/** Hands every complete block of an event stream to onBlock; returns when the stream ends, throws when it breaks. */
async function readSseBlocks(body: NonNullable<Response['body']>, onBlock: (block: string) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      onBlock(buf.slice(0, end));
      buf = buf.slice(end + 2);
    }
  }
}

/** Loopback HTTP: POST /api/<method> with a JSON body; events over one server-sent-event stream. */
export function httpTransport(opts: HttpTransportOptions): Transport {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let stream: AbortController | null = null;
  const retryMs = opts.retryMs ?? 1000;
  let state: ConnectionState = 'connected';
  /** The server instance this tab started with (null until the first event stream answers). */
  let instance: string | null = null;
  const setState = (next: ConnectionState) => {
    // a restart or a refused token stands until the tab is reloaded
    if (next === state || state === 'restarted' || state === 'refused') return;
    state = next;
    opts.onConnection?.(next);
  };

  async function readEvents(ctrl: AbortController): Promise<void> {
    let res: Response;
    try {
      res = await doFetch(`${opts.baseUrl}/api/events`, { headers, signal: ctrl.signal });
    } catch (e) {
      if (!ctrl.signal.aborted) setState('lost');
      throw e;
    }
    if (res.status === 401) {
      setState('refused');
      throw new Error('event stream refused (401)');
    }
    if (!res.ok || !res.body) throw new Error(`event stream refused (${res.status})`);
    const id = res.headers.get(INSTANCE_HEADER);
    if (instance === null) instance = id;
    setState(id === instance ? 'connected' : 'restarted');
    try {
      await readSseBlocks(res.body, dispatch);
    } finally {
      // the stream ended or broke without this tab asking: the server went away
      if (!ctrl.signal.aborted) setState('lost');
    }
  }

  function dispatch(block: string): void {
    const { event, data } = parseSseBlock(block);
    if (!event || !(event in apiEvents)) return;
    const payload: unknown = JSON.parse(data);
    for (const l of listeners.get(event as EventName) ?? []) l(payload);
  }

  function ensureStream(): void {
    if (stream) return;
    const ctrl = new AbortController();
    stream = ctrl;
    readEvents(ctrl).catch(() => undefined).finally(() => {
      if (stream === ctrl) stream = null;
      // Reconnect while someone is still listening (the server stopped, or restarted a stream); a tab
      // whose token is refused stops asking.
      if (!ctrl.signal.aborted && state !== 'refused' && [...listeners.values()].some((s) => s.size > 0)) setTimeout(ensureStream, retryMs);
    });
  }

  return {
    async call(method, params) {
      let res: Response;
      try {
        res = await doFetch(`${opts.baseUrl}/api/${method}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(params ?? {}),
        });
      } catch {
        // no answer at all: the server is not running (a refused connection on loopback)
        setState('lost');
        throw new ApiError({ kind: 'input', message: SERVER_STOPPED });
      }
      const body = (await res.json().catch(() => null)) as { result?: unknown; error?: WireError } | null;
      if (res.ok && body && 'result' in body) return body.result;
      throw new ApiError(body?.error ?? { kind: 'internal', message: `HTTP ${res.status}` }, res.status);
    },
    /** The file as the raw body of POST /api/dataset.upload, the options in the query (never base64, never JSON). */
    async upload(file, params, onProgress) {
      const url = `${opts.baseUrl}/api/dataset.upload?${uploadQuery(params)}`;
      const answer =
        xhrAvailable() && !opts.fetch
          ? await xhrUpload(url, opts.token, file, params.fileName, onProgress)
          : await fetchUpload(doFetch, url, opts.token, file, params.fileName, onProgress);
      if (answer.ok) return answer.result as Result<'dataset.import'>;
      throw new ApiError(answer.error, answer.status);
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      ensureStream();
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((s) => s.size === 0) && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}
