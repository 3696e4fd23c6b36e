import { describe, expect, it } from 'vitest';
import { isQuadratError } from '../../../src-engine/errors/quadratError';
import { COLUMN_WIDTH_MM, figureOptions, mmToCssPx, mmToPixels, publicationFigure, screenFigure } from '../../../src-engine/report/figure';
import { pngDpi, setPngDpi } from '../../../src-engine/report/pngDpi';

const FIG = {
  data: [{ type: 'scattergl', mode: 'markers', x: [1, 2], y: [3, 4] }],
  layout: { title: { text: 'Residuals vs fitted' }, xaxis: { title: { text: 'Fitted' }, gridcolor: '#eee' }, yaxis2: { title: 'Other' }, paper_bgcolor: 'rgba(0,0,0,0)' },
};

describe('figure export spec', () => {
  it('sizes: mm to CSS px and to pixels at a DPI', () => {
    expect(mmToCssPx(25.4)).toBeCloseTo(96, 12);
    expect(mmToPixels(COLUMN_WIDTH_MM.single, 300)).toBe(1004);
    expect(mmToPixels(COLUMN_WIDTH_MM.double, 600)).toBe(4134);
  });

  it('publication theme: white, no grid, black outside-ticked axes, shipped font at print size, SVG traces', () => {
    const o = figureOptions({ widthMm: 85, heightMm: 60, fontSizePt: 8 });
    const f = publicationFigure(FIG, o);
    const l = f.layout as Record<string, Record<string, unknown>>;
    expect(f.data[0].type).toBe('scatter');
    expect(l.paper_bgcolor).toBe('#ffffff');
    expect(l.plot_bgcolor).toBe('#ffffff');
    for (const ax of ['xaxis', 'yaxis', 'yaxis2']) {
      expect(l[ax]).toMatchObject({ showgrid: false, zeroline: false, showline: true, linecolor: '#000000', ticks: 'outside' });
    }
    expect(l.yaxis2.title).toMatchObject({ text: 'Other' });
    expect((l.font as { family: string; size: number }).family).toMatch(/^'Liberation Sans', Arial/);
    expect((l.font as { size: number }).size).toBeCloseTo((8 * 96) / 72, 12);
    expect(l.width).toBe(Math.round(mmToCssPx(85)));
    expect(l.height).toBe(Math.round(mmToCssPx(60)));
    // The input is not changed.
    expect(FIG.data[0].type).toBe('scattergl');
  });

  it('publication theme draws what the screen draws: the zero line asked for, and every group label', () => {
    const levels = Array.from({ length: 27 }, (_, i) => `s${300 + i}\u200b`);
    const fig = {
      data: [{ type: 'scatter', mode: 'markers', x: levels.map((_, i) => i - 13), y: levels, xaxis: 'x', yaxis: 'y' }],
      layout: { xaxis: { zeroline: true, zerolinewidth: 1.5 }, yaxis: { type: 'category', showticklabels: true, tickfont: { size: 10 } }, grid: { rows: 1, columns: 1 } },
    };
    const o = figureOptions({ widthMm: 85, heightMm: 70, fontSizePt: 8 });
    const l = publicationFigure(fig, o).layout as Record<string, Record<string, unknown>>;
    expect(l.xaxis).toMatchObject({ zeroline: true, zerolinecolor: '#808080' });
    expect(l.yaxis).toMatchObject({ tickmode: 'linear', dtick: 1 });
    // 27 labels in about 225 px: the labels shrink below the 8 pt body text, but not below 4 pt
    const tick = (l.yaxis.tickfont as { size: number }).size;
    expect(tick).toBeLessThan((8 * 96) / 72);
    expect(tick).toBeGreaterThanOrEqual((4 * 96) / 72);
    expect(tick * 27).toBeLessThanOrEqual(mmToCssPx(70));
  });

  it('screen theme keeps the look, sets the size, a white paper and the shipped font', () => {
    const f = screenFigure({ ...FIG, layout: { ...FIG.layout, font: { family: 'system-ui', size: 12 } } }, figureOptions({ theme: 'screen' }));
    expect(f.data).toBe(FIG.data);
    expect((f.layout as Record<string, unknown>).paper_bgcolor).toBe('#ffffff');
    expect((f.layout as Record<string, unknown>).font).toEqual({ family: "'Liberation Sans', Arial, Helvetica, sans-serif", size: 12 });
    expect(((f.layout as Record<string, Record<string, unknown>>).xaxis).gridcolor).toBe('#eee');
  });

  it('refuses impossible options with a QuadratError that says what is allowed', () => {
    for (const bad of [{ widthMm: 5 }, { heightMm: 900 }, { dpi: 20 }, { format: 'eps' as 'pdf' }, { fontSizePt: 1 }, { widthMm: 500, heightMm: 500, dpi: 1200 }]) {
      let err: unknown;
      try {
        figureOptions(bad);
      } catch (e) {
        err = e;
      }
      expect(isQuadratError(err), JSON.stringify(bad)).toBe(true);
    }
  });

  it('records the DPI in a PNG (pHYs), replacing an old one', () => {
    // A 1×1 PNG.
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    expect(pngDpi(png)).toBeNull();
    const p300 = setPngDpi(png, 300);
    expect(pngDpi(p300)).toBeCloseTo(300, 1);
    const p600 = setPngDpi(p300, 600);
    expect(pngDpi(p600)).toBeCloseTo(600, 1);
    expect(p600.length).toBe(p300.length);
    expect(() => setPngDpi(new Uint8Array(10), 300)).toThrow(/not a PNG/);
  });
});
