/**
 * `npx tsx bench/figure.ts [--repeat N]`: how long a figure export takes in the app — the first one
 * (Chromium starts, Plotly loads) and the next ones from the warm renderer (src-main/export/
 * figureSession.ts), for a 180-point residual plot and a 27-level caterpillar as PDF, SVG and PNG.
 * Goal (issue 17): a PDF (and a PNG) under 1 s warm. A benchmark, never a test: nothing here asserts a timing.
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { figureOptions, type PlotlyFigure } from '../src-engine/report/figure';
import { launchChromium } from '../src-main/export/figure';
import { FigureSession } from '../src-main/export/figureSession';
import { printTable } from './benchCases';

const i = process.argv.indexOf('--repeat');
const REPEAT = i > 0 ? Number(process.argv[i + 1]) : 5;

const x = Array.from({ length: 180 }, (_, k) => 200 + k);
const residuals: PlotlyFigure = {
  data: [{ type: 'scattergl', mode: 'markers', x, y: x.map((v) => Math.sin(v) * 30) }],
  layout: { title: { text: 'Residuals vs fitted' }, xaxis: { title: { text: 'Fitted values' } }, yaxis: { title: { text: 'Residuals' }, zeroline: true } },
};
const levels = Array.from({ length: 27 }, (_, k) => `S${300 + k}\u200b`);
const caterpillar: PlotlyFigure = {
  data: [{ type: 'scatter', mode: 'markers', x: levels.map((_, k) => k - 13), y: levels }],
  layout: { title: { text: 'Random effects' }, xaxis: { zeroline: true }, yaxis: { type: 'category' } },
};

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const ms = (t: number) => `${t.toFixed(0)} ms`;

const session = new FigureSession(launchChromium);
const t0 = performance.now();
await session.render(residuals, figureOptions({ format: 'pdf' }));
const first = performance.now() - t0;
const rows: string[][] = [['residuals PDF, first export (starts Chromium, loads Plotly)', ms(first), '']];
for (const [name, fig] of [['residuals', residuals], ['caterpillar', caterpillar]] as const) {
  for (const format of ['pdf', 'svg', 'png'] as const) {
    const times: number[] = [];
    for (let r = 0; r < REPEAT; r++) {
      const t = performance.now();
      await session.render(fig, figureOptions({ format }));
      times.push(performance.now() - t);
    }
    rows.push([`${name} ${format.toUpperCase()}, warm`, ms(median(times)), format !== 'svg' ? (median(times) < 1000 ? 'met' : 'NOT met') : '']);
  }
}
await session.close();
console.log(`Figure export (median of ${REPEAT} warm exports; load average ${loadavg()[0].toFixed(1)} on this machine)`);
printTable(['export', 'time', 'goal: PDF/PNG < 1 s warm'], rows);
