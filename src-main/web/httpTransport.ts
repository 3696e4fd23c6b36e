/**
 * The loopback HTTP transport: POST /api/<method> with JSON params, GET /api/events for a
 * server-sent-event stream, and the built renderer as static files. Bound to 127.0.0.1; every API
 * request needs the server's token (Authorization: Bearer …; ?token= only for the event stream);
 * requests whose Host is not this server (DNS rebinding) or whose Origin is another page are refused;
 * bad paths, escapes, bodies and nesting get 400/413, never 500. The event stream's answer names this
 * server instance (INSTANCE_HEADER), so a tab that reconnects can tell a restarted server from a blip.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ApiApp } from '../api/apiApp';
import { type WireError } from '../api/shapes';
import { serveStatic } from './staticFiles';
import { handleUpload, UploadTooLarge } from './upload';

export interface HttpTransportOptions {
  app: ApiApp;
  /** Defaults to a fresh random token. */
  token?: string;
  port?: number;
  /** The built renderer (dist-web); null serves the API only. */
  staticDir?: string | null;
  /** Largest request body (JSON calls, and the raw file of dataset.upload). */
  maxBodyBytes?: number;
}

export interface RunningHttpTransport {
  server: Server;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const KEEPALIVE_MS = 15_000;

/** Response header of GET /api/events: a random id per server start. */
export const INSTANCE_HEADER = 'x-quadrat-instance';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: WireError): void {
  sendJson(res, status, { error });
}

/**
 * The body, or null when it is over the limit: the rest is read and dropped (not the socket
 * destroyed) so the client gets its 413 instead of a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Deepest nesting of arrays/objects in a parsed JSON value, iteratively (a deep value must not overflow the stack). */
function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

const MAX_JSON_DEPTH = 64;

/** The Authorization header; the query string only for the event stream (EventSource cannot set headers). */
function tokenOk(req: IncomingMessage, url: URL, expected: Buffer): boolean {
  const auth = req.headers.authorization ?? '';
  const queryAllowed = url.pathname === '/api/events';
  const given = auth.startsWith('Bearer ') ? auth.slice(7) : queryAllowed ? (url.searchParams.get('token') ?? '') : '';
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

/** Only requests addressed to this server by name (a rebound DNS name is refused). */
function hostOk(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser sends Origin on cross-site requests: only the app's own page may call the API. */
function originOk(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** GET /api/events: a server-sent-event stream naming this server instance, kept alive until the client goes. */
function openEventStream(req: IncomingMessage, res: ServerResponse, streams: Set<ServerResponse>, instance: string): void {
  if (req.method !== 'GET') return sendError(res, 405, { kind: 'input', message: 'Use GET for the event stream.' });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', [INSTANCE_HEADER]: instance });
  res.write(': connected\n\n');
  streams.add(res);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  req.on('close', () => {
    clearInterval(keepalive);
    streams.delete(res);
  });
}

/** POST /api/<method>: the raw file of dataset.upload, or JSON params (size- and depth-checked) for the app. */
async function callMethod(app: ApiApp, method: string, req: IncomingMessage, res: ServerResponse, url: URL, maxBody: number): Promise<void> {
  const tooLarge = () => {
    res.setHeader('connection', 'close');
    sendError(res, 413, { kind: 'input', message: `The request is too large (the limit is ${Math.round(maxBody / 1048576)} MiB).` });
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBody) {
    req.resume();
    return tooLarge();
  }
  if (method === 'dataset.upload') {
    // a raw file body, streamed to disk and imported from there (web/upload.ts)
    let outcome;
    try {
      outcome = await handleUpload(app, req, url, maxBody);
    } catch (e) {
      if (e instanceof UploadTooLarge) return tooLarge();
      throw e;
    }
    if (outcome.ok) sendJson(res, 200, { result: outcome.result });
    else sendError(res, outcome.status, outcome.error);
    return;
  }
  const body = await readBody(req, maxBody);
  if (body === null) return tooLarge();
  let params: unknown;
  try {
    params = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return sendError(res, 400, { kind: 'input', message: 'The request body is not valid JSON.' });
  }
  if (jsonDepth(params, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return sendError(res, 400, { kind: 'input', message: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.` });
  const outcome = await app.call(method, params);
  if (outcome.ok) sendJson(res, 200, { result: outcome.result });
  else sendError(res, outcome.status, outcome.error);
}

export function startHttpTransport(options: HttpTransportOptions): Promise<RunningHttpTransport> {
  const { app } = options;
  const token = options.token ?? newToken();
  const expected = Buffer.from(token);
  const maxBody = options.maxBodyBytes ?? 256 * 1024 * 1024;
  let port = 0;
  const streams = new Set<ServerResponse>();
  const instance = randomBytes(8).toString('hex');

  const unsubscribe = app.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostOk(req, port)) return sendError(res, 403, { kind: 'input', message: 'This server only answers requests addressed to 127.0.0.1.' });
    if (!originOk(req, port)) return sendError(res, 403, { kind: 'input', message: 'Requests from other web pages are not accepted.' });
    let url: URL;
    try {
      // a path such as "//" would be read as a host: resolve the path alone
      url = new URL(`http://127.0.0.1:${port}${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
    } catch {
      return sendError(res, 400, { kind: 'input', message: 'The request path is not a valid URL.' });
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { kind: 'input', message: 'Method not allowed.' });
      return serveStatic(options.staticDir ?? null, url.pathname, req, res);
    }
    if (!tokenOk(req, url, expected)) return sendError(res, 401, { kind: 'input', message: 'Missing or wrong access token.' });
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      return sendError(res, 400, { kind: 'input', message: 'The request path has a malformed % escape.' });
    }
    if (method === 'events') return openEventStream(req, res, streams, instance);
    if (req.method !== 'POST') return sendError(res, 405, { kind: 'input', message: 'Use POST to call an API method.' });
    return callMethod(app, method, req, res, url, maxBody);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, { kind: 'internal', message: `Internal error: ${(e as Error).message}` });
      else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const s of streams) s.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
