/**
 * The renderer's one way to the app: the typed client from src-main/api. In Electron the preload
 * exposes window.quadrat (answers as envelopes, wrapped here by bridgeTransport); in a browser (`npm run web`, e2e tests) we build it over loopback
 * HTTP with the token the server put in the page address (kept for reloads of the tab).
 */
import { bridgeTransport, createClient, httpTransport, type QuadratApi, type QuadratBridge } from '../../src-main/api/client';
import { setServerConnection } from './serverConnection';

declare global {
  interface Window {
    quadrat?: QuadratBridge;
  }
}

const TOKEN_KEY = 'quadrat.token';

function tokenFromLocation(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(window.location.search).get('token');
  return fromHash ?? fromQuery;
}

export function connect(): QuadratApi {
  if (window.quadrat) return createClient(bridgeTransport(window.quadrat));
  let token = tokenFromLocation();
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    // Keep the token out of the visible address (and out of screenshots) once stored.
    history.replaceState(null, '', window.location.pathname);
  } else {
    token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  }
  return createClient(httpTransport({ baseUrl: '', token, onConnection: setServerConnection }));
}
