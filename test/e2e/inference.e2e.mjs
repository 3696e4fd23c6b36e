// The lmerTest extras in the Results view, in Chromium against the real API over loopback HTTP: fit
// sleepstudy Reaction ~ Days + (Days | Subject), compute profile confidence intervals (checked
// against lme4's confint in test/reference/fixtures/inference/sleepstudy.json), run ranova and see
// lmerTest's "Days in (Days | Subject)" row, start a bootstrap and cancel it, test two contrasts, run
// step; then fit Oats and compare its marginal means with emmeans.
import { readFileSync } from 'node:fs';
import { assert, buildIfNeeded, close, launch, ROOT, shot, startServer, suite, makeFactor, clickForNotice } from './lib.mjs';

buildIfNeeded();
const server = await startServer();
const { browser, page, problems } = await launch();
page.setDefaultTimeout(60_000); // generous: CI machines (and this one) can be busy

const $ = (id) => page.locator(`[data-testid="${id}"]`);
const fixture = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/inference/sleepstudy.json`, 'utf8'));
/** The full value behind a table cell (data-value), by row term and column position. */
const cell = async (table, term, col) => Number(await page.locator(`[data-testid=${table}] tr[data-term="${term}"] td.num`).nth(col).getAttribute('data-value'));

await suite('inference: confidence intervals and ranova on sleepstudy', async (t) => {
  await t.step('imports sleepstudy, makes Subject a factor and fits Reaction ~ Days + (Days | Subject)', async () => {
    await page.goto(server.url);
    await $('start-screen').waitFor();
    await $('import-input').setInputFiles(`${ROOT}/test/data/sleepstudy.csv`);
    await page.getByText('180 rows × 3 columns').waitFor();
    await makeFactor(page, 'Subject');
    await $('formula-input').fill('Reaction ~ Days + (Days | Subject)');
    await $('fit-button').click();
    await $('fixed-table').waitFor();
    await $('inference').waitFor();
  });

  await t.step("profile intervals as lme4's confint(m)", async () => {
    await $('inference-confint').click();
    assert((await $('confint-method').inputValue()) === 'profile', 'profile is the default method');
    await $('confint-run').click();
    await $('confint-table').waitFor();
    for (const term of ['Days', 'sd_(Intercept)|Subject']) {
      const want = fixture.expected.confint.profile.find((r) => r.term === term);
      close(await cell('confint-table', term, 1), want.lower, 1e-3 * Math.abs(want.lower), `${term} lower`);
      close(await cell('confint-table', term, 2), want.upper, 1e-3 * Math.abs(want.upper), `${term} upper`);
    }
    await page.locator('[data-testid=confint-table] th', { hasText: '97.5 %' }).waitFor();
    // the model is REML, the profile ML (as lme4's): the centre column says so
    await page.locator('[data-testid=confint-table] th', { hasText: 'ML estimate' }).waitFor();
    await $('confint-table').scrollIntoViewIfNeeded();
    await shot(page, '16-inference-confint');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      $('confint-panel').getByTitle('Download the confint table').click().then(() => page.getByRole('menuitem', { name: 'CSV' }).click()),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    // CSV is for machines: full precision, not the two decimals on screen
    assert(/\nSD \(Intercept\) \| Subject,[\d.]+,14\.\d{4,},37\.\d{4,}/.test(csv), `the downloaded intervals: ${csv.slice(0, 300)}`);
  });

  await t.step('a bootstrap shows its progress and stops on Cancel', async () => {
    await $('confint-method').selectOption('boot');
    await $('confint-nsim').fill('20000');
    await $('confint-run').click();
    await page.locator('[data-testid=confint-progress]', { hasText: /of 20000 simulations/ }).waitFor();
    await $('confint-cancel').click();
    await page.locator('[data-testid=confint-panel] .banner', { hasText: /cancelled/ }).waitFor();
    assert(await $('confint-run').isEnabled(), 'can compute again after cancelling');
  });

  await t.step("ranova: lmerTest's row for the Days slope", async () => {
    await $('inference-ranova').click();
    await $('ranova-run').click();
    await $('ranova-table').waitFor();
    const want = fixture.expected.ranova.find((r) => r.term === 'Days in (Days | Subject)');
    await page.locator('[data-testid=ranova-table] tr[data-term="Days in (Days | Subject)"]').waitFor();
    close(await cell('ranova-table', 'Days in (Days | Subject)', 3), want.lrt, 1e-3, 'LRT');
    assert((await cell('ranova-table', 'Days in (Days | Subject)', 4)) === want.df, 'df');
    await $('ranova-table').scrollIntoViewIfNeeded();
    await shot(page, '17-inference-ranova');
    await clickForNotice(page, $('copy-ranova'), 'Table copied');
  });

  await t.step("contrasts: two rows of L with Kenward-Roger df as lmerTest's contest(m, L)", async () => {
    await $('inference-contest').click();
    assert((await $('contrast-0-1').inputValue()) === '1', 'the first row starts on the last coefficient (Days)');
    await $('contrasts-add').click();
    await $('contrast-1-0').fill('1');
    await $('contrasts-ddf').selectOption('kenward-roger');
    await $('contrasts-run').click();
    await $('contest-joint').waitFor();
    const want = fixture.expected.contest.filter((c) => c.name === 'both' && c.ddf === 'Kenward-Roger');
    const days = want.find((c) => !c.joint).rows[1];
    const joint = want.find((c) => c.joint).rows[0];
    const num = (table, row, col) => page.locator(`[data-testid=${table}] tbody tr`).nth(row).locator('td.num').nth(col).getAttribute('data-value').then(Number);
    close(await num('contest-table', 0, 0), days.estimate, 1e-3 * days.estimate, 'Days estimate');
    close(await num('contest-table', 0, 6), days.upper, 1e-3 * days.upper, 'Days upper CI');
    close(await num('contest-joint', 0, 0), joint.fValue, 1e-3 * joint.fValue, 'joint F');
    close(await num('contest-joint', 0, 2), joint.denDf, 1e-3 * joint.denDf, 'joint den df (KR)');
    await $('contest-joint').scrollIntoViewIfNeeded();
    await shot(page, '18-inference-contrasts');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      $('contrasts-panel').getByTitle('Download the contest table').click().then(() => page.getByRole('menuitem', { name: 'Markdown' }).click()),
    ]);
    const md = readFileSync(await download.path(), 'utf8');
    assert(md.includes('| Days |') && /Kenward–Roger method\. Joint test of all 2 rows: \*F\*\(2, \d+\.\d\)/.test(md), `the downloaded contrasts: ${md.slice(0, 600)}`);
  });

  await t.step("step: lmerTest's elimination tables, nothing eliminated", async () => {
    await $('inference-step').click();
    await $('step-run').click();
    await $('step-fixed').waitFor();
    const want = fixture.expected.step;
    assert((await $('step-final').textContent()) === want.finalFormula, 'final model as lmerTest');
    const days = want.fixed.find((r) => r.term === 'Days');
    close(await cell('step-fixed', 'Days', 5), days.pValue, 1e-3 * days.pValue, 'Days p');
    const slope = want.random.find((r) => r.term === 'Days in (Days | Subject)');
    close(await cell('step-random', 'Days in (Days | Subject)', 4), slope.lrt, 1e-3, 'slope LRT');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      $('step-panel').getByTitle('Download the step-random table').click().then(() => page.getByRole('menuitem', { name: 'CSV' }).click()),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert(/\nDays in \(Days \| Subject\),0,4,-893\.23\d{3,},/.test(csv) && !csv.includes('< .001'), `the downloaded step table: ${csv.slice(0, 400)}`);
  });

  await t.step('step shows its progress line and stops on Cancel (here while a bootstrap holds the workers)', async () => {
    await $('inference-confint').click();
    await $('confint-nsim').fill('100000'); // one chunk per worker: the step job waits in the queue
    await $('confint-run').click();
    await page.locator('[data-testid=confint-progress]', { hasText: /of 100000 simulations/ }).waitFor();
    await $('inference-step').click();
    await $('step-run').click();
    await $('step-progress').waitFor();
    await $('step-cancel').click();
    await page.locator('[data-testid=step-panel] .banner', { hasText: /cancelled/ }).waitFor();
    assert(await $('step-run').isEnabled(), 'step can run again after cancelling');
    await $('inference-confint').click();
    await $('confint-cancel').click();
    await page.locator('[data-testid=confint-panel] .banner', { hasText: /cancelled/ }).waitFor();
  });

  await t.step("marginal means on Oats as emmeans(m, pairwise ~ Variety)", async () => {
    const oats = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/inference/oats.json`, 'utf8')).expected.emmeans.satterthwaite;
    await $('import-input').setInputFiles(`${ROOT}/test/data/Oats.csv`);
    await page.getByText('72 rows × 4 columns').waitFor();
    await $('formula-input').fill('yield ~ nitro + Variety + (1 | Block/Variety)');
    await $('fit-button').click();
    await page.locator('[data-testid=fixed-table] tr[data-term="VarietyMarvellous"]').waitFor();
    await $('inference-emmeans').click();
    await $('emmeans-run').click();
    await $('emmeans-table').waitFor();
    const num = (table, row, col) => page.locator(`[data-testid=${table}] tbody tr`).nth(row).locator('td.num').nth(col).getAttribute('data-value').then(Number);
    for (const [i, e] of oats.emmeans.entries()) {
      assert((await page.locator('[data-testid=emmeans-table] tbody tr').nth(i).locator('th').textContent()) === e.level, `level ${e.level}`);
      close(await num('emmeans-table', i, 0), e.emmean, 1e-4 * e.emmean, `${e.level} mean`);
      close(await num('emmeans-table', i, 2), e.df, 1e-3 * e.df, `${e.level} df`);
    }
    assert((await page.locator('[data-testid=contrasts-table] tbody tr').count()) === oats.contrasts.length, 'three pairwise contrasts');
    close(await num('contrasts-table', 0, 0), oats.contrasts[0].estimate, 1e-4, 'first contrast');
    // the means drawn with their limits (issue 17's effect plot for factors), exportable like every figure
    await page.locator('[data-testid=emmeans-plot] .scatterlayer .trace .points path').nth(oats.emmeans.length - 1).waitFor();
    assert((await page.locator('[data-testid=emmeans-plot] .scatterlayer .trace .points path').count()) === oats.emmeans.length, 'one point per variety');
    assert((await $('emmeans-panel').getByRole('button', { name: /Export figure/ }).count()) === 1, 'the plot has its export');
    await $('emmeans-table').scrollIntoViewIfNeeded();
    await shot(page, '19-inference-emmeans');
  });

  await t.step('marginal means with Kenward–Roger df and 90 % limits, as emmeans(m, …, lmer.df = "kenward-roger")', async () => {
    const kr = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/inference/oats.json`, 'utf8')).expected.emmeans.kr;
    const num = (table, row, col) => page.locator(`[data-testid=${table}] tbody tr`).nth(row).locator('td.num').nth(col).getAttribute('data-value').then(Number);
    const lower95 = await num('emmeans-table', 0, 3);
    await $('emmeans-ddf').selectOption('kenward-roger');
    await $('emmeans-panel').getByLabel('Confidence level').selectOption('0.9');
    await $('emmeans-run').click();
    await $('emmeans-panel').getByText('90 % confidence limits, Kenward–Roger df').waitFor();
    for (const [i, e] of kr.emmeans.entries()) {
      close(await num('emmeans-table', i, 1), e.SE, 1e-4 * e.SE, `${e.level} SE`);
      close(await num('emmeans-table', i, 2), e.df, 1e-3 * e.df, `${e.level} KR df`);
    }
    const lower90 = await num('emmeans-table', 0, 3);
    assert(lower90 > lower95 && lower90 < kr.emmeans[0].emmean, `the 90 % lower limit ${lower90} lies between the 95 % one and the mean`);
    close(await num('contrasts-table', 0, 2), kr.contrasts[0].df, 1e-3 * kr.contrasts[0].df, 'first contrast KR df');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      $('emmeans-panel').getByTitle('Download the emmeans table').click().then(() => page.getByRole('menuitem', { name: 'CSV' }).click()),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert(csv.includes('90% CI lower') && csv.includes('Golden Rain,'), `the downloaded means table: ${csv.slice(0, 200)}`);
    await clickForNotice(page, $('copy-emmeans-contrasts'), 'Table copied');
  });

  await t.step('marginal means within each level of another factor, as emmeans(m, pairwise ~ Product | Information)', async () => {
    const want = JSON.parse(readFileSync(`${ROOT}/test/reference/fixtures/inference/ham.json`, 'utf8')).expected.emmeansBy;
    await $('import-input').setInputFiles(`${ROOT}/test/data/ham.csv`);
    await page.getByText('648 rows × 6 columns').waitFor();
    for (const column of ['Consumer', 'Product', 'Information', 'Gender']) await makeFactor(page, column);
    await $('formula-input').fill('Informed.liking ~ Product * Information * Gender + (1 | Consumer) + (1 | Product:Consumer)');
    await $('fit-button').click();
    await page.locator('[data-testid=fixed-table] tr[data-term="Product2:Information2:Gender2"]').waitFor();
    await $('inference-emmeans').click();
    await $('emmeans-factor').selectOption('Product');
    await $('emmeans-by').selectOption('Information');
    await $('emmeans-run').click();
    await $('emmeans-panel').getByText('Tukey-adjusted within each level of Information').waitFor();
    const rows = page.locator('[data-testid=emmeans-table] tbody tr');
    assert((await rows.count()) === want.satterthwaite.emmeans.length, 'a mean per Product within each Information level');
    for (const i of [0, 5]) {
      const w = want.satterthwaite.emmeans[i];
      assert((await rows.nth(i).locator('td').first().textContent()) === w.by && (await rows.nth(i).locator('th').textContent()) === w.level, `row ${i} is ${w.level} within ${w.by}`);
      close(Number(await rows.nth(i).locator('td.num').first().getAttribute('data-value')), w.emmean, 1e-4 * Math.abs(w.emmean), `mean ${i}`);
    }
    const contrasts = page.locator('[data-testid=contrasts-table] tbody tr');
    assert((await contrasts.count()) === 12, 'six comparisons within each of the two Information levels');
    const w = want.satterthwaite.contrasts[10];
    const p = Number(await contrasts.nth(10).locator('td.num').nth(4).getAttribute('data-value'));
    close(p, w.pValue, 1e-3 * w.pValue + 1e-6, `Tukey p of ${w.contrast} within Information ${w.by}`);
    // Product also interacts with Gender: emmeans' warning is shown, as R prints it
    assert((await $('emmeans-note').innerText()).startsWith('Results may be misleading due to involvement in interactions'), 'the interaction note is shown');
    await $('emmeans-table').scrollIntoViewIfNeeded();
    await shot(page, '20-inference-emmeans-by');
  });

  await t.step('no errors in the browser console', async () => {
    // The cancelled bootstrap's result request answers 422 (kind cancelled), which the panel shows.
    const unexpected = problems.filter((p) => !/status of 422/.test(p));
    assert(unexpected.length === 0, problems.join('\n'));
  });
});

await browser.close();
await server.stop();
