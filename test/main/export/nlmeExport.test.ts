/**
 * Exports of an nlme fit (Ovary, lme with corAR1): the R code is an nlme call that, with the dataset
 * exported as CSV beside it, Rscript runs to the same logLik and estimates; the report's methods
 * paragraph describes the lme, its correlation structure and nlme's df, and cites Pinheiro & Bates.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, importTestData, removeWorkerBundle } from '../helpers/apiHarness';
import { hasTool } from './tools';

let h: Harness;
let fitId: number;
let datasetId: number;
const R = hasTool('Rscript', ['-e', 'library(nlme)']);
if (!R) console.warn('nlmeExport.test: Rscript with nlme is missing — the exported R code is NOT run.');
const CALL = 'lme(fixed = follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time), data = d, random = ~ 1 | Mare, correlation = corAR1(form = ~ 1 | Mare), method = "REML")';

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'ovary.quadrat') });
  datasetId = await importTestData(h, 'Ovary.csv', ['Mare']);
  const spec = { formula: 'follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time)', nlme: { random: '~ 1 | Mare', correlation: 'corAR1(form = ~ 1 | Mare)' } };
  const { jobId } = await h.call('fit.start', { datasetId, spec: spec as never, name: 'ovary ar1' });
  const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
  expect(status.error).toBeNull();
  fitId = status.fitId!;
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('exports of an nlme fit', () => {
  it('export.rCode: the nlme call with the same factor levels, then summary, anova and intervals', async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    expect(code).toContain('library(nlme)');
    expect(code).not.toContain('lmerTest');
    expect(code).toContain('d$Mare <- factor(d$Mare, levels = ');
    expect(code).toContain(`m <- ${CALL}`);
    expect(code).toContain('anova(m, type = "marginal")');
    expect(code).toContain('intervals(m)');
  });

  // needs R with nlme: a visible skip where R is missing (CI has no R)
  it.runIf(R)('export.rCode: with the dataset exported beside it, R reproduces the fit', { timeout: 120_000 }, async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    await h.call('export.datasetCsv', { datasetId, destination: { kind: 'path', path: join(h.dir, 'Ovary.csv') } });
    writeFileSync(join(h.dir, 'ovary.R'), code + '\ncat(jsonlite::toJSON(c(as.numeric(logLik(m)), unname(fixef(m))), digits = NA))\n');
    const { stdout } = await promisify(execFile)('Rscript', ['--vanilla', 'ovary.R'], { cwd: h.dir, maxBuffer: 1 << 24 });
    const [logLik, ...beta] = JSON.parse(stdout.slice(stdout.lastIndexOf('['))) as number[];
    const { report } = await h.call('model.get', { fitId });
    expect(Math.abs(report.logLik - logLik)).toBeLessThan(1e-6 * Math.abs(logLik));
    report.fixed.forEach((f, j) => expect(Math.abs(f.estimate - beta[j])).toBeLessThan(1e-4 * Math.max(1, Math.abs(f.estimate))));
  });

  it('export.report: the methods paragraph describes the lme and its AR(1) structure, with nlme references', async () => {
    const md = (await h.call('export.report', { fitId, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(md).toContain('We fitted a linear mixed-effects model to follicles');
    // Markdown escapes | and *
    expect(md).toContain('with sin(2 \\* pi \\* Time) and cos(2 \\* pi \\* Time) as fixed effects and random effects ~ 1 \\| Mare for Mare (11 levels).');
    expect(md).toMatch(/first-order autoregressive correlation structure, AR\(1\).*\(estimated Phi = 0\.\d+\)/);
    expect(md).toContain("nlme's containment degrees of freedom");
    expect(md).toContain('Pinheiro, J. C., & Bates, D. M. (2000)');
    expect(md).toContain(`m <- ${CALL}`);
    expect(md).not.toContain('Satterthwaite');
  });

  it('export.table: the fixed effects with nlme\'s df, anova() as Type I (sequential) F tests', async () => {
    const fixed = (await h.call('export.table', { source: { kind: 'fit', fitId, table: 'fixed' }, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(fixed).toContain("Degrees of freedom as nlme's summary() gives them (containment rule).");
    expect(fixed).toContain('| 295 |');
    const anova = (await h.call('export.table', { source: { kind: 'fit', fitId, table: 'anova' }, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(anova).toContain('Type I Analysis of Variance for follicles');
    expect(anova).toContain("Sequential F tests and denominator degrees of freedom as nlme's anova() gives them.");
  });
});
