/**
 * The Electron IPC transport: one invoke channel per API method ("quadrat:<method>"). Every call is
 * checked: it must come from the top frame of our own app:// page; its params are validated by the
 * contract's schema in dispatch. Answers are envelopes, since contextBridge drops Error fields.
 */
import { type IpcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { type ApiApp } from '../api/apiApp';
import { type Envelope } from '../api/client';
import { methodNames } from '../api/contract';
import { CHANNEL_PREFIX, EVENT_CHANNEL } from './channels';
import { isTrustedUrl } from './security';


export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame !== event.sender.mainFrame) return false; // no iframes
  return isTrustedUrl(frame.url);
}

export function registerIpc(ipcMain: IpcMain, api: ApiApp, trusted: (e: IpcMainInvokeEvent) => boolean = isTrustedSender): () => void {
  for (const method of methodNames) {
    ipcMain.handle(CHANNEL_PREFIX + method, async (event, params: unknown): Promise<Envelope> => {
      if (!trusted(event)) return { ok: false, status: 403, error: { kind: 'input', message: 'Refused: the request did not come from Quadrat.' } };
      return api.call(method, params);
    });
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(CHANNEL_PREFIX + method);
  };
}

/** Forwards API events to a window (only to our own page). */
export function forwardEvents(api: ApiApp, contents: () => WebContents | null): () => void {
  return api.subscribe((event, payload) => {
    const wc = contents();
    if (wc && !wc.isDestroyed() && isTrustedUrl(wc.getURL())) wc.send(EVENT_CHANNEL, event, payload);
  });
}
