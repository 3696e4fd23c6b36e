/**
 * Figures rendered in headless Chromium: the PDF is one page of the asked size with vector text in the
 * embedded shipped font (pdffonts/pdftotext), the PNG has the pixels and DPI asked for, the SVG is
 * Plotly's with the font named. Needs /usr/bin/chromium (or CHROMIUM_PATH) and poppler-utils.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureOptions, mmToPixels } from '../../../src-engine/report/figure';
import { pngDpi } from '../../../src-engine/report/pngDpi';
import { type FigureBrowser, launchChromium, renderFigure } from '../../../src-main/export/figure';
import { FigureSession } from '../../../src-main/export/figureSession';
import { hasTool, pdfFonts, pdfText } from './tools';

const CHROMIUM = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const POPPLER = hasTool('pdffonts', ['-v']);
if (!CHROMIUM || !POPPLER) console.warn('figure.test: Chromium or poppler-utils is missing — figure rendering is NOT tested. Install: apt-get install -y chromium poppler-utils');

const x = Array.from({ length: 40 }, (_, i) => i / 4);
const FIG = {
  data: [
    { type: 'scattergl', mode: 'markers', x, y: x.map((v) => Math.sin(v)), marker: { size: 6 } },
    { type: 'scatter', mode: 'lines', x, y: x.map(() => 0), line: { dash: 'dash' } },
  ],
  layout: { title: { text: 'Residuals vs fitted' }, xaxis: { title: { text: 'Fitted values' } }, yaxis: { title: { text: 'Residuals' } }, showlegend: false },
};

describe.runIf(CHROMIUM && POPPLER)('figure export in Chromium', () => {
  let browser: FigureBrowser;
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-fig-'));
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('PDF: one page of 85 × 60 mm, vector text in embedded Liberation Sans', async () => {
    const f = await renderFigure(browser, FIG, figureOptions({ format: 'pdf', widthMm: 85, heightMm: 60 }));
    const path = join(dir, 'fig.pdf');
    writeFileSync(path, f.content);
    const fonts = pdfFonts(path);
    expect(fonts).toMatch(/LiberationSans\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(fonts).not.toMatch(/DejaVu|Arial|Helvetica/);
    const text = pdfText(path);
    for (const s of ['Residuals vs fitted', 'Fitted values', 'Residuals']) expect(text).toContain(s);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    // Chromium rounds the paper size slightly (within half a millimetre).
    expect(Math.abs(Number(w) - (85 / 25.4) * 72)).toBeLessThan(1.5);
    expect(Math.abs(Number(h) - (60 / 25.4) * 72)).toBeLessThan(1.5);
    // No raster images: the points were drawn as vector paths (scattergl became scatter).
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').length).toBe(2);
  });

  it('PNG: the pixel size and DPI asked for (175 mm at 300 dpi)', async () => {
    const o = figureOptions({ format: 'png', widthMm: 175, heightMm: 80, dpi: 300 });
    const f = await renderFigure(browser, FIG, o);
    const png = f.content as Uint8Array;
    const view = new DataView(png.buffer, png.byteOffset);
    expect(Math.abs(view.getUint32(16) - mmToPixels(175, 300))).toBeLessThanOrEqual(2);
    expect(Math.abs(view.getUint32(20) - mmToPixels(80, 300))).toBeLessThanOrEqual(2);
    expect(pngDpi(png)).toBeCloseTo(300, 0);
    writeFileSync(join(dir, 'fig.png'), png);
  });

  it('SVG: vector text naming the shipped font, publication theme applied', async () => {
    const f = await renderFigure(browser, FIG, figureOptions({ format: 'svg' }));
    const svg = f.content as string;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Liberation Sans');
    expect(svg).toContain('Residuals vs fitted');
    expect(svg).not.toContain('<image');
  });
});

describe.runIf(CHROMIUM && POPPLER)('the app keeps one warm figure browser', () => {
  const session = new FigureSession(launchChromium);
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-fig-session-'));
  afterAll(async () => {
    await session.close();
  });

  it('a caterpillar PDF prints all 27 group labels and the zero line; the next export reuses the browser', async () => {
    const levels = Array.from({ length: 27 }, (_, i) => `S${300 + i}\u200b`);
    const cat = {
      data: [{ type: 'scatter', mode: 'markers', x: levels.map((_, i) => (i - 13) / 2), y: levels }],
      layout: { title: { text: 'Random effects' }, xaxis: { title: { text: 'Subject: (Intercept)' }, zeroline: true }, yaxis: { type: 'category', showticklabels: true } },
    };
    const path = join(dir, 'caterpillar.pdf');
    writeFileSync(path, (await session.render(cat, figureOptions({ format: 'pdf', widthMm: 85, heightMm: 70 }))).content);
    const text = pdfText(path);
    for (const l of levels) expect(text).toContain(l.replace('\u200b', ''));
    // printed in the Plotly page itself: still one page of the asked size, the font embedded
    expect(pdfFonts(path)).toMatch(/LiberationSans\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))!;
    expect(Math.abs(Number(w) - (85 / 25.4) * 72)).toBeLessThan(1.5);
    expect(Math.abs(Number(h) - (70 / 25.4) * 72)).toBeLessThan(1.5);
    const svg = (await session.render(cat, figureOptions({ format: 'svg' }))).content as string;
    expect(svg).toMatch(/class="zerolinelayer"><path/);
    expect(session.launches).toBe(1);
  });

  it('a PNG is drawn in the warm Plotly page at the asked pixel size and DPI, and leaves the page clean', async () => {
    const before = session.launches;
    const o = figureOptions({ format: 'png', widthMm: 175, heightMm: 80, dpi: 300 });
    const png = (await session.render(FIG, o)).content as Uint8Array;
    const view = new DataView(png.buffer, png.byteOffset);
    expect(Math.abs(view.getUint32(16) - mmToPixels(175, 300))).toBeLessThanOrEqual(2);
    expect(Math.abs(view.getUint32(20) - mmToPixels(80, 300))).toBeLessThanOrEqual(2);
    expect(pngDpi(png)).toBeCloseTo(300, 0);
    // the printed copy is gone: the next PDF is one page holding one figure
    const path = join(dir, 'after-png.pdf');
    writeFileSync(path, (await session.render(FIG, figureOptions({ format: 'pdf', widthMm: 85, heightMm: 60 }))).content);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    expect(pdfText(path).split('Residuals vs fitted').length - 1).toBe(1);
    expect(session.launches).toBe(before);
  });

  it('after close() (idle or shutdown) the next export starts a browser again', async () => {
    await session.close();
    const f = await session.render(FIG, figureOptions({ format: 'svg' }));
    expect((f.content as string).startsWith('<svg')).toBe(true);
    expect(session.launches).toBe(2);
  });
});
