/**
 * `npm run web`: the browser build. Serves the built renderer (dist-web) and the API over loopback
 * HTTP, runs fits in worker threads, and prints the URL with its token. The port and token are the
 * user's last ones (webSession.ts), so an open tab reconnects to a restarted server.
 *   node dist/web/server.mjs [--port N] [--user-data DIR] [--new-token]
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiApp } from '../api/apiApp';
import { createWorkerThreadHost } from '../host/workerThreadHost';
import { UserData } from '../store/userData';
import { listenOnChosenPort } from './choosePort';
import { newToken, type RunningHttpTransport, startHttpTransport } from './httpTransport';
import { defaultUserDataDir } from './userDataDir';
import { readWebSession, writeWebSession } from './webSession';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, '../..');
  const portText = argValue(args, '--port');
  const asked = portText === undefined ? undefined : Number(portText);
  if (asked !== undefined && (!Number.isInteger(asked) || asked < 0 || asked > 65535)) {
    console.error(`error: --port must be a port number, not "${portText}"`);
    process.exit(2);
  }
  const userDataDir = resolve(argValue(args, '--user-data') ?? defaultUserDataDir());
  const last = readWebSession(userDataDir);
  const token = !args.includes('--new-token') && last ? last.token : newToken();
  const staticDir = resolve(root, 'dist-web');
  const examplesDir = resolve(root, 'assets/examples');
  const { workers } = new UserData(userDataDir).settings();
  const app = createApiApp({
    userDataDir,
    host: createWorkerThreadHost({ workerPath: resolve(here, '../host/engineWorker.mjs'), size: workers, warmUp: true, prestart: true }),
    transport: 'http',
    examplesDir: existsSync(examplesDir) ? examplesDir : null,
  });
  const serve = (port: number) => startHttpTransport({ app, port, token, staticDir: existsSync(staticDir) ? staticDir : null });
  const chosen = await listenOnChosenPort(serve, asked, last?.port);
  if (!chosen.ok) {
    console.error(`error: ${chosen.message}`);
    await app.close();
    process.exit(2);
  }
  if (chosen.note) console.log(chosen.note);
  const http: RunningHttpTransport = chosen.running;
  writeWebSession(userDataDir, { port: http.port, token: http.token });
  const link = `${http.url}#token=${http.token}`;
  console.log(`Quadrat (browser build) is running at\n  ${link}\nOpen that address in a browser on this computer. Press Ctrl+C to stop.`);
  if (!existsSync(staticDir)) console.log('Note: the renderer is not built yet (dist-web is missing); only the API is served.');
  const stop = async () => {
    await http.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main(process.argv.slice(2));
