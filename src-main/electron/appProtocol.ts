/**
 * The app:// protocol: serves the built renderer (dist-web) from app://quadrat/, with the same strict
 * CSP as the browser build, instead of file:// (which would grant file-system-wide privileges).
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CONTENT_TYPES, resolveStaticPath, SECURITY_HEADERS } from '../web/staticFiles';
import { APP_HOST, APP_SCHEME } from './security';


/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export async function appResponse(root: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? resolveStaticPath(root, url.pathname) : null;
  if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  const body = await readFile(file);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { 'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', ...SECURITY_HEADERS },
  });
}

/** Call once the app is ready. */
export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request.url));
}
