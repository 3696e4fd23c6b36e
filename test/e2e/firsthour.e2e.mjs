// First-hour fixes of the workbench (issue 17), each step reproducing what got in the way: notices that
// stacked over the results and did not close with Escape, a formula placeholder that read as a real
// formula, Plotly's mode bar over the plot titles, selects without a name for screen readers.
/* global document */
import { assert, buildIfNeeded, launch, shot, startServer, suite, unnamedControls } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const boxesOverlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

await suite('first hour: formula hint, notices, plot mode bar', async (t) => {
  await t.step('opens the sleepstudy example (the formula box hints, not a formula) and fits its model', async () => {
    await page.goto(server.url);
    await $('example-sleepstudy').click();
    const hint = await $('formula-input').getAttribute('placeholder');
    assert(hint.startsWith('Type a formula, e.g.'), `the placeholder reads ${hint}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="formula-input"]')?.value.includes('Subject'));
    await $('fit-button').click();
    await $('fixed-table').waitFor();
    // as summary(lmer) of a REML fit: its REML criterion, not the ML deviance lme4 deprecates for it
    await page.locator('th[scope=row]', { hasText: 'REML criterion' }).waitFor();
    assert((await page.locator('th[scope=row]', { hasText: /^Deviance$/ }).count()) === 0, 'a REML fit shows no Deviance row');
    // the coefficient table has the digits summary(lmer) prints: 251.405, 6.825, 36.838
    const cells = await page.locator('[data-testid=fixed-table] tr[data-term="(Intercept)"] td').allInnerTexts();
    assert(cells[0] === '251.405' && cells[1] === '6.825' && cells[3] === '36.838', `(Intercept) row: ${cells.join(' | ')}`);
  });

  await t.step('a repeated message is one notice with a count, beside the results, not over them', async () => {
    await $('copy-fixed').click();
    await $('notice-info').filter({ hasText: 'Table copied' }).waitFor();
    await $('copy-fixed').click();
    await $('notice-info').filter({ hasText: '×2' }).waitFor();
    assert((await $('notice-info').count()) === 1, 'the second copy did not add a second notice');
    const notices = await $('notices').boundingBox();
    const body = await page.locator('.tab-body').boundingBox();
    assert(notices && body && !boxesOverlap(notices, body), `the notices ${JSON.stringify(notices)} cover the results ${JSON.stringify(body)}`);
    await shot(page, 'firsthour-01-notice');
  });

  await t.step('Escape closes the newest notice', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('[data-notice-id]').length === 0);
  });

  await t.step('the plot mode bar keeps zoom, pan and reset, upright beside the title', async () => {
    await $('tab-plots').click();
    await $('plot-resid').click();
    const plot = page.locator('[data-testid=plot-view-resid]');
    await plot.locator('.gtitle').waitFor();
    await plot.hover();
    const buttons = await plot.locator('.modebar-btn').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-title')));
    assert(buttons.length === 3, `mode bar buttons: ${buttons.join(', ')}`);
    const bar = await plot.locator('.modebar').boundingBox();
    const title = await plot.locator('.gtitle').boundingBox();
    assert(bar && title && !boxesOverlap(bar, title), `the mode bar ${JSON.stringify(bar)} covers the title ${JSON.stringify(title)}`);
    await shot(page, 'firsthour-02-modebar');
  });

  await t.step('Alt+M jumps to the model builder from anywhere', async () => {
    await $('tab-data').click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+m');
    await page.waitForFunction(() => document.activeElement?.id === 'formula-input');
  });

  await t.step('Save as asks for a name and says which folder it goes to', async () => {
    await page.getByRole('button', { name: 'Save as…' }).click();
    assert((await $('save-as-folder').innerText()).endsWith('/projects'), 'the projects folder is named');
    await $('save-as-name').fill('sleep analysis');
    await $('save-as-name').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent.startsWith('sleep analysis'));
  });

  await t.step('every select and input a screen reader meets has a name, in each view and open menu', async () => {
    const unnamed = [];
    const check = async (where) => unnamed.push(...(await unnamedControls(page)).map((c) => `${where}: ${c}`));
    for (const tab of ['results', 'data', 'plots', 'compare', 'checks', 'batch', 'bayes']) {
      await $(`tab-${tab}`).click();
      await page.locator(`[data-testid="tab-${tab}"][aria-selected="true"]`).waitFor();
      await check(tab);
    }
    await $('tab-results').click();
    await $('report-menu').click();
    await page.locator('.menu-list').waitFor();
    await check('report menu');
    await page.keyboard.press('Escape');
    await $('tab-plots').click();
    await $('figure-export').click();
    await page.locator('.menu-list').waitFor();
    await check('figure export menu');
    await page.keyboard.press('Escape');
    await $('settings-button').click();
    await page.locator('.menu-list').waitFor();
    await check('settings');
    await page.keyboard.press('Escape');
    assert(unnamed.length === 0, `controls without a name:\n${unnamed.join('\n')}`);
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
});

await browser.close();
await server.stop();
