// GLMMs in the workbench, in Chromium against the real API over loopback HTTP: import cbpp, make
// herd and period factors, build the cbind() response by clicking, choose the binomial family, fit, and check
// glmer's table (Estimate, Std. error, z value, Pr(>|z|); no residual row) and the simulated (DHARMa)
// residuals; then a methylation locus
// where a whole treatment × population cell is 0% is fitted and flagged with the cell named; last,
// grouseticks without its observation-level effect is overdispersed and one click adds (1 | obs).
/* global document */
import { assert, buildIfNeeded, close, launch, makeFactor, ROOT, shot, startServer, suite, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const fixedValue = async (term, col) =>
  Number(await page.locator(`[data-testid=fixed-table] tr[data-term="${term}"] td`).nth(col).getAttribute('data-value'));

await suite('GLMMs: a binomial model on cbpp, a separated methylation locus', async (t) => {
  await t.step('imports cbpp and makes herd and period factors', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/cbpp.csv`);
    await page.getByText('56 rows × 4 columns').waitFor();
    await waitCell(page, 0, 'incidence', '2');
    await makeFactor(page, 'herd');
    await makeFactor(page, 'period');
  });

  await t.step('builds the binomial model by clicking: incidence out of size, period, (1 | herd)', async () => {
    await $('family-select').selectOption('binomial');
    const links = await $('link-select').locator('option').allTextContents();
    assert(links[0] === 'logit (default)' && links.includes('probit'), `binomial links: ${links.join(', ')}`);
    assert((await page.locator('#ddf-select').count()) === 0, 'no df method for a GLMM');
    await $('response-select').selectOption('incidence');
    await $('trials-select').selectOption('total:size');
    await $('var-period').click();
    await $('add-fixed').click();
    await $('var-herd').click();
    await $('add-random').click();
    const formula = await $('formula-input').inputValue();
    assert(formula === 'cbind(incidence, size - incidence) ~ period + (1 | herd)', `the builder wrote ${formula}`);
    await shot(page, 'glmm-01-builder');
  });

  await t.step("fits and shows glmer's table: z tests, no residual row", async () => {
    await $('fit-button').click();
    await $('fixed-table').waitFor();
    const heads = await page.locator('[data-testid=fixed-table] thead th').allTextContents();
    assert(heads.includes('z value') && heads.includes('Pr(>|z|)') && !heads.includes('df'), `columns: ${heads.join(' | ')}`);
    // the exact Laplace optimum (glmmTMB's); glmer stops 6e-4 higher: −1.39834, SE 0.2312 (docs/glmm.md)
    close(await fixedValue('(Intercept)', 0), -1.39853, 2e-4, 'intercept estimate');
    close(await fixedValue('period2', 0), -0.99233, 2e-4, 'period2 estimate');
    close(await fixedValue('(Intercept)', 1), 0.23247, 1e-3, 'intercept SE');
    const groups = await page.locator('[data-testid=random-table] tbody th').allTextContents();
    assert(!groups.includes('Residual'), `random-effects groups: ${groups.join(', ')}`);
    await page.getByText('Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) · Family: binomial (logit)').waitFor();
    await $('overdispersion').waitFor();
    await $('wald-anova-table').waitFor();
    await shot(page, 'glmm-02-results');
  });

  await t.step('gives marginal means on the response scale with odds ratios, and only the inference a GLMM has', async () => {
    await $('inference-glmm-note').waitFor();
    assert((await $('inference-ranova').count()) === 0, 'no random-effect tests tab for a GLMM');
    await $('inference-emmeans').click();
    await $('emmeans-run').click();
    await $('contrasts-table').waitFor();
    const heads = await page.locator('[data-testid=contrasts-table] thead th').allTextContents();
    assert(heads.includes('Odds ratio') && heads.includes('z'), `contrast columns: ${heads.join(' | ')}`);
    // emmeans(m, ~ period, type = "response") for the exact fit (glmmTMB): 0.19805 in period 1
    close(Number(await page.locator('[data-testid=emmeans-table] tbody tr').first().locator('td.num').first().getAttribute('data-value')), 0.19805, 2e-4, 'period 1 mean');
  });

  await t.step('shows the simulated (DHARMa) residuals with their tests', async () => {
    await $('tab-plots').click();
    await $('plot-sim-qq').click();
    await $('dharma-tests').waitFor();
    const text = await $('dharma-tests').textContent();
    assert(/250 simulations/.test(text) && /uniform/.test(text) && /Dispersion/.test(text), `DHARMa tests: ${text}`);
    await page.locator('[data-testid=plot-view-sim-qq] .main-svg').first().waitFor();
    await $('plot-sim-resid').click();
    await page.locator('[data-testid=plot-view-sim-resid] .main-svg').first().waitFor();
    await shot(page, 'glmm-02b-dharma');
    await $('tab-results').click();
  });

  await t.step('a methylation locus with a 0% cell is flagged, the cell named', async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/e2e/fixtures/oyster_L0006.csv`);
    await page.getByText('48 rows × 7 columns').waitFor();
    await $('family-select').selectOption('binomial');
    await $('formula-input').fill('cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)');
    await $('fit-button').click();
    await $('separation').waitFor();
    const text = await $('separation').textContent();
    assert(text.includes('treatment = exposed, population = Wild: every response is 0 (0%)'), `separation: ${text}`);
    assert((await page.locator('[data-testid=fixed-table] tr[data-separated=true]').count()) >= 1, 'the separated coefficient is flagged in the table');
    await shot(page, 'glmm-03-separation');
  });

  await t.step('overdispersion is fixed in one click: (1 | obs) added and fitted', async () => {
    await page.getByRole('button', { name: 'Examples ▾' }).click();
    await page.getByRole('menuitem', { name: /grouseticks/ }).click();
    await page.getByText('403 rows × 7 columns').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="formula-input"]')?.value.includes('(1 | INDEX)'));
    await $('formula-input').fill('TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)');
    await $('fit-button').click();
    await $('add-olre').waitFor();
    assert(/Pearson χ² \/ df = 1\.\d+/.test(await $('overdispersion').textContent()), 'the overdispersion ratio is shown');
    await $('add-olre').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="formula-input"]')?.value.endsWith('+ (1 | obs)'));
    await page.locator('[data-testid=random-table] tbody th', { hasText: 'obs' }).first().waitFor();
    assert((await $('add-olre').count()) === 0, 'no second offer once (1 | obs) is in the model');
    // obs numbers the rows as INDEX does, so this is glmer's grouseticks model (glmmTMB's exact optimum)
    close(await fixedValue('(Intercept)', 0), 0.372782, 1e-3, 'intercept with (1 | obs)');
    close(await fixedValue('cHEIGHT', 0), -0.0237606, 1e-4, 'cHEIGHT with (1 | obs)');
    await shot(page, 'glmm-04-olre');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

await browser.close();
await server.stop();
