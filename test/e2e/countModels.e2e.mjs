// Count models (glmmTMB) in the workbench, in Chromium against the real API over loopback HTTP: import
// Salamanders, choose the negative binomial (quadratic variance) and pick spp as the zero-inflation term,
// fit, and check summary(glmmTMB)'s line, dispersion line and the conditional and zero-inflation tables
// against glmmTMB's (test/reference/fixtures/glmmTMB/sal_zinb.json, sal_nbinom2.json, sal_poisson.json);
// fit NB2 and Poisson too, compare the three by AIC, export the R code, and after a reload find the fit
// in the history and reopen it; then fit tweedie (sal_tweedie.json) with its marginal means.
/* global document */
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, makeFactor, ROOT, shot, startServer, suite, unnamedControls, waitCell } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
// a zero-inflated fit takes tens of seconds on a shared machine: wait for states, with room
page.setDefaultTimeout(180_000);

const fixture = (name) => JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/glmmTMB/${name}.json`, 'utf8')).expected;
const zinb = fixture('sal_zinb');
const nb2 = fixture('sal_nbinom2');
const pois = fixture('sal_poisson');
const FORMULA = 'count ~ spp * mined + (1 | site)';
const zinbPredict = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/glmmTMB_predict/sal_zinb.json`, 'utf8'));
const twPredict = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/glmmTMB_predict/sal_tweedie.json`, 'utf8'));
const chooser = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/countChooser/salamanders.json`, 'utf8'));

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const value = async (locator) => Number(await locator.getAttribute('data-value'));
const cell = (table, term, col) => value(page.locator(`[data-testid=${table}] tr[data-term="${term}"] td`).nth(col));
/** summary(glmmTMB)'s first line as glmmTMB prints it: one decimal, df.resid whole. */
async function criteriaAsPrinted() {
  const tds = page.locator('[data-testid=count-criteria] tbody td');
  const v = await Promise.all([0, 1, 2, 3, 4].map((k) => value(tds.nth(k))));
  return [...v.slice(0, 4).map((x) => x.toFixed(1)), String(v[4])].join(' ');
}
const printedLine = (e) => e.summaryText[e.summaryText.findIndex((l) => l.includes('df.resid')) + 1].trim().split(/\s+/).join(' ');

async function fitAndWait(count) {
  await $('fit-button').click();
  await page.locator('[data-testid=history-item]').nth(count - 1).waitFor();
  await $('results').waitFor();
}

await suite('count models: Salamanders as glmmTMB', async (t) => {
  await t.step('imports Salamanders with site, spp and mined as factors', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/Salamanders.csv`);
    await page.getByText('644 rows × 9 columns').waitFor();
    await waitCell(page, 0, 'site', 'VF-1');
    for (const c of ['site', 'spp', 'mined'])
      if ((await page.locator(`.ag-header-cell[col-id="${c}"] .type-badge.t-factor`).count()) === 0) await makeFactor(page, c);
  });

  await t.step('builds NB2 with zero inflation ~ spp: family by data type, the zi term picked', async () => {
    await $('response-select').selectOption('count');
    await $('formula-input').fill(FORMULA);
    const groups = await page.locator('[data-testid=family-select] optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    assert(groups.join(',') === 'Continuous,Continuous positive,Proportions,Counts', `family groups: ${groups.join(',')}`);
    await $('family-select').selectOption('nbinom2');
    await $('count-options').waitFor();
    assert((await $('link-select').count()) === 0 && (await $('nagq-select').count()) === 0, 'glmer-only options are hidden');
    await $('count-engine-note').waitFor();
    await $('count-ziformula-add').selectOption('spp');
    await page.waitForFunction(() => document.querySelector('[data-testid="count-ziformula"]')?.value === '~ spp');
    // typing reads the same grammar: a bad formula is named, a good one comes back as written
    await $('count-ziformula').fill('spp');
    await $('count-ziformula-issue').waitFor();
    await $('count-ziformula').fill('~ spp');
    await $('count-ziformula-issue').waitFor({ state: 'detached' });
    const unnamed = await unnamedControls(page);
    assert(unnamed.length === 0, `controls without a name:\n${unnamed.join('\n')}`);
    await $('count-options').scrollIntoViewIfNeeded();
    await shot(page, 'count-01-builder');
  });

  await t.step("fits the ZINB and shows summary(glmmTMB) with glmmTMB's numbers", async () => {
    await fitAndWait(1);
    await $('count-results').waitFor();
    await page.getByText(/Family: nbinom2 \(log\) · Zero inflation: ~ spp/).waitFor();
    assert((await criteriaAsPrinted()) === printedLine(zinb), `AIC BIC logLik deviance df.resid: ${await criteriaAsPrinted()} (glmmTMB: ${printedLine(zinb)})`);
    assert((await $('count-dispersion-line').textContent()).trim() === zinb.dispersionLine.trim(), `dispersion line: ${await $('count-dispersion-line').textContent()}`);
    const heads = await page.locator('[data-testid=count-cond-table] thead th').allTextContents();
    assert(heads.join('|') === 'Term|Estimate|Std. Error|z value|Pr(>|z|)|', `columns: ${heads.join('|')}`);
    // the engine reaches glmmTMB's logLik; on this fit its estimates are within 1e-3 (zi: 1e-2) of glmmTMB's, sppGP's zi runs off on a ridge (docs/count-models.md)
    for (const c of zinb.fixed.cond) close(await cell('count-cond-table', c.term, 0), c.estimate, 1e-3 * Math.max(1, Math.abs(c.estimate)), `cond ${c.term}`);
    for (const c of zinb.fixed.zi) {
      if (c.stdError > 100) assert((await cell('count-zi-table', c.term, 0)) < -5, `zi ${c.term} far out on its ridge`);
      else close(await cell('count-zi-table', c.term, 0), c.estimate, 1e-2 * Math.max(1, Math.abs(c.estimate)), `zi ${c.term}`);
    }
    assert((await $('count-disp-table').count()) === 0, 'no dispersion table with dispformula ~1, as glmmTMB prints it');
    close(await value(page.locator('[data-testid=random-table] tbody td.num').first()), zinb.random.cond[0].variance, 2e-3 * zinb.random.cond[0].variance, 'site variance');
    // marginal means of spp: the count mean (emmeans type = "response"), P(structural zero) and the response mean with the zeros
    await $('count-means-table').waitFor();
    for (const [k, e] of zinbPredict.emmeans.response.entries()) {
      const tds = page.locator(`[data-testid=count-means-table] tr[data-level="${e.level}"] td`);
      close(await value(tds.nth(0)), zinbPredict.emmeans.cond[k].estimate, 2e-3 * zinbPredict.emmeans.cond[k].estimate, `count mean ${e.level}`);
      close(await value(tds.nth(4)), e.estimate, 2e-3 * e.estimate, `response mean ${e.level}`);
    }
    await shot(page, 'count-02-zinb');
  });

  await t.step("fits NB2 without zero inflation: glmmTMB's conditional table", async () => {
    await $('count-ziformula').fill('');
    await fitAndWait(2);
    // the new result's title: nbinom2 without a zero part (the ZINB's names its zero inflation)
    await page.getByText(/Family: nbinom2 \(log\) · Salamanders/).waitFor();
    assert((await criteriaAsPrinted()) === printedLine(nb2), `NB2: ${await criteriaAsPrinted()} (glmmTMB: ${printedLine(nb2)})`);
    for (const c of nb2.fixed.cond) {
      close(await cell('count-cond-table', c.term, 0), c.estimate, 5e-4 * Math.max(1, Math.abs(c.estimate)), `NB2 ${c.term} estimate`);
      close(await cell('count-cond-table', c.term, 1), c.stdError, 1e-3 * c.stdError, `NB2 ${c.term} SE`);
    }
    assert((await $('count-zi-table').count()) === 0, 'no zero-inflation table without a zi formula');
  });

  await t.step('fits Poisson (glmer) and compares the three by AIC', async () => {
    await $('family-select').selectOption('poisson');
    assert((await $('link-select').count()) === 1, "plain Poisson is glmer's: its link is offered again");
    await fitAndWait(3);
    await page.getByText(/Family: poisson \(log\)/).first().waitFor();
    for (let k = 0; k < 3; k++) await page.locator('[data-testid=compare-check]').nth(k).check();
    await $('compare-button').click();
    await $('compare-table').waitFor();
    await $('compare-note').waitFor();
    assert(/AIC compares them across families/.test(await $('compare-note').textContent()), 'the note says AIC compares across families');
    const rows = page.locator('[data-testid=compare-table] tbody tr');
    const aics = await Promise.all([0, 1, 2].map((k) => value(rows.nth(k).locator('td').nth(1))));
    const want = [pois.aic, nb2.aic, zinb.aic];
    aics.forEach((a, k) => close(a, want[k], 1e-5 * want[k], `AIC row ${k}`));
    for (let k = 1; k < 3; k++) assert((await rows.nth(k).locator('td').nth(6).getAttribute('data-value')) === '', `no χ² across families (row ${k})`);
    const families = await $('compare-family').allTextContents();
    assert(families.join(' | ') === 'glmer poisson | glmmTMB nbinom2 | glmmTMB nbinom2, zi ~ spp', `families: ${families.join(' | ')}`);
    const diffs = await $('compare-diff').allTextContents();
    assert(diffs.some((d) => d.includes('poisson → nbinom2')) && diffs.some((d) => d.includes('nbinom2 → nbinom2, zi ~ spp')), `what each row changes: ${diffs.join(' | ')}`);
    await shot(page, 'count-03-compare');
  });

  await t.step('the count-model chooser fits the seven candidates and recommends one, with glmmTMB’s AICs', async () => {
    await $('count-chooser-run').click();
    await $('count-chooser-table').waitFor({ timeout: 600_000 });
    for (const c of chooser.candidates) {
      const tds = page.locator(`[data-testid=count-chooser-table] tr[data-model="${c.label}"] td`);
      close(await value(tds.nth(2)), c.aic, 1e-6 * c.aic, `${c.label} AIC`);
      assert((await value(tds.nth(0))) === c.df, `${c.label} df`);
      assert(Number.isFinite(await value(tds.nth(5))), `${c.label} has its simulated dispersion test`);
    }
    assert((await $('count-chooser-recommendation').getAttribute('data-model')) === 'NB1', `recommended: ${await $('count-chooser-recommendation').textContent()}`);
    // every candidate is in the model history beside the three fits before
    await page.locator('[data-testid=history-item]').nth(9).waitFor();
    await shot(page, 'count-035-chooser');
  });

  await t.step('the chooser table stays inside the builder column and scrolls sideways', async () => {
    const scroller = await $('count-chooser-scroll').boundingBox();
    const column = await page.locator('.fit-options').boundingBox();
    assert(scroller.x >= column.x - 1 && scroller.x + scroller.width <= column.x + column.width + 1, `chooser table ${JSON.stringify(scroller)} within the builder column ${JSON.stringify(column)}`);
    const { scrollWidth, clientWidth } = await $('count-chooser-scroll').evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
    assert(scrollWidth >= clientWidth, 'the table scrolls inside its box');
  });

  await t.step("a count fit's advice and diagnostic plots: the hurdle Poisson is overdispersed, and its one-click refit is the hurdle NB2", async () => {
    await page.locator('[data-testid=history-item]', { has: page.locator('.hist-name', { hasText: /^hurdle Poisson \(chooser\)$/ }) }).locator('.hist-name').click();
    await page.getByText(/Family: truncated_poisson \(log\)/).first().waitFor();
    const finding = page.locator('[data-testid=count-finding][data-code=overdispersion]');
    await finding.waitFor();
    assert(/simulated dispersion ratio \d\.\d\d \(p < \.001\)/.test(await finding.textContent()), `overdispersion: ${await finding.textContent()}`);
    await $('tab-plots').click();
    // a count model opens on DHARMa's Q-Q; lme4's normal plots are not offered for it, the
    // caterpillar is (glmmTMB's conditional SDs)
    await page.locator('[data-testid=plot-view-sim-qq] .main-svg').first().waitFor();
    assert((await $('plot-qq').count()) === 0, 'no normal Q-Q for a count model');
    const tests = await $('dharma-tests').textContent();
    assert(/250 simulations/.test(tests) && /new random effects in each/.test(tests), `DHARMa text: ${tests}`);
    for (const kind of ['sim-resid', 'sim-disp', 'sim-zero', 'reqq', 'cater']) {
      await $(`plot-${kind}`).click();
      await page.locator(`[data-testid=plot-view-${kind}] .main-svg`).first().waitFor();
    }
    await $('plot-sim-disp').click();
    await page.locator('[data-testid=plot-view-sim-disp] .main-svg').first().waitFor();
    await shot(page, 'count-036-dispersion-test');
    await $('tab-results').click();
    await finding.locator('[data-testid=count-fix][data-family=truncated_nbinom2]').click();
    await page.locator('[data-testid=history-item]').nth(10).waitFor();
    await page.getByText(/Family: truncated_nbinom2 \(log\) · Zero \(hurdle\): ~ ?1/).first().waitFor();
    await shot(page, 'count-037-advice-refit');
  });

  await t.step('exports the R code with the glmmTMB() call', async () => {
    await page.locator('[data-testid=history-item]', { has: page.locator('[data-testid=hist-count]', { hasText: 'zi ~ spp' }) }).locator('.hist-name').click();
    await page.getByText(/Zero inflation: ~ spp/).waitFor();
    await $('report-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /R code only/ }).click()]);
    const code = readFileSync(await download.path(), 'utf8');
    assert(code.includes('library(glmmTMB)'), 'loads glmmTMB');
    assert(code.includes(`m <- glmmTMB(${FORMULA}, data = d, ziformula = ~ spp, family = nbinom2)`), `the call:\n${code}`);
  });

  await t.step('after a reload the count fit is in the history, marked with its family, and reopens', async () => {
    await page.locator('.workbench[data-view-saved="yes"]').waitFor();
    await page.reload();
    await page.locator('[data-testid=history-item]').nth(2).waitFor();
    const marks = await $('hist-count').allTextContents();
    assert(marks.includes('glmmTMB nbinom2, zi ~ spp') && marks.includes('glmmTMB nbinom2'), `history marks: ${marks.join(' | ')}`);
    await page.locator('[data-testid=history-item]', { has: page.locator('[data-testid=hist-count]', { hasText: 'zi ~ spp' }) }).locator('.hist-name').click();
    await $('count-zi-table').waitFor();
    assert((await criteriaAsPrinted()) === printedLine(zinb), 'the reopened fit has the same numbers');
    await shot(page, 'count-04-reopened');
  });

  await t.step("fits tweedie: glmmTMB's criteria, dispersion line and power; lognormal has no zero-inflation box", async () => {
    const tw = fixture('sal_tweedie');
    await $('formula-input').fill('count ~ spp + mined + (1 | site)');
    await $('family-select').selectOption('lognormal');
    await $('count-no-zi').waitFor();
    assert((await $('count-ziformula').count()) === 0, 'no zero-inflation formula for lognormal');
    await $('family-select').selectOption('tweedie');
    await $('count-ziformula').waitFor();
    assert((await $('count-ziformula').inputValue()) === '', 'tweedie without zero inflation');
    await fitAndWait(4);
    await page.getByText(/Family: tweedie \(log\) · Tweedie power: 1\.178/).waitFor();
    assert((await criteriaAsPrinted()) === printedLine(tw), `tweedie: ${await criteriaAsPrinted()} (glmmTMB: ${printedLine(tw)})`);
    assert((await $('count-dispersion-line').textContent()).trim() === tw.dispersionLine.trim(), `dispersion line: ${await $('count-dispersion-line').textContent()}`);
    // marginal means of a family beyond the counts: emmeans(m, ~ spp, type = "response") (glmmTMB_predict/sal_tweedie.json)
    await $('count-means-table').waitFor();
    for (const [k, e] of twPredict.emmeans.cond.entries()) {
      const tds = page.locator(`[data-testid=count-means-table] tr[data-level="${e.level}"] td`);
      close(await value(tds.nth(0)), e.estimate, 2e-3 * e.estimate, `tweedie mean ${e.level} (${k})`);
    }
    await shot(page, 'count-05-tweedie');
    // tweedie is simulated as glmmTMB's simulate() (compound Poisson–gamma): the Plots tab opens on
    // DHARMa's Q-Q, with no reason to give
    await $('tab-plots').click();
    await page.locator('[data-testid=plot-view-sim-qq] .main-svg').first().waitFor();
    assert((await $('plots-count-reason').count()) === 0, 'no "not available" note for tweedie');
    await $('tab-results').click();
  });

  await t.step("a random slope glmmTMB cannot determine (sal_warn_hessian): logLik, AIC and BIC read NA with the reason, the advice names the slope", async () => {
    const warn = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/glmmTMB/sal_warn_hessian.json`, 'utf8'));
    await $('family-select').selectOption('nbinom2');
    await $('formula-input').fill(warn.formula);
    await $('fit-button').click();
    await $('count-loglik-na').waitFor();
    const tds = await page.locator('[data-testid=count-criteria] tbody td').allTextContents();
    assert(tds.slice(0, 4).every((x) => x.trim() === 'NA') && tds[4].trim() === String(warn.expected.dfResid), `criteria: ${tds.join(' | ')}`);
    assert(/The Hessian is not positive definite; glmmTMB \(1\.1\.x\) then gives no log-likelihood/.test(await $('count-loglik-na').textContent()), 'the reason is given');
    const finding = page.locator('[data-testid=count-finding][data-code=non-pd-hessian]');
    assert((await finding.textContent()).includes('the random slope of minedyes within site'), `advice: ${await finding.textContent()}`);
    await page.locator('[data-testid=hist-aic-na]').first().waitFor();
    await shot(page, 'count-06-loglik-na');
  });

  await t.step('no errors in the browser console', async () => {
    assert(problems.length === 0, `browser problems: ${problems.join('\n')}`);
  });
});

await browser.close();
await server.stop();
