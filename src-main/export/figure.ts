/**
 * Figure export on the Node side: a Plotly figure (data + layout JSON, as the UI draws it) rendered in
 * headless Chromium with the shipped font — SVG from Plotly's own toImage, PDF by printing that SVG
 * (vector paths, embedded font subset), PNG by a screenshot at DPI/96 device pixels per CSS pixel with
 * the DPI recorded in the file. Chromium is Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by
 * playwright-core; the Electron app can implement FigurePage with an offscreen BrowserWindow.
 */
import { existsSync } from 'node:fs';
import { QuadratError } from '../../src-engine/errors/quadratError';
import {
  FIGURE_FONT_FAMILY,
  type FigureOptions,
  mmToCssPx,
  type PlotlyFigure,
  themedFigure,
} from '../../src-engine/report/figure';
import { setPngDpi } from '../../src-engine/report/pngDpi';
import type * as PlaywrightCore from 'playwright-core';
import { figureFontCss, plotlyBundle } from './assets';

/** What the exporter needs from a browser page; playwright's Page and Electron's webContents both fit. */
export interface FigurePage {
  setContent(html: string): Promise<void>;
  /** Run an async function body in the page and return its JSON result. */
  evaluate<T>(body: string, arg: unknown): Promise<T>;
  pdf(widthMm: number, heightMm: number): Promise<Uint8Array>;
  /** A PNG of the top-left width × height CSS px of the page as it is, rasterised at `scale` device px per CSS px. */
  screenshot(widthCssPx: number, heightCssPx: number, scale: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface FigureBrowser {
  newPage(): Promise<FigurePage>;
  close(): Promise<void>;
}

export const FIGURE_MIME = { svg: 'image/svg+xml', png: 'image/png', pdf: 'application/pdf' } as const;

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new QuadratError('input', `Figure export needs Chromium, which was not found at ${path}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return path;
}

/** Debian's Chromium through playwright-core (a dev/CLI dependency, loaded only when used). */
export async function launchChromium(): Promise<FigureBrowser> {
  const executablePath = chromiumPath();
  let pw: typeof PlaywrightCore;
  try {
    pw = await import('playwright-core');
  } catch {
    throw new QuadratError('input', 'Figure export needs the playwright-core package, which is not installed with this copy of Quadrat.');
  }
  const browser = await pw.chromium.launch({ executablePath, args: ['--font-render-hinting=none'] });
  return {
    async newPage() {
      const context = await browser.newContext({ deviceScaleFactor: 1 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      return {
        async setContent(h) {
          await page.setContent(h, { waitUntil: 'load' });
        },
        evaluate: <T>(body: string, arg: unknown) => page.evaluate(({ body, arg }) => new Function('arg', `return (async () => { ${body} })()`)(arg) as Promise<T>, { body, arg }),
        async pdf(w, h) {
          return new Uint8Array(await page.pdf({ width: `${w}mm`, height: `${h}mm`, printBackground: true, pageRanges: '1', margin: { top: '0', right: '0', bottom: '0', left: '0' } }));
        },
        async screenshot(w, h, scale) {
          // CDP's clip scale rasterises the vector content afresh at that scale (as the Electron
          // exporter does): no second page at another device scale factor, no reload of the fonts
          const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: w, height: h, scale }, captureBeyondViewport: true, fromSurface: true });
          return new Uint8Array(Buffer.from(data, 'base64'));
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Load Plotly and the shipped font into a page once; drawSvg can then draw any number of figures in it. */
export async function loadPlotly(page: FigurePage): Promise<void> {
  await page.setContent(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${figureFontCss(FIGURE_FONT_FAMILY)} body{margin:0}</style>` +
      `<script>${plotlyBundle().replaceAll('</script', '<\\/script')}</script></head><body><div id="fig"></div></body></html>`,
  );
  await page.evaluate(
    `await Promise.all(['normal', 'bold', 'italic'].map((v) => document.fonts.load(v === 'italic' ? "italic 12px '${FIGURE_FONT_FAMILY}'" : v + " 12px '${FIGURE_FONT_FAMILY}'"))); return null;`,
    null,
  );
}

/** Draw a figure in a page holding Plotly (loadPlotly) and return Plotly's SVG; the page is left clean for the next. */
export async function drawSvg(page: FigurePage, fig: PlotlyFigure): Promise<string> {
  const svg = await page.evaluate<string>(
    `const gd = document.getElementById('fig');
     try {
       await Plotly.newPlot(gd, arg.data, arg.layout, { staticPlot: true });
       const url = await Plotly.toImage(gd, { format: 'svg', width: arg.layout.width, height: arg.layout.height });
       return decodeURIComponent(url.slice(url.indexOf(',') + 1));
     } finally {
       Plotly.purge(gd);
     }`,
    fig,
  );
  if (!svg.startsWith('<svg')) throw new Error('Plotly did not return an SVG image.');
  return svg;
}

/** Draw the figure with Plotly in the page and return Plotly's SVG, text set in the shipped font. */
export async function figureToSvg(page: FigurePage, fig: PlotlyFigure): Promise<string> {
  await loadPlotly(page);
  return drawSvg(page, fig);
}

/** A page holding only the SVG at its printed size, with the font available for embedding. */
function svgPage(svg: string, o: FigureOptions): string {
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${figureFontCss(FIGURE_FONT_FAMILY)}` +
    `@page{size:${o.widthMm}mm ${o.heightMm}mm;margin:0}html,body{margin:0;padding:0;background:#fff}` +
    `svg{display:block;width:${mmToCssPx(o.widthMm)}px;height:${mmToCssPx(o.heightMm)}px}</style></head><body>${svg}</body></html>`
  );
}

export interface FigureFile {
  content: string | Uint8Array;
  mimeType: string;
  extension: FigureOptions['format'];
}

/**
 * The screenshot's clip in whole CSS pixels, as the plot's own layout is (report/figure.ts, sized). Chromium 150
 * floors a fractional clip (50 mm = 188.98 px → 188: six rows short at 600 dpi); rounded, a PNG is
 * within half a CSS pixel at its scale of the asked size in mm.
 */
const clipCssPx = (mm: number): number => Math.round(mmToCssPx(mm));

/** An SVG as a PDF or PNG file of the asked size, printed in a page of its own. */
export async function printSvg(page: FigurePage, svg: string, o: FigureOptions): Promise<FigureFile> {
  await page.setContent(svgPage(svg, o));
  await page.evaluate('await document.fonts.ready; return null;', null);
  if (o.format === 'pdf') return { content: await page.pdf(o.widthMm, o.heightMm), mimeType: FIGURE_MIME.pdf, extension: 'pdf' };
  const png = await page.screenshot(clipCssPx(o.widthMm), clipCssPx(o.heightMm), o.dpi / 96);
  return { content: setPngDpi(png, o.dpi), mimeType: FIGURE_MIME.png, extension: 'png' };
}

/**
 * A PDF or PNG of an SVG printed in the page that drew it (loadPlotly's page, whose fonts are loaded):
 * no new page, no second copy of the fonts to parse — what makes a warm export fast. The page is put
 * back as it was for the next figure.
 */
export async function printSvgInPlace(page: FigurePage, svg: string, o: FigureOptions): Promise<FigureFile> {
  const width = mmToCssPx(o.widthMm);
  const height = mmToCssPx(o.heightMm);
  const css = `@page{size:${o.widthMm}mm ${o.heightMm}mm;margin:0}html,body{margin:0;padding:0;background:#fff}#fig{display:none}#print svg{display:block;width:${width}px;height:${height}px}`;
  await page.evaluate(
    `const style = document.createElement('style'); style.id = 'print-style'; style.textContent = arg.css; document.head.appendChild(style);
     const box = document.createElement('div'); box.id = 'print'; box.innerHTML = arg.svg; document.body.appendChild(box);
     await document.fonts.ready; return null;`,
    { css, svg },
  );
  try {
    if (o.format === 'pdf') return { content: await page.pdf(o.widthMm, o.heightMm), mimeType: FIGURE_MIME.pdf, extension: 'pdf' };
    const png = await page.screenshot(clipCssPx(o.widthMm), clipCssPx(o.heightMm), o.dpi / 96);
    return { content: setPngDpi(png, o.dpi), mimeType: FIGURE_MIME.png, extension: 'png' };
  } finally {
    await page.evaluate(`document.getElementById('print-style')?.remove(); document.getElementById('print')?.remove(); return null;`, null);
  }
}

/** Render one figure in an open browser (reuse it for several figures). */
export async function renderFigure(browser: FigureBrowser, fig: PlotlyFigure, o: FigureOptions): Promise<FigureFile> {
  const page = await browser.newPage();
  try {
    const svg = await figureToSvg(page, themedFigure(fig, o));
    if (o.format === 'svg') return { content: svg, mimeType: FIGURE_MIME.svg, extension: 'svg' };
    return await printSvg(page, svg, o);
  } finally {
    await page.close();
  }
}

/** Launch Chromium, render, close: for one-off exports (CLI, API). */
export async function exportFigure(fig: PlotlyFigure, o: FigureOptions): Promise<FigureFile> {
  const browser = await launchChromium();
  try {
    return await renderFigure(browser, fig, o);
  } finally {
    await browser.close();
  }
}
