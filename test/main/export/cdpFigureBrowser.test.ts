/**
 * The CDP figure browser (what the Electron app uses, over BrowserWindow.webContents.debugger) run
 * against real Chromium: a window shim maps loadFile / executeJavaScript / debugger.sendCommand onto
 * a playwright page and its CDP session, so the CDP calls themselves are the real ones.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PlaywrightCore from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureOptions, mmToPixels } from '../../../src-engine/report/figure';
import { pngDpi } from '../../../src-engine/report/pngDpi';
import { cdpFigureBrowser, type CdpWindow } from '../../../src-main/export/cdpFigureBrowser';
import { renderFigure } from '../../../src-main/export/figure';
import { hasTool, pdfFonts, pdfText } from './tools';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const READY = existsSync(CHROMIUM) && hasTool('pdffonts', ['-v']);
if (!READY) console.warn('cdpFigureBrowser.test: Chromium or poppler-utils is missing — the CDP figure path is NOT tested.');

const FIG = {
  data: [{ type: 'scatter', mode: 'markers', x: [1, 2, 3, 4], y: [2, 1, 4, 3] }],
  layout: { title: { text: 'Caterpillar' }, xaxis: { title: { text: 'Conditional mode' } } },
};

describe.runIf(READY)('figure export over CDP (the Electron path)', () => {
  let browser: PlaywrightCore.Browser;
  let destroyed = 0;
  // window teardown is fire-and-forget in the app; here it is awaited before the browser closes, or a
  // context still closing when afterAll ends the browser rejects unhandled ("Target … has been closed")
  const closing: Promise<unknown>[] = [];
  const windows = () =>
    cdpFigureBrowser(() => {
      const pending = (async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        return { context, page, cdp: await context.newCDPSession(page) };
      })();
      let attached = false;
      const win: CdpWindow = {
        loadFile: async (path) => (await pending).page.goto(pathToFileURL(path).href),
        webContents: {
          executeJavaScript: async (code) => (await pending).page.evaluate(code),
          debugger: {
            attach: () => {
              attached = true;
            },
            isAttached: () => attached,
            sendCommand: async (method, params) => {
              if (!attached) throw new Error('debugger not attached');
              return (await pending).cdp.send(method as 'Page.printToPDF', params as never);
            },
          },
        },
        destroy: () => {
          destroyed++;
          closing.push(pending.then((p) => p.context.close()).catch(() => undefined));
        },
      };
      return win;
    });
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-cdp-'));

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM });
  });
  afterAll(async () => {
    await Promise.all(closing);
    await browser?.close();
  });

  it('prints a vector PDF of the asked size with the embedded font', async () => {
    const f = await renderFigure(windows(), FIG, figureOptions({ format: 'pdf', widthMm: 85, heightMm: 50 }));
    const path = join(dir, 'f.pdf');
    writeFileSync(path, f.content);
    expect(pdfFonts(path)).toMatch(/LiberationSans\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(pdfText(path)).toContain('Conditional mode');
    expect(destroyed).toBeGreaterThan(0);
  });

  it('captures a PNG at 600 dpi with its DPI recorded', async () => {
    const f = await renderFigure(windows(), FIG, figureOptions({ format: 'png', widthMm: 85, heightMm: 50, dpi: 600 }));
    const png = f.content as Uint8Array;
    const view = new DataView(png.buffer, png.byteOffset);
    expect(Math.abs(view.getUint32(16) - mmToPixels(85, 600))).toBeLessThanOrEqual(2);
    expect(Math.abs(view.getUint32(20) - mmToPixels(50, 600))).toBeLessThanOrEqual(2);
    expect(pngDpi(png)).toBeCloseTo(600, 0);
    writeFileSync(join(dir, 'f.png'), png);
  });
});
