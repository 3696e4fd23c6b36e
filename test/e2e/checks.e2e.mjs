// The random-effects check (Zuur et al.), in Chromium against the real API over loopback HTTP: on
// sleepstudy, Reaction ~ Days with no random effects; the check for Subject shows the residual
// boxplot and R's ICC and LRT (test/reference/fixtures/checks/sleepstudy.json), and "Add as random
// effect" turns the formula into Reaction ~ Days + (1 | Subject). Also its empty and error states, and the
// descriptives by Subject (test/reference/fixtures/descriptives/sleepstudy_by_subject.json).
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, ROOT, shot, startServer, suite, makeFactor } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000); // generous: CI machines (and this one) can be busy

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const fixture = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/checks/sleepstudy.json`, 'utf8'));
const subject = fixture.candidates.find((c) => c.factor === 'Subject');
const descriptives = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/descriptives/sleepstudy_by_subject.json`, 'utf8'));
const reaction308 = descriptives.rows.find((r) => r.column === 'Reaction' && r.group === '308');
const stat = async (name) => Number(await page.locator(`[data-testid=check-card-Subject] td[data-stat="${name}"]`).getAttribute('data-value'));

await suite('checks: the random-effects check on sleepstudy', async (t) => {
  await t.step('imports sleepstudy; with no factor columns the check says what to do', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').waitFor();
    await $('tab-checks').click();
    await $('check-empty').waitFor();
    await page.getByText('No candidate grouping factors').waitFor();
  });

  await t.step('marks Subject as a factor and builds Reaction ~ Days (no random effects)', async () => {
    await $('tab-data').click();
    await makeFactor(page, 'Subject');
    await $('response-select').selectOption('Reaction');
    await $('var-Days').click();
    await $('add-fixed').click();
    const formula = await $('formula-input').inputValue();
    assert(formula === 'Reaction ~ Days', `formula is "${formula}"`);
  });

  await t.step("descriptives by Subject before modelling: R's tapply numbers", async () => {
    await $('descriptives-open').click();
    await $('descriptives-by').selectOption('Subject');
    const row = page.locator('[data-testid=descriptives-table] tr[data-column="Reaction"][data-group="308"]');
    await row.waitFor();
    for (const stat of ['mean', 'sd', 'median']) close(Number(await row.locator(`td[data-stat="${stat}"]`).getAttribute('data-value')), reaction308[stat], 1e-9, `Reaction of 308: ${stat}`);
    assert((await page.locator('[data-testid=descriptives-table] tbody tr').count()) === descriptives.rows.length, 'a row per column and Subject');
    await shot(page, 'checks-00-descriptives');
    await $('descriptives-open').click();
  });

  await t.step('opens the check from the builder; Subject is ticked by default', async () => {
    await $('open-check').click();
    await $('checks').waitFor();
    assert((await $('check-fixed').innerText()) === 'Reaction ~ Days', 'the fixed part comes from the builder');
    assert(await $('check-cand-Subject').isChecked(), 'Subject is a default candidate');
  });

  await t.step("runs it: a box per Subject and R's ICC and LRT", async () => {
    await $('check-run').click();
    await $('check-card-Subject').waitFor();
    await page.locator('[data-testid=check-plot-Subject] .main-svg').first().waitFor();
    const boxes = await page.locator('[data-testid=check-plot-Subject] .boxlayer path.box').count();
    assert(boxes === subject.nLevels, `${boxes} boxes for ${subject.nLevels} subjects`);
    assert((await stat('levels')) === subject.nLevels, 'levels');
    close(await stat('icc'), subject.icc, 1e-4, 'ICC');
    close(await stat('lrt'), subject.lrt, 1e-3, 'LRT');
    close(await stat('groupMeanVariance'), subject.groupMeanVariance, 1e-6 * subject.groupMeanVariance, 'variance of group means');
    close(await stat('p'), subject.pValue, 1e-26, 'p');
    const p = await page.locator('[data-testid=check-card-Subject] td[data-stat="p"]').innerText();
    assert(p === '< .001', `p shows "${p}"`);
    const reading = await page.locator('[data-testid=check-card-Subject] [data-testid=check-reading]').innerText();
    assert(/Residuals differ between levels of Subject: ICC 0\.59, LRT p < \.001 — a random intercept for Subject is supported/.test(reading), reading);
  });

  await t.step('hovering a point shows its row; clicking selects it', async () => {
    const point = page.locator('[data-testid=check-plot-Subject] .boxlayer .trace').first().locator('path.point').first();
    await point.waitFor();
    await point.hover({ force: true });
    await page.locator('[data-testid=check-plot-Subject] .hoverlayer').getByText(/row \d+/).first().waitFor();
    await point.click({ force: true });
    await $('check-picked-row').waitFor();
    assert(/Row \d+ selected/.test(await $('check-picked-row').innerText()), 'picked row bar');
    await page.mouse.move(5, 5);
    await shot(page, '14-random-effects-check');
  });

  await t.step('"Add as random effect" writes (1 | Subject) into the formula', async () => {
    await $('check-add-Subject').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=formula-input]')?.value === 'Reaction ~ Days + (1 | Subject)');
    await page.locator('[data-testid=check-card-Subject] [data-testid=check-in-model]').waitFor();
    assert((await $('check-stale').count()) === 0, 'the fixed part is unchanged, so the result still holds');
    assert((await $('re-card-0').count()) === 1, 'the builder shows the new random term');
  });

  await t.step("an engine error shows the engine's message", async () => {
    await $('formula-input').fill('Reaction ~ nosuch(Days)');
    await $('check-stale').waitFor();
    await $('check-run').click();
    await $('check-error').waitFor();
    const text = await $('check-error').innerText();
    assert(/nosuch/.test(text), `the error names the problem: ${text}`);
    await shot(page, '15-random-effects-check-error');
  });

  await t.step('no errors in the browser console', async () => {
    // Chromium logs the one 422 answer the error step asked for; the app handled it. Anything else is a problem.
    const unexpected = problems.filter((p) => !/status of 422/.test(p));
    assert(unexpected.length === 0 && problems.length - unexpected.length <= 1, problems.join('\n'));
  });
});

await browser.close();
await server.stop();
