/**
 * A FigureBrowser over any window that runs JavaScript and speaks the Chrome DevTools Protocol — in
 * the Electron app, a hidden BrowserWindow and its webContents.debugger — so figure export needs no
 * separate Chromium there. PDF and PNG come from CDP's Page.printToPDF and Page.captureScreenshot
 * (the calls playwright makes). This module imports nothing from Electron: the app passes a factory,
 *
 *   setFigureBrowserFactory(async () => cdpFigureBrowser(() => new BrowserWindow({ show: false,
 *     webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } })));
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FigureBrowser, type FigurePage } from './figure';

/** The part of Electron's BrowserWindow the exporter uses. */
export interface CdpWindow {
  loadFile(path: string): Promise<unknown>;
  webContents: {
    executeJavaScript(code: string, userGesture?: boolean): Promise<unknown>;
    debugger: { attach(protocolVersion?: string): void; isAttached(): boolean; sendCommand(method: string, params?: object): Promise<unknown> };
  };
  destroy(): void;
}

const MM_PER_INCH = 25.4;

export function cdpFigureBrowser(createWindow: () => CdpWindow): FigureBrowser {
  return {
    async newPage(): Promise<FigurePage> {
      const win = createWindow();
      // Pages are loaded from a private temp file: Plotly's bundle is too large for a data: URL.
      const dir = mkdtempSync(join(tmpdir(), 'quadrat-figure-'));
      const file = join(dir, 'figure.html');
      const cdp = (method: string, params?: object) => {
        if (!win.webContents.debugger.isAttached()) win.webContents.debugger.attach('1.3');
        return win.webContents.debugger.sendCommand(method, params) as Promise<{ data: string }>;
      };
      return {
        async setContent(html) {
          writeFileSync(file, html);
          await win.loadFile(file);
        },
        evaluate<T>(body: string, arg: unknown) {
          return win.webContents.executeJavaScript(`(async (arg) => { ${body} })(${JSON.stringify(arg)})`, true) as Promise<T>;
        },
        async pdf(widthMm, heightMm) {
          const { data } = await cdp('Page.printToPDF', {
            paperWidth: widthMm / MM_PER_INCH,
            paperHeight: heightMm / MM_PER_INCH,
            marginTop: 0,
            marginBottom: 0,
            marginLeft: 0,
            marginRight: 0,
            printBackground: true,
            pageRanges: '1',
          });
          return new Uint8Array(Buffer.from(data, 'base64'));
        },
        async screenshot(width, height, scale) {
          const { data } = await cdp('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height, scale }, captureBeyondViewport: true, fromSurface: true });
          return new Uint8Array(Buffer.from(data, 'base64'));
        },
        async close() {
          win.destroy();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    async close() {
      // Windows are destroyed page by page; nothing else to release.
    },
  };
}
