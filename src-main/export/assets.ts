/**
 * Files the exporters read at run time: the shipped fonts (assets/fonts) and Plotly's browser bundle.
 * Looked up beside the working tree, the running script and Electron's resources, so the CLI, the
 * web server, tests and the packaged app all find them. A missing file is a broken install (plain Error).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function candidates(rel: string): string[] {
  const roots = [process.env.QUADRAT_ASSETS, join(process.cwd(), 'assets')];
  if (process.argv[1]) roots.push(join(dirname(process.argv[1]), '..', '..', 'assets'), join(dirname(process.argv[1]), '..', 'assets'));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) roots.push(join(resources, 'assets'));
  return roots.filter((r): r is string => !!r).map((r) => join(r, rel));
}

export function assetPath(rel: string): string {
  const found = candidates(rel).find((p) => existsSync(p));
  if (!found) throw new Error(`Quadrat's file assets/${rel} is missing; reinstall Quadrat (or set QUADRAT_ASSETS to its assets folder).`);
  return found;
}

export const FIGURE_FONTS = [
  { file: 'fonts/LiberationSans-Regular.ttf', weight: 'normal', style: 'normal' },
  { file: 'fonts/LiberationSans-Bold.ttf', weight: 'bold', style: 'normal' },
  { file: 'fonts/LiberationSans-Italic.ttf', weight: 'normal', style: 'italic' },
] as const;

let fontCss: string | undefined;
/** @font-face rules for the shipped font, as data URLs (no file access from the page). */
export function figureFontCss(family: string): string {
  fontCss ??= FIGURE_FONTS.map(
    (f) => `@font-face{font-family:'${family}';font-weight:${f.weight};font-style:${f.style};src:url(data:font/ttf;base64,${readFileSync(assetPath(f.file)).toString('base64')}) format('truetype');}`,
  ).join('\n');
  return fontCss;
}

let plotly: string | undefined;
export function plotlyBundle(): string {
  if (plotly) return plotly;
  const paths = [join(process.cwd(), 'package.json'), ...(process.argv[1] ? [process.argv[1]] : [])];
  for (const from of paths) {
    try {
      plotly = readFileSync(createRequire(from).resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
      return plotly;
    } catch {
      // try the next place
    }
  }
  throw new Error("Plotly's browser bundle (plotly.js-dist-min) was not found; reinstall Quadrat.");
}
