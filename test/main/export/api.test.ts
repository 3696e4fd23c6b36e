/**
 * The paper-export API methods on a real project: tables (inline HTML for the clipboard), a .docx
 * report on disk, the R code (which, with the dataset exported as CSV beside it, Rscript runs to the
 * same estimates), model-comparison tables and figures.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, strFromU8 } from 'fflate'; // docx's own zip library
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';
import { hasTool } from './tools';

let h: Harness;
let fitId: number;
let datasetId: number;
const R = hasTool('Rscript', ['-e', 'library(lmerTest)']);
const CHROMIUM = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
if (!R) console.warn('export api.test: Rscript with lmerTest is missing — the exported R code is NOT run.');
if (!CHROMIUM) console.warn('export api.test: Chromium is missing — export.figure is NOT tested.');

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'ortho.quadrat') });
  const text = readFileSync(join(__dirname, '../../data/Orthodont.csv'), 'utf8');
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'Orthodont.csv', text } })).dataset.id;
  await h.call('dataset.setReferenceLevel', { datasetId, column: 'Sex', level: 'Male' });
  const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'distance ~ age * Sex + (age | Subject)', anovaType: 3 }, name: 'growth' });
  const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
  expect(status.error).toBeNull();
  fitId = status.fitId!;
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('export API for papers', () => {
  it('export.table: Word-pasteable HTML inline, LaTeX, CSV with the decimal comma', async () => {
    const html = await h.call('export.table', { source: { kind: 'fit', fitId, table: 'fixed' }, format: 'html', destination: { kind: 'inline' } });
    expect(html).toMatchObject({ fileName: 'growth fixed.html', mimeType: 'text/html', encoding: 'utf8' });
    expect(html.content).toContain('<i>SE</i>');
    expect(html.content).toContain('age:SexFemale');
    const csv = await h.call('export.table', { source: { kind: 'fit', fitId, table: 'anova' }, format: 'csv', settings: { decimalComma: true, digits: 3 }, destination: { kind: 'inline' } });
    expect(csv.content!.split('\r\n')[0]).toBe('\uFEFFEffect;SS;MS;df num;df den;F;p');
    const tex = await h.call('export.table', { source: { kind: 'fit', fitId, table: 'random' }, format: 'tex', destination: { kind: 'inline' } });
    expect(tex.content).toContain('\\toprule');
  });

  it('export.table: a model comparison the UI already has', async () => {
    const md = await h.call('export.table', {
      source: {
        kind: 'comparison',
        comparison: {
          refitted: true,
          warnings: [],
          rows: [
            { fitId: 1, name: 'small', npar: 5, aic: 10, bic: 12, logLik: -0.5, deviance: 1, chisq: null, df: null, pValue: null },
            { fitId: 2, name: 'large', npar: 6, aic: 8, bic: 11, logLik: 1, deviance: -2, chisq: 3, df: 1, pValue: 0.0833 },
          ],
        },
        formulas: ['y ~ 1 + (1 | g)', 'y ~ x + (1 | g)'],
      },
      format: 'md',
      destination: { kind: 'inline' },
    });
    expect(md.content).toContain('| large | 6 | 8.00 | 11.00 | 1.00 | −2.00 | 3.00 | 1 | .083 |');
    expect(md.content).toContain('large: y ~ x + (1 \\| g)');
  });

  it('export.table: marginal means and contrasts the UI already has', async () => {
    const emmeans = {
      factor: 'Sex',
      emmeans: [{ level: 'Male', emmean: 24.97, SE: 0.49, df: 25, lowerCL: 23.96, upperCL: 25.98 }],
      contrasts: [{ contrast: 'Male - Female', estimate: 2.32, SE: 0.76, df: 25, tRatio: 3.05, pValue: 0.0054 }],
      adjust: 'tukey' as const,
    };
    const means = await h.call('export.table', { source: { kind: 'emmeans', emmeans, response: 'distance', table: 'means', ddf: 'kenward-roger' }, format: 'md', destination: { kind: 'inline' } });
    expect(means.content).toContain('| Male | 24.97 | 0.49 | 25 | 23.96 | 25.98 |');
    expect(means.content).toContain('Kenward–Roger');
    const contrasts = await h.call('export.table', { source: { kind: 'emmeans', emmeans, response: 'distance', table: 'contrasts' }, format: 'csv', destination: { kind: 'inline' } });
    expect(contrasts.content).toContain('Male - Female,2.32,0.76,25,3.05,0.0054');
    // the panel's confidence level, and a df the engine could not compute (sent as null), printed empty
    const at90 = { ...emmeans, level: 0.9, emmeans: [{ ...emmeans.emmeans[0], df: null }] };
    const means90 = await h.call('export.table', { source: { kind: 'emmeans', emmeans: at90, response: 'distance', table: 'means' }, format: 'csv', destination: { kind: 'inline' } });
    expect(means90.content).toContain('90% CI lower');
    expect(means90.content).toContain('Male,24.97,0.49,,23.96,25.98');
  });

  it('export.table: ranova and confidence intervals the UI already has', async () => {
    const rows = [
      { term: '<none>', npar: 6, logLik: -871.81, aic: 1755.63, lrt: null, df: null, pValue: null },
      { term: 'Days in (Days | Subject)', npar: 4, logLik: -893.23, aic: 1794.47, lrt: 42.84, df: 2, pValue: 4.99e-10 },
    ];
    const ranova = await h.call('export.table', { source: { kind: 'ranova', ranova: { rows, reml: true } }, format: 'csv', destination: { kind: 'inline' } });
    expect(ranova.content).toContain('Days in (Days | Subject),4,-893.23,1794.47,42.84,2,4.99e-10');
    expect(ranova.content).not.toContain('<');
    expect(ranova.fileName).toMatch(/random-effect tests\.csv$/);
    const confint = {
      method: 'boot' as const,
      level: 0.9,
      nsim: 500,
      seed: 3,
      rows: [
        { term: 'sd_(Intercept)|Subject', estimate: 24.74, lower: 14.1, upper: 35.2 },
        { term: 'Days', estimate: 10.47, lower: 7.9, upper: 13.0 },
      ],
    };
    const md = await h.call('export.table', { source: { kind: 'confint', confint }, format: 'md', destination: { kind: 'inline' } });
    expect(md.content).toContain('| SD (Intercept) \\| Subject | 24.74 | 14.10 | 35.20 |');
    expect(md.content).toContain('90% CI lower');
    expect(md.content).toContain('Parametric-bootstrap percentile intervals from 500 simulations (seed 3).');
    expect((await h.raw('export.table', { source: { kind: 'ranova', ranova: { rows: [{ term: 'x' }], reml: true } }, format: 'md', destination: { kind: 'inline' } })).ok).toBe(false);
  });

  it('export.table: step and contest results the UI already has', async () => {
    const step = {
      random: [{ term: '<none>', eliminated: null, npar: 4, logLik: -10, aic: 28, lrt: null, df: null, pValue: null }],
      fixed: [{ term: 'x', eliminated: 0, sumSq: 5, meanSq: 5, numDf: 1, denDf: 12.5, fValue: 9, pValue: 0.01 }],
      finalFormula: 'y ~ x + (1 | g)',
      ddf: 'kenward-roger' as const,
    };
    const fixed = await h.call('export.table', { source: { kind: 'step', step, reml: true, table: 'fixed' }, format: 'csv', destination: { kind: 'inline' } });
    expect(fixed.content).toContain('x,0,5,5,1,12.5,9,0.01');
    expect(fixed.fileName).toBe('step fixed effects.csv');
    const contest = {
      ddf: 'satterthwaite' as const,
      level: 0.95,
      rows: [{ estimate: 1.5, stdError: 0.5, df: 20, tValue: 3, pValue: 0.007, lower: 0.46, upper: 2.54 }],
      joint: null,
    };
    const md = await h.call('export.table', { source: { kind: 'contest', contest, labels: ['A − B'] }, format: 'md', destination: { kind: 'inline' } });
    expect(md.content).toContain('| A − B | 1.50 | 0.50 | 20 | 3.00 | .007 | 0.46 | 2.54 |');
    expect((await h.raw('export.table', { source: { kind: 'step', step, reml: true, table: 'both' }, format: 'md', destination: { kind: 'inline' } })).ok).toBe(false);
  });

  it('export.report: a .docx on disk with the methods and the R code', async () => {
    const path = join(h.dir, 'growth.docx');
    const r = await h.call('export.report', { fitId, format: 'docx', destination: { kind: 'path', path } });
    expect(r).toMatchObject({ path, encoding: 'base64', content: null });
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(path)))['word/document.xml']);
    expect(xml).toContain('Sex (reference level Male)');
    expect(xml).toContain('random slopes of age by Subject');
    expect(xml).toContain('factor(d$Sex, levels = c(&quot;Male&quot;, &quot;Female&quot;))');
    const inline = await h.call('export.report', { fitId, format: 'md', includeRCode: false, destination: { kind: 'inline' } });
    expect(inline.content).not.toContain('library(lmerTest)');
  });

  it('export.rCode: the code reads the exported dataset with the same factor levels', async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    expect(code).toContain('read.csv("Orthodont.csv"');
    expect(code).toContain('d$Sex <- factor(d$Sex, levels = c("Male", "Female"))');
  });

  // needs R with lme4/lmerTest: a visible skip where R is missing (CI has no R)
  it.runIf(R)('export.rCode: with the dataset exported beside it, R reproduces the fit', { timeout: 120_000 }, async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    await h.call('export.datasetCsv', { datasetId, destination: { kind: 'path', path: join(h.dir, 'Orthodont.csv') } });
    writeFileSync(join(h.dir, 'growth.R'), code + '\ncat(jsonlite::toJSON(unname(fixef(m)), digits = NA))\n');
    const { stdout } = await promisify(execFile)('Rscript', ['--vanilla', 'growth.R'], { cwd: h.dir, maxBuffer: 1 << 24 });
    const rFixef = JSON.parse(stdout.slice(stdout.lastIndexOf('['))) as number[];
    const { report } = await h.call('model.get', { fitId });
    expect(report.fixed.map((f) => f.term)).toEqual(['(Intercept)', 'age', 'SexFemale', 'age:SexFemale']);
    report.fixed.forEach((f, j) => expect(Math.abs(f.estimate - rFixef[j])).toBeLessThan(1e-4 * Math.max(1, Math.abs(f.estimate))));
  });

  it.runIf(CHROMIUM)('export.figure: a PDF inline as base64, a PNG to a path', { timeout: 60_000 }, async () => {
    const figure = { data: [{ type: 'scatter', mode: 'markers', x: [1, 2, 3], y: [2, 1, 3] }], layout: { xaxis: { title: { text: 'Fitted' } } } };
    const pdf = await h.call('export.figure', { figure, options: { format: 'pdf', widthMm: 85, heightMm: 60 }, name: 'resid', destination: { kind: 'inline' } });
    expect(pdf).toMatchObject({ fileName: 'resid.pdf', mimeType: 'application/pdf', encoding: 'base64' });
    expect(Buffer.from(pdf.content!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(h.dir, 'resid.png');
    await h.call('export.figure', { figure, options: { format: 'png', widthMm: 85, heightMm: 60, dpi: 600 }, destination: { kind: 'path', path } });
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses bad figure options at the boundary', async () => {
    const out = await h.raw('export.figure', { figure: { data: [], layout: {} }, options: { format: 'pdf', widthMm: 5 }, destination: { kind: 'inline' } });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.status).toBe(400);
  });
});
