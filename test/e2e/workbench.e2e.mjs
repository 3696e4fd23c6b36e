// A new user's first session, in Chromium against the real API over loopback HTTP: import
// sleepstudy.csv, make Subject a factor, build Reaction ~ Days + (Days | Subject) by clicking, fit,
// check lme4's numbers, look at the residual plot, edit a cell and refit, compare two models,
// reload, close and reopen the project and find the history intact.
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, ROOT, shot, startServer, suite, waitCell, clickForNotice } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000); // generous: CI machines (and this one) can be busy

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const fixedValue = async (term, col) =>
  Number(await page.locator(`[data-testid=fixed-table] tr[data-term="${term}"] td`).nth(col).getAttribute('data-value'));

await suite('workbench: import → build → fit → plots → edit → compare → reopen', async (t) => {
  await t.step('opens on the start screen', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await shot(page, '01-start');
  });

  await t.step('imports sleepstudy.csv through the file input', async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').waitFor();
    await waitCell(page, 0, 'Reaction', '249.56');
  });

  await t.step('marks Subject as a factor from the column menu', async () => {
    await $('colmenu-Subject').click();
    await $('column-menu').waitFor();
    await $('type-factor').click();
    await page.locator('[data-testid=column-menu] .levels li').first().waitFor();
    const levels = await page.locator('[data-testid=column-menu] .levels li').count();
    assert(levels === 18, `Subject should have 18 levels, has ${levels}`);
    await shot(page, '02-column-menu');
    await page.keyboard.press('Escape');
    await page.locator('.ag-header-cell[col-id="Subject"] .type-badge.t-factor').waitFor();
  });

  await t.step('builds Reaction ~ Days + (Days | Subject) by clicking', async () => {
    await $('response-select').selectOption('Reaction');
    await $('var-Days').click();
    await $('add-fixed').click();
    await $('var-Subject').click();
    await $('add-random').click();
    await $('re-slope-0-Days').check();
    const formula = await $('formula-input').inputValue();
    assert(formula === 'Reaction ~ Days + (Days | Subject)', `formula is "${formula}"`);
    await shot(page, '03-builder');
  });

  await t.step("fits and shows lme4's estimates, SEs and Satterthwaite df", async () => {
    await $('fit-button').click();
    await $('fixed-table').waitFor();
    close(await fixedValue('(Intercept)', 0), 251.405, 0.001, 'intercept estimate');
    close(await fixedValue('Days', 0), 10.467, 0.001, 'Days estimate');
    close(await fixedValue('(Intercept)', 1), 6.825, 0.001, 'intercept SE');
    close(await fixedValue('Days', 1), 1.546, 0.001, 'Days SE');
    await $('random-table').waitFor();
    await $('history-item').first().waitFor();
    await shot(page, '04-results');
  });

  await t.step('Satterthwaite df 17.0 and p < .001 as lmerTest prints', async () => {
    close(await fixedValue('(Intercept)', 2), 17.0, 0.05, 'intercept df');
    close(await fixedValue('Days', 2), 17.0, 0.05, 'Days df');
    const shown = await page.locator('[data-testid=fixed-table] tr[data-term="Days"] td').nth(4).innerText();
    assert(shown === '< .001', `Days p shows "${shown}"`);
  });

  await t.step('Learn mode explains the result with its own numbers: n = 180, p = 2, q = 36', async () => {
    await $('learn-toggle').click();
    await $('learn-panel').waitFor();
    const dims = await $('learn-dimensions').textContent();
    assert(dims.includes('n = 180, p = 2, q = 36'), `learn: ${dims}`);
    assert(dims.includes('18 levels of Subject × 2 terms ((Intercept), Days) = 36'), 'q is explained from Z');
    assert((await $('learn-df').textContent()).includes('Satterthwaite'), 'the df note names the method used');
    // X and Z themselves (lme4's getME(m, "X"), getME(m, "Z"): test/reference/fixtures/designPreview/sleepstudy_slope.json)
    await $('learn-matrices').waitFor();
    const xRow2 = await page.locator('[data-testid=learn-x] tbody tr').nth(1).locator('td').allTextContents();
    assert(xRow2.join(',') === '1,1', `X row 2: ${xRow2}`);
    const zHead = await page.locator('[data-testid=learn-z] thead th').allTextContents();
    assert(zHead.slice(1).join(' | ') === 'Subject 308: (Intercept) | Subject 308: Days', `Z's columns: ${zHead}`);
    assert((await $('learn-matrices').textContent()).includes('342 of 6480 entries'), 'the non-zeros of Z are counted');
    assert((await page.locator('[data-testid=learn-z-picture] rect').count()) > 1, "Z's picture is drawn");
    await shot(page, 'workbench-learn');
    await $('learn-toggle').click();
    await $('learn-panel').waitFor({ state: 'detached' });
  });

  await t.step('exports the result as quadrat.fit/1 JSON and the data as CSV', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert(report.schema === 'quadrat.fit/1', `schema ${report.schema}`);
    close(report.fixed[1].estimate, 10.467, 0.001, 'exported Days estimate');
    await $('tab-data').click();
    await page.getByRole('button', { name: 'sleepstudy ▾' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export as CSV' }).click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
    assert(lines.length === 181 && /Reaction/.test(lines[0]), `CSV has ${lines.length} lines, header ${lines[0]}`);
  });

  await t.step('writes the report (.docx), the R code, and copies a table for Word', async () => {
    await $('tab-results').click();
    await $('report-menu').click();
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Word document (.docx)' }).click()]);
    const bytes = readFileSync(await docx.path());
    assert(docx.suggestedFilename().endsWith('.docx') && bytes.subarray(0, 2).toString() === 'PK', 'a .docx (zip) file');
    await $('report-menu').click();
    const [r] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /R code only/ }).click()]);
    const code = readFileSync(await r.path(), 'utf8');
    assert(code.includes('lmer(Reaction ~ Days + (Days | Subject)'), 'the R code fits the same model');
    // readable term names beside R's, as an option of the report
    await $('report-menu').click();
    await $('report-readable-terms').check();
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Markdown (.md)' }).click()]);
    const text = readFileSync(await md.path(), 'utf8');
    assert(text.includes('In words') && text.includes('| (Intercept) | Intercept |'), 'the report names the terms in words beside R');
    await clickForNotice(page, $('copy-fixed'), 'Table copied');
  });

  await t.step('opens the residual plot; clicking a point selects its row', async () => {
    await $('tab-plots').click();
    await $('plot-resid').click();
    await page.locator('[data-testid=plot-view-resid] .main-svg').first().waitFor();
    const point = page.locator('[data-testid=plot-view-resid] .scatterlayer .trace').first().locator('path.point').first();
    await point.waitFor();
    await point.click({ force: true });
    await $('picked-row').waitFor();
    const text = await $('picked-row').innerText();
    assert(/Row \d+ selected/.test(text), `picked row bar says "${text}"`);
    await shot(page, '05-residual-plot');
    const row = Number(text.match(/Row (\d+)/)[1]) - 1;
    await $('picked-row').getByRole('button', { name: 'Show in data grid' }).click();
    await page.locator(`.ag-row.row-picked[row-index="${row}"]`).first().waitFor();
    await $('tab-plots').click();
    await $('figure-export').click();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'PDF (vector)' }).click()]);
    assert(readFileSync(await pdf.path()).subarray(0, 5).toString() === '%PDF-', 'the figure exports as PDF');
    await $('plot-qq').click();
    await page.locator('[data-testid=plot-view-qq] .main-svg').first().waitFor();
    await $('plot-scale').click();
    await page.locator('[data-testid=plot-view-scale] .main-svg').first().waitFor();
    await $('plot-reqq').click();
    await page.locator('[data-testid=plot-view-reqq] .main-svg').first().waitFor();
    await $('plot-cater').click();
    await page.locator('[data-testid=plot-view-cater] .main-svg').first().waitFor();
    await shot(page, '06-caterpillar');
    await $('plot-group').click();
    await page.locator('[data-testid=plot-view-group] .main-svg').first().waitFor();
    await shot(page, '07-by-group');
  });

  await t.step('edits a cell (with undo available) and refits', async () => {
    await $('tab-data').click();
    const cell = page.locator('.ag-row[row-index="0"] .ag-cell[col-id="Reaction"]').first();
    await cell.dblclick();
    const editor = page.locator('.ag-cell-inline-editing input, .ag-cell-editor input').first();
    await editor.fill('300');
    await editor.press('Enter');
    await waitCell(page, 0, 'Reaction', '300');
    assert(await $('undo').isEnabled(), 'undo is enabled after an edit');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=history-item]').nth(1).waitFor();
    await $('fixed-table').waitFor();
    // lme4 on sleepstudy with Reaction[1] = 300: fixef = 252.37314525, 10.31443747.
    close(await fixedValue('(Intercept)', 0), 252.373145, 0.001, 'refitted intercept');
    close(await fixedValue('Days', 0), 10.314437, 0.001, 'refitted Days');
    assert((await page.locator('[data-testid=history-item] .tag.info').count()) === 1, 'the first fit is marked "data changed"');
  });

  await t.step('fits a simpler model and compares the two (LRT)', async () => {
    await $('re-slope-0-Days').uncheck();
    const formula = await $('formula-input').inputValue();
    assert(formula === 'Reaction ~ Days + (1 | Subject)', `formula is "${formula}"`);
    await $('fit-button').click();
    await page.locator('[data-testid=history-item]').nth(2).waitFor();
    const items = page.locator('[data-testid=history-item]');
    await items.nth(0).locator('[data-testid=compare-check]').check();
    await items.nth(1).locator('[data-testid=compare-check]').check();
    await $('compare-button').click();
    await $('compare-table').waitFor();
    const rows = await page.locator('[data-testid=compare-table] tbody tr').count();
    assert(rows === 2, `comparison has ${rows} rows`);
    // R: anova(m3, m2) on the edited data gives Chisq 37.83582718 on 2 df, p 6.082113462e-09, AIC 1766.111371.
    const slope = page.locator('[data-testid=compare-table] tbody tr').nth(1).locator('td');
    close(Number(await slope.nth(6).getAttribute('data-value')), 37.835827, 0.001, 'LRT chisq');
    close(Number(await slope.nth(8).getAttribute('data-value')), 6.082113e-9, 1e-11, 'LRT p');
    close(Number(await slope.nth(1).getAttribute('data-value')), 1766.111371, 0.001, 'ML AIC of the slope model');
    // the row says what it changes against the one above (similar formulas told apart), and the
    // table is not clipped at 1440 px: its last column is inside the view
    const diff = await page.locator('[data-testid=compare-table] tbody tr').nth(1).locator('[data-testid=compare-diff]').innerText();
    assert(diff.includes('+ (Days | Subject)') && diff.includes('− (1 | Subject)'), `the difference reads ${diff}`);
    const table = await $('compare-table').boundingBox();
    const view = await page.locator('.tab-body').boundingBox();
    assert(table.x + table.width <= view.x + view.width + 1, `the comparison table (${table.x + table.width} px) runs past the view (${view.x + view.width} px)`);
    await shot(page, '08-compare');
  });

  await t.step('renames and annotates a model', async () => {
    const first = page.locator('[data-testid=history-item]').first();
    await first.getByRole('button', { name: 'Rename' }).click();
    await first.getByLabel('Model name').fill('random intercept');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByText('random intercept').waitFor();
    await first.getByRole('button', { name: 'Add note' }).click();
    await first.getByLabel('Note').fill('simpler; compare with the slope model');
    await first.getByRole('button', { name: 'Save note' }).click();
    await first.getByText('simpler; compare with the slope model').waitFor();
    await page.getByLabel('Project notes').fill('Subject slopes matter (LRT).');
    await page.locator('.project-notes[data-state="saved"]').waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Fit the model').waitFor();
    await page.keyboard.press('Escape');
  });

  await t.step('a reload keeps the project, the history and the open result', async () => {
    await $('tab-results').click();
    await page.locator('.workbench[data-view-saved="yes"]').waitFor(); // the project has stored the view
    await page.reload();
    await page.locator('[data-testid=history-item]').nth(2).waitFor();
    assert((await $('history-item').count()) === 3, 'three fits after reload');
    await $('fixed-table').waitFor();
    await page.getByText('random intercept').first().waitFor();
    assert((await page.getByLabel('Project notes').inputValue()) === 'Subject slopes matter (LRT).', 'project notes kept');
  });

  await t.step('closing and reopening the project restores data, history and the last result', async () => {
    await $('close-project').click();
    await $('start-screen').waitFor();
    await $('recent-list').locator('button.link-btn').first().click();
    await page.locator('[data-testid=history-item]').nth(2).waitFor();
    assert((await $('history-item').count()) === 3, 'three fits after reopening');
    await $('fixed-table').waitFor();
    const formula = await page.locator('.results .formula-line').innerText();
    assert(formula.includes('(1 | Subject)'), `the last open result is back (${formula})`);
    await page.getByText('simpler; compare with the slope model').waitFor();
    await $('tab-data').click();
    await waitCell(page, 0, 'Reaction', '300');
    await shot(page, '09-reopened');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
});

await browser.close();
await server.stop();
