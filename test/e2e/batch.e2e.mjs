// The batch view in Chromium against the real API over loopback HTTP: 12 methylation loci, the
// binomial model typed in the builder, "Run batch" by locus; the view counts the units and flags,
// shows the p-value histogram and the volcano plot, filters the flagged units (the separated locus
// L0006 among them), and a click on a unit fits it on its own (subset = locus == "L0002") and opens
// its results with glmer's estimate (test/reference/fixtures/batch/oyster40.json); a second batch with
// the Bayesian refit of separated units shows L0006's brms posterior mean (brms-posterior fixture).
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, ROOT, shot, startServer, suite } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(90_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const glmer = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/batch/oyster40.json`, 'utf8')).units.find((u) => u.unit === 'L0002');
const brms = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/brms-posterior/oyster_locus_separated_b.json`, 'utf8')).rows.find((r) => r.kind === 'fixed' && r.label === 'treatmentexposed');

await suite('batch: one model over 12 methylation loci', async (t) => {
  await t.step('imports the loci and writes the binomial model', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/e2e/fixtures/oyster_12loci.csv`);
    await page.getByText('576 rows × 7 columns').waitFor();
    await $('family-select').selectOption('binomial');
    await $('formula-input').fill('cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)');
  });

  await t.step('runs the batch by locus and counts the units and flags', async () => {
    await $('tab-batch').click();
    await $('batch-by').selectOption('locus');
    await $('batch-run').click();
    await page.waitForFunction(() => /12 of 12 units fitted\./.test(document.querySelector('[data-testid="batch-summary"]')?.textContent ?? ''));
    const counts = await $('batch-counts').textContent();
    assert(/^12 fitted, 0 could not be fitted; flags: .*[1-9]\d* separated/.test(counts), `counts: ${counts}`);
    assert((await page.locator('[data-testid=batch-table] tbody tr').count()) === 12, 'a row per locus');
    await page.locator('[data-testid=batch-phist] .main-svg').first().waitFor();
    await page.locator('[data-testid=batch-volcano] .main-svg').first().waitFor();
    await shot(page, 'batch-01-units');
  });

  await t.step('filters the flagged units: the separated locus is among them, with its reason', async () => {
    await $('batch-filter').selectOption('flagged');
    const flagged = page.locator('[data-testid=batch-table] tbody tr[data-unit="L0006"]');
    await flagged.waitFor();
    assert((await flagged.getAttribute('title')).includes('Separation ('), 'the reason is on the row');
    assert((await flagged.locator('td').last().textContent()).includes('separation'), 'the flag is shown');
    await $('batch-filter').selectOption('all');
  });

  await t.step('a click on a unit fits it alone and opens its results', async () => {
    await page.locator('[data-testid=batch-table] tbody tr[data-unit="L0002"] th button').click();
    await $('fixed-table').waitFor();
    assert((await $('fit-subset').textContent()).includes('subset: locus = L0002'), 'the results say which rows were fitted');
    const v = Number(await page.locator('[data-testid=fixed-table] tr[data-term="treatmentexposed"] td').nth(0).getAttribute('data-value'));
    const want = glmer.estimate[glmer.terms.indexOf('treatmentexposed')];
    close(v, want, 2e-3 * Math.max(1, Math.abs(want)), 'L0002 treatmentexposed (glmer)');
    await shot(page, 'batch-02-unit');
  });

  await t.step("a batch with the Bayesian refit gives the separated locus brms's posterior beside glmer", async () => {
    await $('tab-batch').click();
    await $('batch-bayes').check();
    await $('batch-run').click();
    await page.waitForFunction(() => /separated units also fitted as brms would[\s\S]*12 of 12 units fitted\./.test(document.querySelector('[data-testid="batch-summary"]')?.textContent ?? ''));
    await $('batch-term').selectOption('treatmentexposed');
    const cell = page.locator('[data-testid=batch-table] tbody tr[data-unit="L0006"] [data-testid=batch-bayes-cell]');
    const v = Number(await cell.getAttribute('data-value'));
    // brms (rstan) on L0006 with normal(0, 2.5) on b: equal within Monte Carlo error
    close(v, brms.Estimate, 4 * brms.mcseMean * Math.SQRT2 + 0.05 * brms['Est.Error'], 'L0006 treatmentexposed (brms)');
    assert((await page.locator('[data-testid=batch-table] tbody tr[data-unit="L0002"] [data-testid=batch-bayes-cell]').textContent()) === '', 'a unit without separation has no refit');
    await shot(page, 'batch-03-bayes');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

await browser.close();
await server.stop();
