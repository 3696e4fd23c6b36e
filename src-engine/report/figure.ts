/**
 * Figure export, the pure part: options (format, size in mm, DPI), their checks, and the publication
 * theme — a Plotly figure restyled for print: white, no grid, black axis lines with outside ticks, the
 * shipped font at a size readable at column width. The Node side (src-main/export/figure.ts) renders
 * the result in Chromium.
 */
import { QuadratError } from '../errors/quadratError';

export type FigureFormat = 'svg' | 'png' | 'pdf';
export type FigureTheme = 'publication' | 'screen';

/** A Plotly figure as JSON: traces and layout (what the UI passes to Plotly.react). */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

export interface FigureOptions {
  format: FigureFormat;
  /** Journal column widths: about 85 mm (single) and 175 mm (double). */
  widthMm: number;
  heightMm: number;
  /** PNG resolution; 300 or 600 for print. Ignored for SVG and PDF (vector). */
  dpi: number;
  theme: FigureTheme;
  /** Base font size in points at the printed size (publication theme). */
  fontSizePt: number;
}

export const COLUMN_WIDTH_MM = { single: 85, double: 175 } as const;
export const FIGURE_FONT_FAMILY = 'Liberation Sans';
/** Liberation Sans is metric-compatible with Arial: the fallbacks keep the layout if the SVG is opened elsewhere. */
export const FIGURE_FONT_STACK = `'${FIGURE_FONT_FAMILY}', Arial, Helvetica, sans-serif`;

export const DEFAULT_FIGURE_OPTIONS: FigureOptions = { format: 'pdf', widthMm: COLUMN_WIDTH_MM.single, heightMm: 70, dpi: 300, theme: 'publication', fontSizePt: 8 };

const CSS_PX_PER_INCH = 96;
export const mmToCssPx = (mm: number): number => (mm / 25.4) * CSS_PX_PER_INCH;
export const ptToCssPx = (pt: number): number => (pt / 72) * CSS_PX_PER_INCH;
/** Pixels of a PNG of this width at this DPI. */
export const mmToPixels = (mm: number, dpi: number): number => Math.round((mm / 25.4) * dpi);

export function figureOptions(partial: Partial<FigureOptions> = {}): FigureOptions {
  const o = { ...DEFAULT_FIGURE_OPTIONS, ...partial };
  const bad = (what: string) => new QuadratError('input', what);
  if (!['svg', 'png', 'pdf'].includes(o.format)) throw bad(`A figure is exported as svg, png or pdf (got "${o.format}").`);
  if (!['publication', 'screen'].includes(o.theme)) throw bad(`The figure theme is "publication" or "screen" (got "${o.theme}").`);
  for (const [k, v] of [['width', o.widthMm], ['height', o.heightMm]] as const)
    if (!Number.isFinite(v) || v < 20 || v > 500) throw bad(`The figure ${k} must be between 20 and 500 mm (got ${v}); a journal column is about 85 mm, a full page width about 175 mm.`);
  if (!Number.isFinite(o.dpi) || o.dpi < 72 || o.dpi > 1200) throw bad(`The resolution must be between 72 and 1200 dpi (got ${o.dpi}); journals ask for 300 or 600.`);
  if (mmToPixels(o.widthMm, o.dpi) * mmToPixels(o.heightMm, o.dpi) > 80e6) throw bad('That size and resolution make an image of more than 80 megapixels; lower the dpi or the size.');
  if (!Number.isFinite(o.fontSizePt) || o.fontSizePt < 4 || o.fontSizePt > 24) throw bad(`The font size must be between 4 and 24 pt (got ${o.fontSizePt}).`);
  return o;
}

const isAxisKey = (k: string) => /^[xy]axis\d*$/.test(k);

function restyleAxis(axis: unknown, fontPx: number, categories = 0, lengthPx = 0): Record<string, unknown> {
  const a = typeof axis === 'object' && axis !== null ? { ...(axis as Record<string, unknown>) } : {};
  const title = a.title;
  const titleObj = typeof title === 'string' ? { text: title } : typeof title === 'object' && title !== null ? { ...(title as Record<string, unknown>) } : undefined;
  // every group label the screen shows is printed: one tick per category, the font shrunk to fit
  const allLabels = a.type === 'category' && a.showticklabels !== false && categories > 0;
  const tickPx = allLabels ? Math.min(fontPx, Math.max(ptToCssPx(MIN_TICK_PT), (lengthPx / categories) * 0.9)) : fontPx;
  return {
    ...a,
    ...(titleObj ? { title: { ...titleObj, font: { size: fontPx, color: '#000000' } } } : {}),
    showgrid: false,
    // a zero line the screen asks for (residuals, caterpillar) is part of the figure's message
    zeroline: a.zeroline === true,
    ...(a.zeroline === true ? { zerolinecolor: '#808080', zerolinewidth: 0.75 } : {}),
    showline: true,
    linecolor: '#000000',
    linewidth: 1,
    mirror: false,
    ticks: 'outside',
    ticklen: 4,
    tickwidth: 1,
    tickcolor: '#000000',
    tickfont: { size: tickPx, color: '#000000' },
    ...(allLabels ? { tickmode: 'linear', dtick: 1 } : {}),
    automargin: true,
  };
}

/** Smallest tick label a print figure gets when many group labels share an axis. */
const MIN_TICK_PT = 4;

/** Distinct values a figure's traces put on one axis ('xaxis2' → traces with xaxis 'x2'). */
function categoriesOn(fig: PlotlyFigure, axisKey: string): number {
  const letter = axisKey[0] as 'x' | 'y';
  const ref = letter + axisKey.slice(5);
  const seen = new Set<unknown>();
  for (const t of fig.data) {
    if ((t[`${letter}axis`] ?? letter) !== ref) continue;
    const v = t[letter];
    if (Array.isArray(v)) for (const c of v) seen.add(c);
  }
  return seen.size;
}

/** Rough length of one panel's axis: the figure's size over the subplot grid's rows or columns, less the margins. */
function panelLengthPx(layout: Record<string, unknown>, axisKey: string, o: FigureOptions): number {
  const grid = (layout.grid ?? {}) as { rows?: number; columns?: number };
  const vertical = axisKey.startsWith('y');
  const total = vertical ? mmToCssPx(o.heightMm) : mmToCssPx(o.widthMm);
  const panels = (vertical ? grid.rows : grid.columns) ?? 1;
  return Math.max(0, total / panels - 40);
}

/**
 * The figure restyled for print at the given size. Traces are kept, except that WebGL scatter
 * (scattergl) becomes SVG scatter: WebGL would be rasterised in SVG and PDF output.
 */
export function publicationFigure(fig: PlotlyFigure, o: FigureOptions): PlotlyFigure {
  const fontPx = ptToCssPx(o.fontSizePt);
  const layout: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fig.layout)) layout[k] = isAxisKey(k) ? restyleAxis(v, fontPx, categoriesOn(fig, k), panelLengthPx(fig.layout, k, o)) : v;
  if (!('xaxis' in layout)) layout.xaxis = restyleAxis({}, fontPx);
  if (!('yaxis' in layout)) layout.yaxis = restyleAxis({}, fontPx);
  const title = layout.title;
  if (title !== undefined) {
    const t = typeof title === 'string' ? { text: title } : { ...(title as Record<string, unknown>) };
    layout.title = { ...t, font: { size: ptToCssPx(o.fontSizePt + 1), color: '#000000' }, x: 0.02, xanchor: 'left' };
  }
  const data = fig.data.map((t) => {
    const trace = { ...t };
    if (trace.type === 'scattergl') trace.type = 'scatter';
    return trace;
  });
  return {
    data,
    layout: {
      ...layout,
      ...sized(o),
      font: { family: FIGURE_FONT_STACK, size: fontPx, color: '#000000' },
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      margin: { l: 8, r: 8, t: title !== undefined ? 28 : 8, b: 8, pad: 0 },
      hovermode: false,
    },
  };
}

function sized(o: FigureOptions): { width: number; height: number; autosize: false } {
  return { width: Math.round(mmToCssPx(o.widthMm)), height: Math.round(mmToCssPx(o.heightMm)), autosize: false };
}

/**
 * The figure as it looks on screen, at the export size, on white (a transparent paper prints oddly),
 * in the shipped font so the file is the same on every system.
 */
export function screenFigure(fig: PlotlyFigure, o: FigureOptions): PlotlyFigure {
  const font = typeof fig.layout.font === 'object' && fig.layout.font !== null ? (fig.layout.font as Record<string, unknown>) : {};
  return { data: fig.data, layout: { ...fig.layout, ...sized(o), paper_bgcolor: '#ffffff', font: { ...font, family: FIGURE_FONT_STACK } } };
}

export function themedFigure(fig: PlotlyFigure, o: FigureOptions): PlotlyFigure {
  return o.theme === 'publication' ? publicationFigure(fig, o) : screenFigure(fig, o);
}

export function figureFileName(base: string, o: FigureOptions): string {
  return `${base}.${o.format}`;
}
