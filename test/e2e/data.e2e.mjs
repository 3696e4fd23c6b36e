// The spreadsheet: a file dropped on the window, a block pasted from Excel, undo/redo from the
// keyboard, missing cells, adding/renaming/deleting columns, factor levels and the reference level,
// the column summary, a 73k-row table scrolled to its last row, and a generated 100k × 20 table.
/* global document, DataTransfer, DragEvent, ClipboardEvent */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, buildIfNeeded, launch, ROOT, shot, startServer, suite, waitCell as waitCellIn } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000); // generous: CI machines (and this one) can be busy

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const cell = (row, col) => page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
const cellText = (row, col) => cell(row, col).innerText();
const waitCell = (row, col, text) => waitCellIn(page, row, col, text);

await suite('data: drop, paste, undo/redo, missing, columns, levels, large table', async (t) => {
  await t.step('a CSV dropped on the window is imported', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    const text = readFileSync(`${ROOT}/test/data/sleepstudy.csv`, 'utf8');
    await page.evaluate((csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'sleepstudy.csv', { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, text);
    await page.getByText('180 rows × 3 columns').waitFor();
    await waitCell(0, 'Reaction', '249.56');
  });

  await t.step('a block pasted from Excel fills cells from the focused one (one undo step)', async () => {
    await cell(0, 'Reaction').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '111\t7\r\n222,5\t8\r\n');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitCell(1, 'Reaction', '222.5');
    assert((await cellText(0, 'Reaction')) === '111' && (await cellText(0, 'Days')) === '7', 'row 1 pasted');
    assert((await cellText(1, 'Days')) === '8', 'row 2 pasted');
    await page.getByText('Undo: Paste 2×2 cells').waitFor();
    await shot(page, '20-pasted');
  });

  await t.step('Ctrl+Z and Ctrl+Shift+Z undo and redo the paste', async () => {
    await cell(3, 'Days').click();
    await page.keyboard.press('Control+z');
    await waitCell(0, 'Reaction', '249.56');
    assert((await cellText(1, 'Days')) === '1', 'Days restored');
    await page.keyboard.press('Control+Shift+Z');
    await waitCell(0, 'Reaction', '111');
    await page.keyboard.press('Control+z');
    await waitCell(0, 'Reaction', '249.56');
  });

  await t.step('Delete makes a cell missing, shown as NA and counted in the header', async () => {
    await cell(2, 'Reaction').click();
    await page.keyboard.press('Delete');
    await waitCell(2, 'Reaction', 'NA');
    assert((await cell(2, 'Reaction').getAttribute('class')).includes('cell-na'), 'the missing cell is styled');
    await page.locator('.ag-header-cell[col-id="Reaction"] .col-missing').getByText('1 NA').waitFor();
    await page.getByText('Undo: Clear Reaction row 3').waitFor();
    await page.keyboard.press('Control+z');
    await waitCell(2, 'Reaction', '250.8006');
  });

  await t.step('a word typed into a numeric cell is refused with a reason', async () => {
    await cell(4, 'Days').dblclick();
    const editor = page.locator('.ag-cell-inline-editing input').first();
    await editor.fill('four');
    await editor.press('Enter');
    await page.getByText('"four" is not a number').waitFor();
    assert((await cellText(4, 'Days')) === '4', 'the cell keeps its value');
  });

  await t.step('columns can be added, renamed and deleted', async () => {
    await page.getByRole('button', { name: '+ Column' }).click();
    await page.getByLabel('New column name').fill('observer');
    await page.getByLabel('New column type').selectOption('text');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.ag-header-cell[col-id="observer"]').waitFor();
    await $('colmenu-observer').click();
    await page.getByLabel('New column name').fill('recorder');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.locator('.ag-header-cell[col-id="recorder"]').waitFor();
    await $('colmenu-recorder').click();
    await page.getByRole('button', { name: 'Delete column…' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('.ag-header-cell[col-id="recorder"]').waitFor({ state: 'detached' });
  });

  await t.step('the column menu shows a summary, and sets levels and the reference level', async () => {
    await $('colmenu-Reaction').click();
    await $('column-summary').getByText('median').waitFor();
    await page.keyboard.press('Escape');
    await $('colmenu-Subject').click();
    await $('type-factor').click();
    await page.locator('[data-testid=column-menu] .levels li.ref').getByText('308').waitFor();
    await page.locator('[data-testid=column-menu] .levels li').filter({ hasText: '335' }).getByRole('button', { name: 'make reference' }).click();
    await page.locator('[data-testid=column-menu] .levels li.ref').getByText('335').waitFor();
    await page.getByRole('button', { name: 'Move 308 down' }).click();
    await page.getByRole('button', { name: 'Apply order' }).click();
    await page.locator('[data-testid=column-menu] .levels li').nth(2).getByText('308').waitFor();
    await $('column-summary').getByText('10', { exact: true }).first().waitFor();
    await shot(page, '21-levels');
    await page.keyboard.press('Escape');
  });

  await t.step('a 73,421-row table scrolls to its last row', async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/data/InstEval.csv`);
    await page.getByText('73,421 rows × 7 columns').waitFor();
    await waitCell(0, 's', '1');
    // Keep scrolling to the end until the last row has arrived (a busy machine may need more than one go).
    await page.waitForFunction(() => {
      const v = document.querySelector('.ag-grid-viewport');
      if (v) v.scrollTop = v.scrollHeight;
      return /^\d+$/.test(document.querySelector('.ag-row[row-index="73420"] .ag-cell[col-id="d"]')?.textContent ?? '');
    }, undefined, { polling: 250 });
    const last = [await cellText(73420, 's'), await cellText(73420, 'd')].join(',');
    assert(last === '2972,2121', `last row (s, d) = ${last}; InstEval.csv ends with "2972","2121"`);
    await page.evaluate(() => {
      const v = document.querySelector('.ag-grid-viewport');
      v.scrollTop = v.scrollHeight / 2;
    });
    // Rows from the middle of the table are fetched as the user gets there.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.ag-row .ag-cell[col-id="s"]')].some((c) => {
        const i = Number(c.closest('.ag-row')?.getAttribute('row-index'));
        return i > 35_000 && i < 38_000 && /^\d+$/.test(c.textContent ?? '');
      }),
    );
    await shot(page, '22-large');
  });

  await t.step('a 100,000 × 20 table imports and scrolls to its last row', async () => {
    // one factor column and 19 numeric ones; values are a function of the row so the last row is known
    const n = 100_000;
    const head = ['site', ...Array.from({ length: 19 }, (_, j) => `x${j + 1}`)];
    const lines = [head.join(',')];
    for (let i = 0; i < n; i++) lines.push([`s${i % 250}`, ...Array.from({ length: 19 }, (_, j) => ((i * (j + 3)) % 1000) / 10)].join(','));
    const file = join(mkdtempSync(join(tmpdir(), 'quadrat-e2e-')), 'wide.csv');
    writeFileSync(file, lines.join('\n'));
    await $('import-input').setInputFiles(file);
    await page.getByText('100,000 rows × 20 columns').waitFor();
    const last = n - 1;
    await page.waitForFunction((row) => {
      const v = document.querySelector('.ag-grid-viewport');
      if (v) v.scrollTop = v.scrollHeight;
      return document.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="site"]`)?.textContent === 's249';
    }, last, { polling: 250 });
    const x1 = await cellText(last, 'x1');
    assert(Number(x1) === ((last * 3) % 1000) / 10, `x1 of the last row = ${x1}`);
    await shot(page, '23-wide');
  });

  await t.step('a bundled example opens from the Examples menu', async () => {
    await page.getByRole('button', { name: 'Examples ▾' }).click();
    await page.getByRole('menuitem', { name: /grouseticks/ }).click();
    await page.getByText('403 rows × 7 columns').waitFor();
    assert((await $('dataset-select').locator('option').count()) === 4, 'four datasets in the project');
    // it opens with its first model in the builder: the Poisson GLMM with its grouping factors as factors
    await page.waitForFunction(() => document.querySelector('[data-testid="formula-input"]')?.value.startsWith('TICKS ~ YEAR + cHEIGHT'));
    assert((await $('family-select').inputValue()) === 'poisson', 'the family is preset');
    assert((await $('fixed-terms').innerText()).includes('YEAR'), 'the builder shows the fixed terms');
  });

  await t.step('explores the data before modelling: histogram, box plot by factor, scatter with lowess, lattice per group', async () => {
    await $('explore-open').click();
    await $('explore-panel').waitFor();
    await $('explore-plot-hist').locator('.barlayer .trace').first().waitFor();
    await $('explore-box').click();
    await $('explore-y').selectOption('TICKS');
    await $('explore-group').selectOption('YEAR');
    await page.locator('[data-testid=explore-plot-box] .boxlayer .trace').nth(2).waitFor();
    assert((await page.locator('[data-testid=explore-plot-box] .boxlayer .trace').count()) === 3, 'one box per year');
    await $('explore-scatter').click();
    await $('explore-x').selectOption('HEIGHT');
    await page.locator('[data-testid=explore-plot-scatter] .scatterlayer .trace').nth(1).waitFor();
    await $('explore-lattice').click();
    await $('explore-x').selectOption('HEIGHT');
    await $('explore-group').selectOption('YEAR');
    await page.locator('[data-testid=explore-plot-lattice] .scatterlayer .trace').nth(5).waitFor();
    assert((await $('explore-panel').textContent()).includes('One panel per YEAR'), 'the lattice says what it shows');
    await shot(page, 'data-explore');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
});

await browser.close();
await server.stop();
