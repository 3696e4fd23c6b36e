/**
 * Sending a user's data file to be imported, for the client (no Node imports: the renderer uses it).
 * Over loopback HTTP the file's bytes go as the raw body of `POST /api/dataset.upload` (the server
 * streams them to disk, web/upload.ts); the import options travel in the query, checked by the
 * contract's `uploadParamsSchema`. In a browser it is an XMLHttpRequest: it sends the File from disk
 * without reading it into the page and reports upload progress, which fetch cannot.
 */
import { type UploadParams, type WireError } from './contract';

export type { UploadParams };

/** Bytes sent so far of `total`. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export type OnUploadProgress = (p: UploadProgress) => void;

/** The query string of dataset.upload: fileName plus the import options that are set. */
export function uploadQuery(params: UploadParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  return q.toString();
}

/** An HTTP answer of the API turned into its result or the error it carries. */
export type Answer = { ok: true; result: unknown } | { ok: false; status: number; error: WireError };

function parseBody(text: string): { result?: unknown; error?: WireError } | null {
  try {
    return JSON.parse(text) as { result?: unknown; error?: WireError };
  } catch {
    return null; // not JSON: reported by its status
  }
}

export function readAnswer(status: number, text: string): Answer {
  const body = parseBody(text);
  if (status >= 200 && status < 300 && body && 'result' in body) return { ok: true, result: body.result };
  return { ok: false, status, error: body?.error ?? { kind: 'internal', message: `The server answered HTTP ${status} without an explanation.` } };
}

/** The upload never got an answer: the server stopped, or the connection broke. */
export function connectionLost(fileName: string): Answer {
  return {
    ok: false,
    status: 0,
    error: { kind: 'input', message: `The upload of ${fileName} stopped: the Quadrat server did not answer. Check that it is still running, then try again.` },
  };
}

/** The minimum of XMLHttpRequest used here (the type is declared for the renderer only). */
interface Xhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  readonly status: number;
  readonly responseText: string;
  readonly upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export function xhrAvailable(): boolean {
  return typeof (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest === 'function';
}

/** POSTs `file` as the body; resolves with the server's answer (never rejects). */
export function xhrUpload(url: string, token: string, file: Blob, fileName: string, onProgress?: OnUploadProgress): Promise<Answer> {
  const XhrCtor = (globalThis as unknown as { XMLHttpRequest: new () => Xhr }).XMLHttpRequest;
  return new Promise((resolve) => {
    const xhr = new XhrCtor();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => resolve(readAnswer(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve(connectionLost(fileName));
    xhr.onabort = () => resolve(connectionLost(fileName));
    xhr.send(file);
  });
}

/** The same without XMLHttpRequest (Node, tests): fetch sends the Blob; progress only at the end. */
export async function fetchUpload(
  doFetch: typeof fetch,
  url: string,
  token: string,
  file: Blob,
  fileName: string,
  onProgress?: OnUploadProgress,
): Promise<Answer> {
  let res: Response;
  try {
    res = await doFetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: file });
  } catch {
    return connectionLost(fileName);
  }
  onProgress?.({ loaded: file.size, total: file.size });
  return readAnswer(res.status, await res.text());
}

/** The file's bytes as base64 (dataset.import's `bytes` source), in chunks to spare the stack. */
export async function blobToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
