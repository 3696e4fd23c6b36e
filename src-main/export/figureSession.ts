/**
 * One warm figure renderer for the app. Starting Chromium and loading Plotly's 3 MB bundle are most of
 * an export's time, so the first export starts them and later exports reuse them (goal: a PDF or PNG in under
 * a second warm); they are closed after a minute without exports, on close(), or after any failure (the
 * next export starts afresh). Exports run one at a time: they share the Plotly page.
 */
import { themedFigure, type FigureOptions, type PlotlyFigure } from '../../src-engine/report/figure';
import { drawSvg, FIGURE_MIME, type FigureBrowser, type FigureFile, type FigurePage, loadPlotly, printSvgInPlace } from './figure';

export const FIGURE_IDLE_MS = 60_000;

export class FigureSession {
  private browser: FigureBrowser | null = null;
  private plotPage: FigurePage | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** How many browsers this session has started (for tests and the bench). */
  launches = 0;

  constructor(
    private readonly launch: () => Promise<FigureBrowser>,
    private readonly idleMs = FIGURE_IDLE_MS,
  ) {}

  render(fig: PlotlyFigure, o: FigureOptions): Promise<FigureFile> {
    const run = this.queue.then(() => this.renderNow(fig, o));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Close the browser now (app shutdown, or a new browser factory). */
  async close(): Promise<void> {
    this.clearIdle();
    const browser = this.browser;
    this.browser = null;
    this.plotPage = null;
    await browser?.close().catch(() => undefined);
  }

  private async renderNow(fig: PlotlyFigure, o: FigureOptions): Promise<FigureFile> {
    this.clearIdle();
    try {
      const plot = await this.plotlyPage();
      const svg = await drawSvg(plot, themedFigure(fig, o));
      if (o.format === 'svg') return { content: svg, mimeType: FIGURE_MIME.svg, extension: 'svg' };
      return await printSvgInPlace(plot, svg, o);
    } catch (e) {
      await this.close();
      throw e;
    } finally {
      if (this.browser) this.armIdle();
    }
  }

  private async plotlyPage(): Promise<FigurePage> {
    if (this.plotPage) return this.plotPage;
    this.browser ??= await this.launch();
    this.launches++;
    const page = await this.browser.newPage();
    await loadPlotly(page);
    this.plotPage = page;
    return page;
  }

  private armIdle(): void {
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    // an idle browser must not keep a CLI or test process alive
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
