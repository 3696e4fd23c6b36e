// The states a user meets when things do not go to plan: a formula typed wrong (inline error at the
// character), a singular fit (Dyestuff2: the batch variance is 0) with its plain-language message,
// and a long fit cancelled from the progress bar.
import { assert, buildIfNeeded, launch, ROOT, shot, startServer, suite, makeFactor as makeFactorIn } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000); // generous: CI machines (and this one) can be busy

const $ = (id) => page.locator(`[data-testid="${id}"]`);

const makeFactor = (column) => makeFactorIn(page, column);

async function importFile(name, size) {
  await $('import-input').setInputFiles(`${ROOT}/test/data/${name}`);
  await page.getByText(size).waitFor();
}

await suite('states: formula errors, singular fit, cancelled fit', async (t) => {
  await t.step('imports Dyestuff2 and makes Batch a factor', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await importFile('Dyestuff2.csv', '30 rows × 2 columns');
    if ((await page.locator('.ag-header-cell[col-id="Batch"] .type-badge.t-factor').count()) === 0) await makeFactor('Batch');
  });

  await t.step('an empty builder explains what is missing', async () => {
    assert(await $('fit-button').isDisabled(), 'Fit is disabled with no formula');
    await page.getByText('Choose a response and some effects first.').waitFor();
  });

  await t.step('a bad formula typed by hand shows an inline error at the character', async () => {
    await $('formula-input').fill('Yield ~ 1 + (1 | Batch');
    await $('formula-error').waitFor();
    assert(await $('fit-button').isDisabled(), 'Fit is disabled while the formula is wrong');
    const mark = await page.locator('.formula-mirror mark.formula-err').innerText();
    assert(mark.length >= 1, 'the offending character is underlined');
    await shot(page, '10-formula-error');

    await $('formula-input').fill('Yield ~ 1 + (1 | Bacth)');
    await page.getByText('there is no column "Bacth" in this dataset').waitFor();
    assert((await page.locator('.formula-mirror mark.formula-err').innerText()) === 'Bacth', 'the unknown name is underlined');
  });

  await t.step('typing a good formula updates the builder', async () => {
    await $('formula-input').fill('Yield ~ 1 + (1 | Batch)');
    await $('re-card-0').waitFor();
    assert((await $('formula-error').count()) === 0, 'no error left');
    assert((await $('response-select').inputValue()) === 'Yield', 'the response follows the formula');
  });

  await t.step('a singular fit says so in plain language, with what to try', async () => {
    await $('fit-button').click();
    await $('singular-message').waitFor();
    const text = await $('singular-message').innerText();
    assert(/variance of \(Intercept\) among Batch is 0/.test(text), `singular message: ${text}`);
    assert(/Simplify the random effects/.test(text), 'it says what to try');
    await page.locator('[data-testid=history-item] .tag.warn').first().waitFor();
    await shot(page, '11-singular');
  });

  await t.step('a long fit shows progress and can be cancelled', async () => {
    await importFile('InstEval.csv', '73,421 rows × 7 columns');
    for (const c of ['s', 'd', 'dept']) {
      if ((await page.locator(`.ag-header-cell[col-id="${c}"] .type-badge.t-factor`).count()) === 0) await makeFactor(c);
    }
    await $('formula-input').fill('y ~ service + (1 | s) + (1 | d) + (1 | dept)');
    await $('re-card-2').waitFor();
    await $('fit-button').click();
    await $('cancel-fit').waitFor();
    await shot(page, '12-fitting');
    await $('cancel-fit').click();
    await $('outcome-cancelled').waitFor();
    assert((await $('fit-button').isEnabled()), 'Fit is available again after cancelling');
    await shot(page, '13-cancelled');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
});

await browser.close();
await server.stop();
