/**
 * The preload (sandboxed, bundled to CommonJS): exposes `window.quadrat`, one function per API
 * method, plus `on` for the contract's events. No raw ipcRenderer reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { type Envelope } from '../api/client';
import { EVENT_NAMES, METHOD_NAMES } from '../api/names';
import { CHANNEL_PREFIX, EVENT_CHANNEL } from './channels';


export function buildBridge(): Record<string, unknown> {
  const bridge: Record<string, Record<string, (params: unknown) => Promise<Envelope>> | unknown> = {};
  for (const method of METHOD_NAMES) {
    const [domain, verb] = method.split('.') as [string, string];
    const group = (bridge[domain] ??= {}) as Record<string, (params: unknown) => Promise<Envelope>>;
    group[verb] = (params: unknown) => ipcRenderer.invoke(CHANNEL_PREFIX + method, params ?? {}) as Promise<Envelope>;
  }
  bridge.on = (event: string, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event "${event}"`);
    const handler = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  };
  // a picked or dropped file's path, so main imports it from disk instead of its bytes crossing IPC
  bridge.pathForFile = (file: File) => webUtils.getPathForFile(file);
  return bridge;
}

contextBridge.exposeInMainWorld('quadrat', buildBridge());
