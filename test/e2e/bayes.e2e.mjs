// Bayesian GLMMs in the workbench, in Chromium against the real API over loopback HTTP: a separated
// methylation locus is set up by typing its formula, "Bayesian" is chosen next to the likelihood,
// brms's prior table is shown before fitting with the improper-posterior warning, normal(0, 2.5) on b
// is taken in one click, the model is fitted by clicking (small iter), and brms's summary table,
// the diagnostics and the trace, rank, density and pairs plots are shown; after a reload the fit
// reopens from the history with the same numbers (stored, not resampled). Then the GLMM fitted by
// maximum likelihood is flagged as separated and refitted Bayesian in one click, side by side; a
// long fit is cancelled.
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, launch, makeFactor, ROOT, shot, startServer, suite, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000);

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const cell = (table, parameter, col) => page.locator(`[data-testid=${table}] tr[data-parameter="${parameter}"] td`).nth(col);

await suite('Bayesian GLMMs: priors, a fit by clicking, summary, plots, history, separated refit', async (t) => {
  await t.step('sets up a separated locus and chooses Bayesian estimation', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/e2e/fixtures/oyster_L0006.csv`);
    await page.getByText('48 rows × 7 columns').waitFor();
    await $('family-select').selectOption('binomial');
    await $('formula-input').fill(FORMULA);
    await $('estimation-bayes').click();
    await $('bayes-options').waitFor();
    assert((await $('bayes-family-select').inputValue()) === 'binomial', 'cbind() response: brms binomial');
    await $('bayes-chains').fill('2');
    await $('bayes-iter').fill('400');
    await $('bayes-warmup').fill('200');
    await $('bayes-seed').fill('11');
  });

  await t.step("shows brms's get_prior() table before fitting, flags the improper posterior and takes normal(0, 2.5) on b", async () => {
    await $('open-priors').click();
    await $('prior-table').waitFor();
    await $('prior-improper').waitFor();
    const classes = await page.locator('[data-testid=prior-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-class')));
    assert(JSON.stringify([...new Set(classes)]) === JSON.stringify(['b', 'Intercept', 'sd']), `classes: ${classes.join(', ')}`);
    assert((await page.locator('[data-testid=prior-table] tr[data-class=Intercept] td').first().textContent()) === 'student_t(3, 0, 2.5)', 'Intercept default');
    await shot(page, 'bayes-01-priors');
    await $('use-weakly-informative').click();
    await page.locator('[data-testid=prior-table] tr[data-class=b][data-coef=""][data-source=user]').waitFor();
    await $('prior-improper').waitFor({ state: 'detached' });
    // and one more through the editor: exponential(1) on sd
    await $('prior-class').selectOption('sd');
    await $('prior-family').selectOption('exponential');
    await $('prior-add-button').click();
    await page.locator('[data-testid=prior-table] tr[data-class=sd][data-coef=""][data-source=user]').waitFor();
    assert((await page.locator('[data-testid=prior-table] tr[data-class=sd][data-source=user] td').first().textContent()) === 'exponential(1)', 'sd prior');
  });

  let intercept = NaN;
  await t.step("fits by clicking and shows brms's summary table and the diagnostics", async () => {
    await $('fit-button').click();
    await cell('bayes-fixed', 'b_Intercept', 0).waitFor();
    const heads = await page.locator('[data-testid=bayes-fixed] thead th').allTextContents();
    assert(heads.slice(1).join('|') === 'Estimate|Est.Error|l-95% CI|u-95% CI|Rhat|Bulk_ESS|Tail_ESS', `columns: ${heads.join(' | ')}`);
    const params = await page.locator('[data-testid=bayes-fixed] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-parameter')));
    assert(params.join(',') === 'b_Intercept,b_treatmentexposed,b_populationWild,b_treatmentexposed:populationWild', `rows: ${params.join(', ')}`);
    await $('bayes-random-tank').waitFor();
    intercept = Number(await cell('bayes-fixed', 'b_Intercept', 0).getAttribute('data-value'));
    assert(Number.isFinite(intercept), 'a finite intercept');
    const sep = Number(await cell('bayes-fixed', 'b_treatmentexposed:populationWild', 0).getAttribute('data-value'));
    assert(Math.abs(sep) < 10, `the separated coefficient stays finite under the prior: ${sep}`);
    for (const d of ['divergent', 'treedepth', 'ebfmi']) await $(`diag-${d}`).waitFor();
    assert(/2 chains, each with iter = 400; warmup = 200/.test(await $('bayes-head').textContent()), 'the draws line');
    await shot(page, 'bayes-02-summary');
  });

  await t.step('draws the trace, rank, density and pairs plots from the stored draws', async () => {
    await $('bayes-plot-trace').click();
    await page.locator('[data-testid=bayes-plot-view-trace] .main-svg').first().waitFor();
    await shot(page, 'bayes-03-trace');
    await $('figure-export').first().click();
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'SVG (vector)' }).click()]);
    const text = readFileSync(await svg.path(), 'utf8');
    assert(text.includes('<svg') && text.includes('b_Intercept'), 'the trace plot exports as SVG');
    await $('bayes-plot-rank').click();
    await page.locator('[data-testid=bayes-plot-view-rank] .main-svg').first().waitFor();
    await $('bayes-plot-density').click();
    await page.locator('[data-testid=bayes-plot-view-density] .main-svg').first().waitFor();
    await $('bayes-plot-pairs').click();
    await $('bayes-plot-param2').selectOption('sd_tank__Intercept');
    await page.locator('[data-testid=bayes-plot-view-pairs] .main-svg').first().waitFor();
    await shot(page, 'bayes-04-pairs');
    // treatment × population only: nothing numeric to draw conditional effects over, and it says so
    await $('bayes-effects-none').waitFor();
  });

  await t.step("checks the fit as brms: pp_check by treatment, a hypothesis, LOO and the R code", async () => {
    await page.locator('[data-testid=ppcheck-density] .scatterlayer .trace').nth(10).waitFor();
    await $('ppcheck-group').selectOption('treatment');
    await $('ppcheck-grouped-table').waitFor();
    const levels = await page.locator('[data-testid=ppcheck-grouped-table] tbody tr td:first-child').allTextContents();
    assert(levels.join(',') === 'control,exposed', `grouped by treatment: ${levels}`);
    await $('ppcheck-grouped').scrollIntoViewIfNeeded();
    await shot(page, 'bayes-05-ppcheck');
    await page.locator('[data-testid=bayes-hypothesis] summary').click();
    await $('hypothesis-text').fill('treatmentexposed < 0');
    await $('hypothesis-run').click();
    const hyp = await page.locator('[data-testid=hypothesis-table] tbody tr td').first().textContent();
    assert(hyp === '(treatmentexposed) < 0', `hypothesis row: ${hyp}`);
    await page.locator('[data-testid=bayes-loo] summary').click();
    await $('loo-run').click();
    await page.locator('[data-testid=loo-table] tbody tr').first().waitFor();
    const looic = Number(await page.locator('[data-testid=loo-table] tbody tr td').nth(5).textContent());
    assert(looic > 0, `looic ${looic}`);
    await page.locator('[data-testid=bayes-rcode] summary').click();
    const code = (await $('bayes-rcode-text').textContent()) ?? '';
    assert(code.includes('fit <- brm(') && code.includes('family = binomial()'), 'the brms R code');
    assert(((await $('bayes-methods').textContent()) ?? '').includes('Bürkner'), 'the methods paragraph');
  });

  await t.step('a reload keeps the Bayesian choices and the open fit; it reopens from the history with the same numbers', async () => {
    await page.reload();
    await $('bayes-history-item').first().waitFor();
    await cell('bayes-fixed', 'b_Intercept', 0).waitFor();
    assert((await $('estimation-bayes').getAttribute('aria-checked')) === 'true', 'Bayesian is still chosen');
    assert((await $('bayes-iter').inputValue()) === '400', 'the sampler settings are kept');
    await $('tab-data').click();
    await $('bayes-history-open').first().click();
    await cell('bayes-fixed', 'b_Intercept', 0).waitFor();
    const again = Number(await cell('bayes-fixed', 'b_Intercept', 0).getAttribute('data-value'));
    assert(again === intercept, `stored estimate ${again} vs ${intercept}`);
    await $('bayes-plot-trace').click();
    await page.locator('[data-testid=bayes-plot-view-trace] .main-svg').first().waitFor();
  });

  await t.step('a GLMM flagged as separated is refitted Bayesian in one click and shown beside it', async () => {
    await $('bayes-iter').fill('300');
    await $('estimation-ml').click();
    await $('fit-button').click();
    await $('separation').waitFor();
    await $('refit-bayes').click();
    await $('bayes-side-by-side').waitFor();
    const rows = await page.locator('[data-testid=bayes-side-by-side] tbody tr').count();
    assert(rows === 4, `${rows} rows side by side`);
    const glmer = Number(await page.locator('[data-testid=bayes-side-by-side] tr[data-term="treatmentexposed:populationWild"] td').nth(0).getAttribute('data-value'));
    const brms = Number(await page.locator('[data-testid=bayes-side-by-side] tr[data-term="treatmentexposed:populationWild"] td').nth(2).getAttribute('data-value'));
    assert(Math.abs(glmer) > 10 && Math.abs(brms) < 10, `glmer ${glmer}, brms ${brms}`);
    await shot(page, 'bayes-05-side-by-side');
  });

  await t.step('shows progress per chain and cancels a long fit', async () => {
    await $('estimation-bayes').click();
    await $('bayes-iter').fill('1000000');
    await $('fit-button').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chain-progress-2"]')?.getAttribute('data-iteration') ?? 0) > 0);
    await $('bayes-cancel').click();
    await $('bayes-outcome-cancelled').waitFor();
    assert((await $('bayes-progress').count()) === 0, 'no progress left after cancel');
  });

  await t.step("draws brms's conditional effects over a numeric predictor from the stored draws", async () => {
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').first().waitFor();
    await waitCell(page, 0, 'Subject', '308');
    if ((await page.locator('.ag-header-cell[col-id="Subject"] .type-badge.t-factor').count()) === 0) await makeFactor(page, 'Subject');
    await $('formula-input').fill('Reaction ~ Days + (1 | Subject)');
    // each dataset keeps its own Bayesian choices: the new one starts with Bayesian estimation off
    assert((await $('bayes-options').count()) === 0, 'a new dataset does not inherit Bayesian estimation');
    await $('estimation-bayes').click();
    await $('bayes-options').waitFor();
    assert((await $('bayes-family-select').inputValue()) === 'gaussian', "the locus's binomial family does not carry over");
    await $('bayes-chains').fill('2');
    await $('bayes-iter').fill('400');
    await $('bayes-warmup').fill('200');
    await $('fit-button').click();
    await $('bayes-effects-plot').waitFor();
    await page.locator('[data-testid=bayes-effects-plot] .scatterlayer .trace').nth(1).waitFor();
    assert(((await $('bayes-effects-note').textContent()) ?? '').includes('re_formula = NA'), 'the note says what is drawn');
    await shot(page, 'bayes-05-effects');
    // back on the locus, its own choices return: Bayesian estimation with the binomial family
    const ids = await $('dataset-select').locator('option').evaluateAll((os) => os.map((o) => [o.textContent, o.value]));
    await $('dataset-select').selectOption(ids.find(([label]) => label.startsWith('oyster'))[1]);
    await $('bayes-options').waitFor();
    assert((await $('bayes-family-select').inputValue()) === 'binomial', 'the locus keeps its family');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

await browser.close();
await server.stop();
