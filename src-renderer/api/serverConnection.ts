/**
 * The browser build's connection to its server, as the HTTP transport reports it (client.ts,
 * ConnectionState): a small store the banner reads. Electron's IPC has no such state: it stays
 * 'connected'.
 */
import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../../src-main/api/client';

let state: ConnectionState = 'connected';
const listeners = new Set<() => void>();

export function setServerConnection(next: ConnectionState): void {
  state = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useServerConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, () => state);
}
