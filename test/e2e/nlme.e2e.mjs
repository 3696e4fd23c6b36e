// nlme in the workbench, in Chromium against the real API over loopback HTTP: import Ovary, type the
// fixed effects, choose the nlme engine and pick the random part (~ 1 | Mare) and corAR1 by clicking
// (typed text reads back into the pickers), fit, and check summary(lme)'s numbers against nlme's
// (test/reference/fixtures/nlme/ovary_lme_ar1.json); the ACF and normalized-residual plots; a gls
// fit compared with it as anova(gls, lme); the fit reopened from the history after a reload; and an lme
// without structures with lmerTest's Satterthwaite df (fixtures/nlme_satterthwaite/ovary_lme_plain.json); a gls
// with corExp and its semivariogram (points and the fitted structure's line; fixtures/nlme/ovary_gls_exp.json).
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, makeFactor, ROOT, shot, startServer, suite, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const lme = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/nlme/ovary_lme_ar1.json`, 'utf8')).expected;
const glsVsLme = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/nlme_compare/ovary_gls_vs_lme.json`, 'utf8'));
const spatial = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/nlme/ovary_gls_exp.json`, 'utf8')).expected;
const plain = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/nlme_satterthwaite/ovary_lme_plain.json`, 'utf8'));
const FIXED = 'follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time)';

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const value = async (locator) => Number(await locator.getAttribute('data-value'));
const fixedValue = (term, col) => value(page.locator(`[data-testid=fixed-table] tr[data-term="${term}"] td`).nth(col));

async function checkLmeTable() {
  for (const c of lme.coefficients) {
    close(await fixedValue(c.term, 0), c.estimate, 1e-4 * Math.abs(c.estimate), `${c.term} estimate`);
    close(await fixedValue(c.term, 1), c.stdError, 1e-4 * c.stdError, `${c.term} SE`);
    assert((await fixedValue(c.term, 2)) === c.df, `${c.term} df ${await fixedValue(c.term, 2)} (nlme: ${c.df})`);
  }
  close(await value($('nlme-cor-struct').locator('tr[data-name="Phi"] td')), lme.corStruct.printed.Phi, 1e-4 * lme.corStruct.printed.Phi, 'Phi');
  close(await value($('nlme-random-table').locator('tr[data-level="Mare"] td.num')), lme.random[0].sd[0], 1e-4 * lme.random[0].sd[0], 'Mare SD');
  close(await value($('nlme-random-table').locator('tr[data-term="Residual"] td.num')), lme.sigma, 1e-4 * lme.sigma, 'residual SD');
  close(await value($('nlme-fit-stats').locator('tr[data-name="logLik"] td')), lme.logLik, 1e-6 * Math.abs(lme.logLik), 'logLik');
  close(await value($('nlme-fit-stats').locator('tr[data-name="AIC"] td')), lme.aic, 1e-6 * lme.aic, 'AIC');
}

await suite('nlme: Ovary with corAR1, by clicking', async (t) => {
  await t.step('imports Ovary with Mare as a factor', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/Ovary.csv`);
    await page.getByText('308 rows × 3 columns').waitFor();
    await waitCell(page, 0, 'follicles', '20');
    if ((await page.locator('.ag-header-cell[col-id="Mare"] .type-badge.t-factor').count()) === 0) await makeFactor(page, 'Mare');
  });

  await t.step('builds lme with corAR1: fixed effects typed, engine, random part and correlation picked', async () => {
    await $('response-select').selectOption('follicles');
    await $('formula-input').fill(FIXED);
    await $('engine-select').selectOption('nlme');
    await $('nlme-builder').waitFor();
    await $('nlme-random-group').selectOption('Mare');
    assert((await $('nlme-random').inputValue()) === '~ 1 | Mare', `random part: ${await $('nlme-random').inputValue()}`);
    await $('nlme-cor-fn').selectOption('corAR1');
    await $('nlme-cor-group').selectOption('Mare');
    const picked = await $('nlme-correlation').inputValue();
    assert(picked === 'corAR1(form = ~ 1 | Mare)', `correlation: ${picked}`);
    assert((await $('formula-input').inputValue()) === FIXED, 'the formula keeps the fixed effects only');
    await shot(page, 'nlme-01-builder');
  });

  await t.step('typed text reads back into the pickers and is written as the pickers write it', async () => {
    await $('nlme-correlation').fill('corARMA(form=~1|Mare,p=1,q=1)');
    await $('nlme-correlation').blur();
    await page.waitForFunction(() => document.querySelector('[data-testid="nlme-correlation"]')?.value === 'corARMA(form = ~ 1 | Mare, p = 1, q = 1)');
    assert((await $('nlme-cor-fn').inputValue()) === 'corARMA', 'the structure picker follows the text');
    assert((await $('nlme-cor-q').inputValue()) === '1', 'q follows the text');
    await $('nlme-cor-fn').selectOption('corAR1');
    await page.waitForFunction(() => document.querySelector('[data-testid="nlme-correlation"]')?.value === 'corAR1(form = ~ 1 | Mare)');
  });

  await t.step("fits and shows summary(lme) with nlme's numbers", async () => {
    await $('fit-button').click();
    await $('nlme-results').waitFor();
    await page.getByText('Linear mixed-effects model fit by REML (nlme::lme)').waitFor();
    const heads = await page.locator('[data-testid=fixed-table] thead th').allTextContents();
    assert(heads.includes('Value') && heads.includes('DF') && heads.includes('t-value'), `columns: ${heads.join(' | ')}`);
    await checkLmeTable();
    assert((await $('nlme-df-satterthwaite').count()) === 0, 'no Satterthwaite df with a correlation structure (no lmer twin)');
    assert((await $('nlme-call').textContent()) === 'lme(fixed = follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time), data = d, random = ~ 1 | Mare, correlation = corAR1(form = ~ 1 | Mare), method = "REML")', 'the nlme call');
    await $('nlme-anova-marginal').click();
    const marginal = lme.anovaMarginal[1];
    close(await value($('nlme-anova-table').locator(`tr[data-term="${marginal.term}"] td`).nth(2)), marginal.fValue, 1e-4 * marginal.fValue, 'marginal F');
    const phi = lme.intervals.corStruct[0];
    close(await value($('nlme-intervals').locator('tr[data-name="Phi"] td').nth(1)), phi.est, 1e-4, 'Phi in intervals()');
    await shot(page, 'nlme-02-results');
  });

  await t.step('plots the ACF of the normalized residuals and them against the fitted values', async () => {
    await $('tab-plots').click();
    await $('plot-nlme-acf').click();
    await page.locator('[data-testid=plot-view-nlme-acf] .main-svg').first().waitFor();
    await $('plot-nlme-norm').click();
    await page.locator('[data-testid=plot-view-nlme-norm] .main-svg').first().waitFor();
    assert((await $('plot-nlme-vario').count()) === 0, 'no semivariogram for a serial structure');
    await shot(page, 'nlme-03-acf');
    await $('tab-results').click();
  });

  await t.step('the variance-structure step fits the candidates, shows the AIC table and uses one', async () => {
    await $('nlme-variance-step').click();
    await $('variance-step-run').click();
    await $('variance-step-table').waitFor();
    const base = page.locator('[data-testid=variance-step-table] tbody tr[data-weights=""]');
    // the homogeneous row is the lme with corAR1 just fitted: nlme's AIC
    close(Number(await base.locator('td').nth(2).getAttribute('data-value')), lme.aic, 1e-6 * lme.aic, 'homogeneous AIC');
    const rows = await page.locator('[data-testid=variance-step-table] tbody tr').count();
    assert(rows >= 5, `${rows} rows in the step's table`);
    await page.locator('[data-testid=variance-step-table] tbody tr.recommended').waitFor();
    await page.locator('[data-testid=variance-step-spread] .main-svg').first().waitFor();
    await shot(page, 'nlme-03b-variance-step');
    const row = page.locator('[data-testid=variance-step-table] tbody tr[data-weights="varPower(form = ~ Time)"]');
    await row.locator('[data-testid=variance-step-use]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="nlme-weights"]')?.value === 'varPower(form = ~ Time)');
    assert((await $('nlme-weights-fn').inputValue()) === 'varPower', 'the function picker follows');
    await $('nlme-weights-fn').selectOption('');
    await page.waitForFunction(() => document.querySelector('[data-testid="nlme-weights"]')?.value === '');
    await $('nlme-variance-step').click();
  });

  await t.step('a gls with the same correlation, compared as anova(gls, lme)', async () => {
    await $('nlme-random-group').selectOption('');
    assert((await $('nlme-random').inputValue()) === '', 'no random part: gls');
    // a time covariate that repeats within the (single) series is flagged before fitting
    await $('nlme-correlation').fill('corCAR1(form = ~ Time)');
    await $('nlme-correlation').blur();
    await $('nlme-time-repeat').waitFor();
    assert(/Time = .* occurs twice in the series/.test(await $('nlme-time-repeat').textContent()), 'the repeat is named');
    await $('nlme-correlation').fill('corAR1(form = ~ 1 | Mare)');
    await $('nlme-correlation').blur();
    await $('nlme-time-repeat').waitFor({ state: 'detached' });
    await $('fit-button').click();
    await page.getByText('Generalized least squares fit by REML (nlme::gls)').waitFor();
    await page.locator('[data-testid=history-item]').nth(1).waitFor();
    await page.locator('[data-testid=compare-check]').nth(0).check();
    await page.locator('[data-testid=compare-check]').nth(1).check();
    await $('compare-button').click();
    await $('compare-table').waitFor();
    const second = page.locator('[data-testid=compare-table] tbody tr').nth(1).locator('td');
    close(Number(await second.nth(6).getAttribute('data-value')), glsVsLme.rows[1].lRatio, 1e-4, 'L.Ratio');
    await page.getByText(/boundary/).first().waitFor();
    await shot(page, 'nlme-04-compare');
  });

  await t.step('after a reload the lme fit reopens from the history with the same table', async () => {
    await page.locator('.workbench[data-view-saved="yes"]').waitFor(); // the project has stored the view
    await page.reload();
    await page.locator('[data-testid=history-item]').nth(1).waitFor();
    const lmeItem = page.locator('[data-testid=history-item]', { has: page.locator('[data-testid=hist-nlme]', { hasText: 'nlme::lme' }) });
    await lmeItem.locator('.hist-name').click();
    await page.getByText('Linear mixed-effects model fit by REML (nlme::lme)').waitFor();
    await checkLmeTable();
    await shot(page, 'nlme-05-reopened');
  });

  await t.step("an lme without structures offers lmerTest's Satterthwaite df and says which df are shown", async () => {
    await $('tab-results').click();
    await $('engine-select').selectOption('nlme');
    await $('nlme-random-group').selectOption('Mare');
    await $('nlme-correlation').fill('');
    await $('nlme-correlation').blur();
    await $('nlme-weights').fill('');
    await $('nlme-weights').blur();
    await page.waitForFunction(() => document.querySelector('[data-testid="nlme-correlation"]')?.value === '' && document.querySelector('[data-testid="nlme-random"]')?.value === '~ 1 | Mare');
    await $('fit-button').click();
    await $('nlme-df-satterthwaite').click();
    await page.getByText(/lmerTest's Satterthwaite df/).waitFor();
    assert((await $('nlme-df-note').textContent()).includes(plain.lmerFormula), 'the note names the lmer() twin');
    for (const c of plain.coefficients) {
      close(await fixedValue(c.term, 2), c.df, 1e-4 * c.df, `${c.term} Satterthwaite df`);
      close(await fixedValue(c.term, 4), c.pValue, 1e-3 * c.pValue + 1e-12, `${c.term} p`);
    }
    await $('nlme-df-nlme').click();
    await page.getByText(/nlme's containment df/).waitFor();
    await shot(page, 'nlme-06-satterthwaite');
  });

  await t.step("a spatial structure's semivariogram: the points and the fitted structure's line", async () => {
    await $('tab-results').click();
    await $('nlme-random-group').selectOption('');
    await $('nlme-correlation').fill('corExp(form = ~ Time | Mare)');
    await $('nlme-correlation').blur();
    await page.waitForFunction(() => document.querySelector('[data-testid="nlme-random"]')?.value === '' && document.querySelector('[data-testid="nlme-correlation"]')?.value === 'corExp(form = ~ Time | Mare)');
    await $('fit-button').click();
    const range = $('nlme-cor-struct').locator('tr[data-name="range"] td');
    await range.waitFor();
    close(await value(range), spatial.corStruct.printed.range, 1e-4 * spatial.corStruct.printed.range, 'corExp range');
    await $('tab-plots').click();
    await $('plot-nlme-vario').click();
    await page.locator('[data-testid=plot-view-nlme-vario] .main-svg').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=plot-view-nlme-vario] .scatterlayer .trace').length === 2);
    await shot(page, 'nlme-07-variogram');
    await $('tab-results').click();
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

await browser.close();
await server.stop();
