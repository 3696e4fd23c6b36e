/**
 * Exports of a count model (glmmTMB): the R code with the glmmTMB() call and the same factor levels,
 * the methods paragraph, and the zero-inflation table as CSV at full precision (checked against the
 * glmmTMB fixture sal_zip from test/reference/glmmTMB.R).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, importTestData, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let fitId: number;
let bbFitId: number;
let gaussFitId: number;
const fx = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/glmmTMB/sal_zip.json'), 'utf8'));

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'zip.quadrat') });
  const sal = await importTestData(h, 'Salamanders.csv', ['site', 'spp', 'mined']);
  const { jobId } = await h.call('fit.start', { datasetId: sal, spec: { formula: fx.formula, tmb: { family: 'poisson', ziformula: '~ 1' } } as never, name: 'ZIP' });
  fitId = (await h.call('job.wait', { jobId, timeoutMs: 120_000 })).fitId!;
  // glmmTMB's gaussian with a dispersion formula (identity link, log σ² by mined)
  const g = await h.call('fit.start', { datasetId: sal, spec: { formula: 'count ~ mined + (1 | site)', tmb: { family: 'gaussian', dispformula: '~ mined' } } as never, name: 'gaussian' });
  gaussFitId = (await h.call('job.wait', { jobId: g.jobId, timeoutMs: 120_000 })).fitId!;
  // a betabinomial fit on cbpp (glmmTMB's other families: a call as family = betabinomial(), logit link)
  const cb = await importTestData(h, 'cbpp.csv', ['herd', 'period']);
  const bb = await h.call('fit.start', { datasetId: cb, spec: { formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)', tmb: { family: 'betabinomial' } } as never, name: 'BB' });
  bbFitId = (await h.call('job.wait', { jobId: bb.jobId, timeoutMs: 120_000 })).fitId!;
}, 180_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('count-model exports', () => {
  it('export.rCode: library(glmmTMB), the factor levels, the glmmTMB() call and summary()', async () => {
    const code = (await h.call('export.rCode', { fitId, destination: { kind: 'inline' } })).content!;
    expect(code).toContain('library(glmmTMB)');
    expect(code).not.toContain('lmerTest');
    expect(code).toMatch(/d\$spp <- factor\(d\$spp, levels = c\("DES-L", "DF", /);
    expect(code).toContain('m <- glmmTMB(count ~ spp * mined + (1 | site), data = d, ziformula = ~ 1, family = poisson)\nsummary(m)');
  });

  it('export.rCode and export.report of a betabinomial fit: family = betabinomial(), a beta-binomial distribution with a logit link', async () => {
    const code = (await h.call('export.rCode', { fitId: bbFitId, destination: { kind: 'inline' } })).content!;
    expect(code).toContain('m <- glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), data = d, family = betabinomial())');
    const md = (await h.call('export.report', { fitId: bbFitId, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(md).toContain('We fitted a generalized linear mixed model for proportions of successes to cbind(incidence, size - incidence)');
    expect(md).toContain('a beta-binomial distribution (successes out of trials, precision φ, glmmTMB betabinomial) and a logit link');
    expect(md).toContain('Mixed Model (glmmTMB, betabinomial)');
  });

  it('export.rCode and export.report of a gaussian fit with a dispersion formula: family = gaussian, a linear mixed model with an identity link', async () => {
    const code = (await h.call('export.rCode', { fitId: gaussFitId, destination: { kind: 'inline' } })).content!;
    expect(code).toContain('m <- glmmTMB(count ~ mined + (1 | site), data = d, dispformula = ~ mined, family = gaussian)');
    const md = (await h.call('export.report', { fitId: gaussFitId, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(md).toContain('We fitted a linear mixed model for continuous values to count');
    expect(md).toContain('glmmTMB gaussian) and an identity link');
  });

  it('export.table: the zero-inflation table as CSV with every digit, glmmTMB’s estimate', async () => {
    const csv = (await h.call('export.table', { source: { kind: 'fit', fitId, table: 'zi' }, format: 'csv', destination: { kind: 'inline' } })).content!;
    const row = csv.split(/\r?\n/).find((l) => l.startsWith('(Intercept)') || l.startsWith('"(Intercept)"'))!;
    const estimate = Number(row.split(',')[1]);
    const want = fx.expected.fixed.zi[0].estimate;
    expect(Math.abs(estimate - want)).toBeLessThan(5e-4 * Math.max(1, Math.abs(want)));
    // full precision, not the display digits
    expect(row.split(',')[1].replace(/^-/, '').length).toBeGreaterThan(10);
    await expect(h.call('export.table', { source: { kind: 'fit', fitId, table: 'disp' }, format: 'csv', destination: { kind: 'inline' } })).rejects.toThrow(/no dispersion table/);
  });

  it('export.report: the methods paragraph names the family, the zero inflation and glmmTMB; the zero-inflation table and the R code follow', async () => {
    const md = (await h.call('export.report', { fitId, format: 'md', destination: { kind: 'inline' } })).content!;
    expect(md).toContain('We fitted a generalized linear mixed model for counts to count');
    expect(md).toContain('a Poisson distribution and a log link');
    expect(md).toContain('Excess zeros were modelled as zero inflation');
    expect(md).toContain('Brooks, M. E., Kristensen, K.');
    expect(md).toContain('Count Model (glmmTMB, poisson) for count');
    expect(md).toContain('Zero-Inflation Model for count');
    expect(md).toContain('m <- glmmTMB(');
    expect(md).not.toContain('Satterthwaite');
  });
});
