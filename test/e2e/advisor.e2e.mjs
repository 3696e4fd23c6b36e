// The advisor's design check in the builder (issue 20), in Chromium against the real API over
// loopback HTTP: plot IDs 1–4 reused in each of six sites, modelled as (1 | site) + (1 | plot), is
// found as a nested design written as crossed; its one-click fix writes (1 | site:plot), and the check
// of the fixed formula is clean (as test/main/api/designCheck.test.ts). Then a singular fit on Oats
// shows its sensitivity table, the simpler models at lme4's log-likelihoods (fixtures/rePCA/oats_overfit.json).
// Last, predictions for typed rows on sleepstudy: subject 308 and a new subject 999, each with its
// prediction interval as lme4's pieces give it (fixtures/predict/sleepstudy.json), downloaded as CSV.
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, makeFactor, ROOT, shot, startServer, suite, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const rows = ['site,plot,x,y'];
let k = 0;
for (const s of ['A', 'B', 'C', 'D', 'E', 'F']) for (let p = 1; p <= 4; p++) for (let v = 0; v < 3; v++) rows.push(`${s},${p},${v},${(2 + 0.5 * v + Math.sin(++k * 7.3)).toFixed(4)}`);
const predictFx = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/predict/sleepstudy.json`, 'utf8'));
const oats = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/rePCA/oats_overfit.json`, 'utf8'));
const CROSSED = 'y ~ x + (1 | site) + (1 | plot)';
const NESTED = 'y ~ x + (1 | site) + (1 | site:plot)';

await suite('advisor: the design check in the builder', async (t) => {
  await t.step('imports plots with IDs reused across sites', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles({ name: 'plots.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
    await page.getByText('72 rows × 4 columns').waitFor();
  });

  await t.step('typing the crossed formula shows the reused-ID finding with what it means', async () => {
    await $('formula-input').fill(CROSSED);
    const finding = page.locator('[data-testid=design-finding][data-code="reused-ids"]');
    await finding.waitFor();
    const text = await finding.textContent();
    assert(text.includes('IDs reused across groups') && text.includes('nested design written as crossed'), `finding: ${text}`);
    assert((await $('design-finding').count()) === 1, 'one finding');
    await shot(page, 'advisor-01-finding');
  });

  await t.step('its fix writes (1 | site:plot), and the fixed model checks clean', async () => {
    await finding().locator('[data-testid=design-fix]').click();
    await page.waitForFunction((f) => document.querySelector('[data-testid="formula-input"]')?.value === f, NESTED);
    await page.locator('[data-testid=design-check][data-state="clean"]').waitFor();
    await $('fit-button').click();
    await page.locator('[data-testid=fixed-table]').waitFor();
  });

  await t.step("a singular fit shows its sensitivity table: the simpler models at lme4's log-likelihoods", async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/data/Oats.csv`);
    await page.getByText('72 rows × 4 columns').nth(0).waitFor();
    await waitCell(page, 0, 'Variety', 'Victory');
    for (const c of ['Block', 'Variety']) if ((await page.locator(`.ag-header-cell[col-id="${c}"] .type-badge.t-factor`).count()) === 0) await makeFactor(page, c);
    await $('formula-input').fill(oats.formula);
    await $('fit-button').click();
    await $('singular-message').waitFor();
    await $('advise-run').click();
    await $('advice-singular-table').waitFor();
    for (const alt of oats.alternatives) {
      const row = page.locator(`[data-testid=advice-singular-table] tr[data-formula="${alt.formula}"]`);
      close(Number(await row.locator('td').nth(0).getAttribute('data-value')), alt.logLik, 1e-4 * Math.abs(alt.logLik), `logLik of ${alt.formula}`);
    }
    assert((await $('advice-degenerate').count()) > 0, 'the degenerate term is named');
    await shot(page, 'advisor-02-singular');
  });

  await t.step('predicts typed rows: subject 308 and a new subject, with prediction intervals as lme4 gives them', async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').first().waitFor();
    await waitCell(page, 0, 'Subject', '308');
    if ((await page.locator('.ag-header-cell[col-id="Subject"] .type-badge.t-factor').count()) === 0) await makeFactor(page, 'Subject');
    await $('formula-input').fill('Reaction ~ Days + (Days | Subject)');
    await $('fit-button').click();
    await page.locator('[data-testid=fixed-table]').waitFor();
    await $('inference-predict').click();
    const input = $('predict-input');
    await input.getByLabel('Days, row 1').fill('0');
    await input.getByLabel('Subject, row 1').fill('308');
    await $('predict-add-row').click();
    await input.getByLabel('Days, row 2').fill('3');
    await input.getByLabel('Subject, row 2').fill('999');
    await $('predict-re').selectOption('group');
    await $('predict-interval').selectOption('prediction');
    await $('predict-run').click();
    await $('predict-table').waitFor();
    const value = async (row, col) => Number(await page.locator(`[data-testid=predict-table] tbody tr`).nth(row).locator('td.num').nth(col).getAttribute('data-value'));
    for (const [row, i] of [[0, 0], [1, 3]]) {
      const sd = Math.sqrt(predictFx.varFixed[i] + predictFx.varGroup[i] + predictFx.sigma2);
      close(await value(row, 0), predictFx.etaGroup[i], 1e-6 * predictFx.etaGroup[i], `prediction for row ${row + 1}`);
      close((await value(row, 2)) - (await value(row, 1)), 2 * 1.959964 * sd, 1e-3 * sd, `interval width for row ${row + 1}`);
    }
    const note = (await $('predict-panel').textContent()) ?? '';
    assert(note.includes('Not in the fitted data: Subject = 999'), `the new subject is named: ${note.slice(0, 400)}`);
    await shot(page, 'advisor-03-predict');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      $('predict-panel').getByTitle('Download the predictions table').click().then(() => page.getByRole('menuitem', { name: 'CSV' }).click()),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert(/Days,Subject,Predicted,95 % PI lower,95 % PI upper/.test(csv.split('\n')[0].replace(/^\uFEFF/, '')) || /Days,Subject,Predicted/.test(csv), `the CSV header: ${csv.slice(0, 200)}`);
    assert(/\n3,999,282\.80\d+,/.test(csv), `the new subject's row at full precision: ${csv.slice(0, 400)}`);
  });

  await t.step('a model with scale(Days) also shows its fixed effects per day, as lmer with Days gives them', async () => {
    await $('formula-input').fill('Reaction ~ scale(Days) + (1 | Subject)');
    await $('fit-button').click();
    await $('original-scale-table').waitFor();
    // lmer(Reaction ~ Days + (1 | Subject), sleepstudy): Days 10.4673 (SE 0.8042)
    const days = page.locator('[data-testid=original-scale-table] tbody tr').nth(1).locator('td.num');
    close(Number(await days.nth(0).getAttribute('data-value')), 10.46729, 1e-4, 'Days per day');
    close(Number(await days.nth(1).getAttribute('data-value')), 0.8042, 1e-3, 'its SE');
  });

  await t.step('the effect plot draws the prediction over Days with its confidence band', async () => {
    await $('formula-input').fill('Reaction ~ Days + (Days | Subject)');
    // the previous fit's table is still shown: wait for this fit's own entry in the history (the
    // app opens the new result when it lands, which would pull the Plots tab away mid-click)
    const before = await page.locator('[data-testid=history-item]').count();
    await $('fit-button').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=history-item]').length > n, before);
    await page.locator('[data-testid=fixed-table]').waitFor();
    await $('tab-plots').click();
    await $('plot-effect').click();
    await $('plot-view-effect').waitFor();
    await page.locator('[data-testid=plot-view-effect] .scatterlayer .trace').nth(1).waitFor();
    assert((await page.locator('[data-testid=plot-view-effect] .scatterlayer .trace').count()) === 2, 'a band and a line');
    const note = (await $('effect-note').textContent()) ?? '';
    assert(note.includes('95 % confidence bands'), `the note: ${note}`);
    await shot(page, 'advisor-04-effect');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

function finding() {
  return page.locator('[data-testid=design-finding][data-code="reused-ids"]');
}

await browser.close();
await server.stop();
