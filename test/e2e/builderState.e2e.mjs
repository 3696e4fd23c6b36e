// Builder state belongs to its dataset (issue 17), in Chromium against the real API over loopback
// HTTP: sleepstudy's formula and ML choice do not follow the user to Dyestuff (whose builder starts
// empty, with REML), come back when sleepstudy is shown again, and survive a reload of the project.
/* global document */
import { assert, buildIfNeeded, launch, ROOT, shot, startServer, suite, makeFactor, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const SLEEP = 'Reaction ~ Days + (Days | Subject)';
const formula = () => $('formula-input').inputValue();
const checked = async (id) => (await $(id).getAttribute('aria-checked')) === 'true';

await suite('builder state per dataset', async (t) => {
  await t.step('sleepstudy: a formula and ML', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').waitFor();
    await makeFactor(page, 'Subject');
    await $('formula-input').fill(SLEEP);
    await $('estimation-ml').click();
    assert(await checked('estimation-ml'), 'ML chosen');
  });

  await t.step('Dyestuff starts with an empty builder and REML', async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/data/Dyestuff.csv`);
    await page.getByText('30 rows × 2 columns').waitFor();
    await waitCell(page, 0, 'Batch', 'A');
    assert((await formula()) === '', `Dyestuff's formula: "${await formula()}"`);
    assert(await checked('estimation-reml'), 'REML for the new dataset');
    await $('formula-input').fill('Yield ~ 1 + (1 | Batch)');
    await shot(page, 'builder-01-dyestuff');
  });

  await t.step('back to sleepstudy: its formula and ML come back; Dyestuff keeps its own', async () => {
    const ids = await $('dataset-select').locator('option').evaluateAll((os) => os.map((o) => [o.textContent, o.value]));
    const sleep = ids.find(([label]) => label.startsWith('sleepstudy'))[1];
    const dye = ids.find(([label]) => label.startsWith('Dyestuff'))[1];
    await $('dataset-select').selectOption(sleep);
    await page.waitForFunction((f) => document.querySelector('[data-testid="formula-input"]')?.value === f, SLEEP);
    assert(await checked('estimation-ml'), 'ML is back with sleepstudy');
    await $('dataset-select').selectOption(dye);
    await page.waitForFunction(() => document.querySelector('[data-testid="formula-input"]')?.value === 'Yield ~ 1 + (1 | Batch)');
    assert(await checked('estimation-reml'), 'Dyestuff still REML');
  });

  await t.step('after a reload each dataset still has its own builder', async () => {
    await page.locator('.workbench[data-view-saved="yes"]').waitFor();
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="formula-input"]')?.value === 'Yield ~ 1 + (1 | Batch)');
    const ids = await $('dataset-select').locator('option').evaluateAll((os) => os.map((o) => [o.textContent, o.value]));
    await $('dataset-select').selectOption(ids.find(([label]) => label.startsWith('sleepstudy'))[1]);
    await page.waitForFunction((f) => document.querySelector('[data-testid="formula-input"]')?.value === f, SLEEP);
    assert(await checked('estimation-ml'), 'ML kept across the reload');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

await browser.close();
await server.stop();
