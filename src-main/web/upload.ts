/**
 * `POST /api/dataset.upload?fileName=F[&name=N][&sheet=S]` with the file's raw bytes as the body:
 * the body is streamed to a temporary file (never held in memory) and imported from disk by
 * dataset.import's `path` source, the same path the desktop app's file picker takes. The JSON
 * `bytes` source needs the file base64-encoded, the text decoded and parsed, and copied again
 * (~29× the file at peak); this keeps the server's memory flat while the body arrives.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ApiApp } from '../api/apiApp';
import { describeZodError, uploadParamsSchema } from '../api/contract';
import { type Outcome } from '../api/dispatch';

export class UploadTooLarge extends Error {}

/** Stream `req` to `path`, failing with UploadTooLarge past `limit` bytes (the rest is drained so the client still gets its 413). */
async function streamToFile(req: IncomingMessage, path: string, limit: number): Promise<void> {
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > limit ? new UploadTooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, count, createWriteStream(path));
  } catch (e) {
    if (e instanceof UploadTooLarge) req.resume();
    throw e;
  }
}

export async function handleUpload(app: ApiApp, req: IncomingMessage, url: URL, limit: number): Promise<Outcome> {
  // the query holds dataset.import's options, checked by the same contract as every other call
  const parsed = uploadParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    req.resume();
    return { ok: false, status: 400, error: { kind: 'input', message: `Invalid upload: ${describeZodError(parsed.error)}` } };
  }
  const { fileName: given, ...options } = parsed.data;
  const fileName = basename(given);
  if (fileName === '.' || fileName === '..') {
    req.resume();
    return { ok: false, status: 400, error: { kind: 'input', message: `"${given}" is not a file name; give the file's own name as ?fileName=… (it tells the importer the format).` } };
  }
  const dir = await mkdtemp(join(tmpdir(), 'quadrat-upload-'));
  try {
    // the file keeps its own name so the dataset is named and described after it, as a picked file is
    const path = join(dir, fileName);
    await streamToFile(req, path, limit);
    return await app.call('dataset.import', { source: { kind: 'path', path }, ...options });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
