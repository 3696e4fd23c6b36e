/**
 * The LaTeX report compiles with pdflatex (booktabs, siunitx S columns, the decimal comma through
 * siunitx) and the PDF holds the tables. Runs when pdflatex with siunitx is installed
 * (apt-get install texlive-latex-recommended texlive-science); says so on the console otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportContext } from '../../../src-engine/report/context';
import { buildReportDocument } from '../../../src-engine/report/document';
import { formatSettings } from '../../../src-engine/report/format';
import { documentToLatex } from '../../../src-engine/report/render/document';
import { loadLmmFixture } from '../../engine/reference/fixtures';
import { loadCaseTable } from '../../engine/lmm/loadCase';
import { fixtureReport } from '../../engine/report/fixtureReport';
import { hasTool, pdfText } from './tools';

const TEX = hasTool('kpsewhich', ['siunitx.sty']) && hasTool('pdflatex', ['-version']) && hasTool('pdftotext', ['-v']);
if (!TEX) console.warn('latex.test: pdflatex with siunitx (or poppler-utils) is not installed — the LaTeX report is NOT compiled.');

describe.runIf(TEX)('LaTeX report', () => {
  it('compiles, with the decimal comma, and shows the aligned tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-tex-'));
    const ctx = reportContext(fixtureReport('ham'), { table: loadCaseTable(loadLmmFixture('ham')) });
    const s = formatSettings({ decimalComma: true, digits: 3 });
    writeFileSync(join(dir, 'report.tex'), documentToLatex(buildReportDocument(ctx, { software: { name: 'Quadrat', version: '0.1.0' }, format: s, rCode: 'm <- lmer(y ~ x + (1 | g), data = d)\n' }), s));
    execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'report.tex'], { cwd: dir, stdio: 'ignore', timeout: 120_000 });
    const text = pdfText(join(dir, 'report.pdf'));
    expect(text).toMatch(/Fixed E\S*ects for Informed\.liking/); // pdftotext may drop the ff ligature
    expect(text).toMatch(/Product2\s+−0,756\s+0,487\s+334,4\s+−1,553\s+,121/);
    expect(text).toContain('Type III Analysis of Variance');
    expect(text).toContain('Kuznetsova');
  }, 150_000);
});
