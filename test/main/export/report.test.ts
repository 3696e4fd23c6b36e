/**
 * Reports on disk: the .docx is a real Word document (its XML holds the APA table rules and italic
 * symbols; LibreOffice opens and prints it when installed), and `quadrat fit --report / --r-code`
 * through the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate'; // docx's own zip library
import { describe, expect, it } from 'vitest';
import { reportContext } from '../../../src-engine/report/context';
import { formatSettings } from '../../../src-engine/report/format';
import { renderReport, reportFormatOf } from '../../../src-main/export/report';
import { columnWidths } from '../../../src-main/export/docx';
import { fixtureReport } from '../../engine/report/fixtureReport';
import { useCli } from '../helpers/cli';
import { hasTool, pdfText } from './tools';

const dir = mkdtempSync(join(tmpdir(), 'quadrat-report-'));
const SOFFICE = hasTool('soffice');
const POPPLER = hasTool('pdftotext', ['-v']);
if (!SOFFICE || !POPPLER) console.warn('report.test: LibreOffice (soffice) or poppler-utils is not installed — the .docx is NOT opened and printed by LibreOffice; only its XML is checked. Install: apt-get install -y libreoffice-writer-nogui poppler-utils');

async function docx(): Promise<Uint8Array> {
  const ctx = reportContext(fixtureReport('sleepstudy_reml'));
  return (await renderReport(ctx, 'docx', { software: { name: 'Quadrat', version: '0.1.0' }, format: formatSettings(), rCode: 'm <- lmer(Reaction ~ Days + (Days | Subject), data = d)\n' })) as Uint8Array;
}

describe('report files', () => {
  it('chooses the format from the extension, and refuses others', () => {
    expect(reportFormatOf('a/b.DOCX')).toBe('docx');
    expect(reportFormatOf('r.htm')).toBe('html');
    expect(() => reportFormatOf('r.pdf')).toThrow(/\.docx, \.html, \.md or \.tex/);
  });

  it('writes a .docx whose XML has APA rules and italic statistics', async () => {
    const files = unzipSync(await docx());
    const xml = strFromU8(files['word/document.xml']);
    expect(xml).toContain('Fixed Effects for Reaction');
    // Italic SE in a header cell; header rows repeat on each page.
    expect(xml).toMatch(/<w:i\/>[^]*?<w:t[^>]*>SE<\/w:t>/);
    expect(xml).toContain('<w:tblHeader/>');
    // No vertical rules: every cell's left and right borders are "none".
    const cellBorders = [...xml.matchAll(/<w:tcBorders>([^]*?)<\/w:tcBorders>/g)].map((m) => m[1]);
    expect(cellBorders.length).toBeGreaterThan(10);
    for (const b of cellBorders) {
      expect(b).toMatch(/<w:left w:val="none"/);
      expect(b).toMatch(/<w:right w:val="none"/);
    }
    expect(cellBorders.some((b) => /<w:top w:val="single"/.test(b))).toBe(true);
    // columns sized to their content (equal widths broke names mid-word): the term column is the widest
    const grid = [...xml.matchAll(/<w:tblGrid>([^]*?)<\/w:tblGrid>/g)][0][1];
    const cols = [...grid.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(cols).size).toBeGreaterThan(1);
    expect(cols[0]).toBe(Math.max(...cols));
    expect(cols[0]).toBeGreaterThanOrEqual('(Intercept)'.length * 125);
  });

  it('column widths: content-sized, scaled to the page only when wider', () => {
    expect(columnWidths([['Term', 'FoodTreatmentSatiated'], ['b', '0.12']])).toEqual([21 * 125 + 200, 4 * 125 + 200]);
    const wide = columnWidths(Array.from({ length: 12 }, () => ['a long column header']));
    expect(wide.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9360);
  });

  it.runIf(SOFFICE && POPPLER)('opens in LibreOffice and prints to a PDF with the tables and sentences', async () => {
    const path = join(dir, 'report.docx');
    writeFileSync(path, await docx());
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, path], { stdio: 'ignore', timeout: 180_000 });
    const text = pdfText(join(dir, 'report.pdf'));
    expect(text).toContain('Table 1');
    expect(text).toContain('Fixed Effects for Reaction');
    expect(text).toMatch(/Days: b = 10\.47, SE = 1\.55, t\(17\.0\) = 6\.77, p < \.001\./);
    expect(text).toContain('Satterthwaite');
    expect(text).toMatch(/Note\. N = 180 observations/);
  }, 200_000);
});

describe('quadrat fit --report / --r-code', () => {
  const { run } = useCli();
  const base = ['fit', '--data', 'test/data/Orthodont.csv', '--factor', 'Subject,Sex', '--formula', 'distance ~ age * Sex + (age | Subject)'];

  it('prints the R code instead of the summary', () => {
    const r = run([...base, '--ml', '--r-code']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('library(lmerTest)');
    expect(r.stdout).toContain('d$Sex <- factor(d$Sex, levels = c("Female", "Male"))');
    expect(r.stdout).toContain('m <- lmer(distance ~ age * Sex + (age | Subject), data = d, REML = FALSE)');
    expect(r.stdout).not.toContain('Linear mixed model fit');
  });

  it('writes Markdown, LaTeX and HTML reports beside the usual summary', () => {
    for (const ext of ['md', 'tex', 'html']) {
      const out = join(dir, `o.${ext}`);
      const r = run([...base, '--report', out, '--report-digits', '3', '--report-comma']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Linear mixed model fit by REML');
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('reference level Female');
      expect(text).toMatch(/0,480/);
      expect(text.replaceAll('&quot;', '"')).toContain('factor(d$Sex, levels = c("Female", "Male"))');
    }
  });

  it('refuses an unknown report type, bad settings and --r-code with --json, before fitting', () => {
    for (const [args, msg] of [
      [['--report', join(dir, 'x.pdf')], /\.docx, \.html, \.md or \.tex/],
      [['--report', join(dir, 'x.md'), '--report-p', 'stars'], /--report-p must be apa, decimal or scientific/],
      [['--report', join(dir, 'x.md'), '--report-digits', 'two'], /--report-digits must be a whole number/],
      [['--r-code', '--json'], /cannot be combined with --json/],
    ] as const) {
      const r = run([...base, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
