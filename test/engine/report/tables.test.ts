/** Table generators and renderers against golden files made from R's numbers (fixtureReport). */
import { describe, expect, it } from 'vitest';
import { reportContext } from '../../../src-engine/report/context';
import { buildReportDocument } from '../../../src-engine/report/document';
import { formatSettings } from '../../../src-engine/report/format';
import { tableToCsv } from '../../../src-engine/report/render/csv';
import { documentToHtml, documentToLatex, documentToMarkdown } from '../../../src-engine/report/render/document';
import { tableToHtml } from '../../../src-engine/report/render/html';
import { escapeTex, tableToLatex } from '../../../src-engine/report/render/latex';
import { tableToMarkdown } from '../../../src-engine/report/render/markdown';
import { plainText } from '../../../src-engine/report/tableModel';
import { anovaTable } from '../../../src-engine/report/tables/anova';
import { fixedEffectsTable } from '../../../src-engine/report/tables/fixedEffects';
import { modelComparisonTable } from '../../../src-engine/report/tables/modelComparison';
import { randomEffectsTable } from '../../../src-engine/report/tables/randomEffects';
import { confintTable } from '../../../src-engine/report/tables/confint';
import { contestTable } from '../../../src-engine/report/tables/contest';
import { contrastsTable, emmeansTable } from '../../../src-engine/report/tables/emmeans';
import { ranovaTable } from '../../../src-engine/report/tables/ranova';
import { stepFixedTable, stepRandomTable } from '../../../src-engine/report/tables/step';
import { loadInferenceFixture, loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from '../lmm/loadCase';
import { fixtureReport } from './fixtureReport';
import { expectGolden } from './golden';

const SOFTWARE = { name: 'Quadrat', version: '0.1.0' };

describe('report tables', () => {
  it('sleepstudy (REML, Satterthwaite): every format', () => {
    const ctx = reportContext(fixtureReport('sleepstudy_reml'), { table: loadCaseTable(loadLmmFixture('sleepstudy_reml')) });
    const s = formatSettings();
    const doc = buildReportDocument(ctx, { software: SOFTWARE, format: s });
    expectGolden('sleepstudy_reml.md', documentToMarkdown(doc, s));
    expectGolden('sleepstudy_reml.html', documentToHtml(doc, s));
    expectGolden('sleepstudy_reml.tex', documentToLatex(doc, s));
    expectGolden('sleepstudy_reml_fixed.csv', tableToCsv(fixedEffectsTable(ctx), s));
    expectGolden('sleepstudy_reml_fixed_raw.csv', tableToCsv(fixedEffectsTable(ctx), s, true));
  });

  it('orthodont (Kenward–Roger, decimal comma, p with leading zero, 3 digits)', () => {
    const ctx = reportContext(fixtureReport('orthodont', 'kenward-roger', 2), { anovaType: 2 });
    const s = formatSettings({ decimalComma: true, pStyle: 'decimal', digits: 3 });
    const tables = [fixedEffectsTable(ctx), randomEffectsTable(ctx), anovaTable(ctx)!];
    expectGolden('orthodont_kr_comma.md', tables.map((t, k) => tableToMarkdown(t, s, k + 1)).join('\n'));
    expectGolden('orthodont_kr_comma.tex', tables.map((t, k) => tableToLatex(t, s, k + 1)).join('\n'));
    expectGolden('orthodont_kr_comma.csv', tables.map((t) => tableToCsv(t, s)).join('\r\n'));
    expect(tableToCsv(tables[0], s).split('\r\n')[0]).toBe('Term;b;SE;df;t;p');
  });

  it('sleepstudy ML without df (lme4 t values only): no df or p columns, no ANOVA table', () => {
    const ctx = reportContext(fixtureReport('sleepstudy_ml', 'none'));
    const t = fixedEffectsTable(ctx);
    expect(t.columns.map((c) => c.key)).toEqual(['term', 'estimate', 'stdError', 'statistic']);
    expect(anovaTable(ctx)).toBeNull();
    expectGolden('sleepstudy_ml_none.md', tableToMarkdown(t, formatSettings(), 1));
  });

  it('ham: three-way ANOVA and two grouping factors, in HTML for Word', () => {
    const ctx = reportContext(fixtureReport('ham'));
    const s = formatSettings();
    expectGolden('ham_anova.html', tableToHtml(anovaTable(ctx)!, s, 3));
    expectGolden('ham_random.html', tableToHtml(randomEffectsTable(ctx), s, 2));
  });

  it('model comparison (likelihood-ratio test from the sleepstudy inference fixture)', () => {
    const lrt = loadInferenceFixture('sleepstudy').expected.lrt;
    const t = modelComparisonTable({
      refitted: true,
      rows: lrt.rows.map((r, k) => ({
        name: r.term,
        formula: lrt.models[k].formula,
        npar: r.npar as number,
        aic: r.aic as number,
        bic: r.bic as number,
        logLik: r.logLik as number,
        deviance: r.deviance as number,
        chisq: r.chisq as number | null,
        df: r.df as number | null,
        pValue: r.pValue as number | null,
      })),
    });
    const s = formatSettings();
    expectGolden('comparison.md', tableToMarkdown(t, s, 4));
    expectGolden('comparison.tex', tableToLatex(t, s, 4));
    expectGolden('comparison.html', tableToHtml(t, s, 4));
    expectGolden('comparison.csv', tableToCsv(t, s));
  });

  it('estimated marginal means and Tukey-adjusted pairwise contrasts (oats inference fixture)', () => {
    const e = loadInferenceFixture('oats').expected.emmeans!;
    const input = { factor: e.factor, ...e.satterthwaite, adjust: e.satterthwaite.adjust as 'tukey', dfMethod: "Satterthwaite's method" };
    const s = formatSettings();
    expectGolden('oats_emmeans.md', tableToMarkdown(emmeansTable(input, 'yield'), s, 5) + '\n' + tableToMarkdown(contrastsTable(input, 'yield'), s, 6));
    expectGolden('oats_emmeans.tex', tableToLatex(emmeansTable(input, 'yield'), s, 5));
  });

  it('marginal means within each level of a by factor (ham: Product | Information)', () => {
    const e = loadInferenceFixture('ham').expected.emmeansBy!;
    const input = { factor: e.factor, by: e.by, ...e.kr, adjust: 'tukey' as const, dfMethod: 'the Kenward–Roger method' };
    const s = formatSettings();
    expectGolden('ham_emmeans_by.md', tableToMarkdown(emmeansTable(input, 'Informed.liking'), s, 9) + '\n' + tableToMarkdown(contrastsTable(input, 'Informed.liking'), s, 10));
  });

  it('ranova and profile confidence intervals (sleepstudy inference fixture)', () => {
    const fx = loadInferenceFixture('sleepstudy').expected;
    const s = formatSettings();
    const ranova = ranovaTable({ reml: true, rows: fx.ranova.map((r) => ({ term: r.term, npar: r.npar as number, logLik: r.logLik as number, aic: r.aic as number, lrt: r.lrt as number | null, df: r.df as number | null, pValue: r.pValue as number | null })) });
    expectGolden('sleepstudy_ranova.md', tableToMarkdown(ranova, s, 7));
    expectGolden('sleepstudy_ranova.csv', tableToCsv(ranova, s));
    // the fixture has the limits only; the estimate column is then empty
    const confint = confintTable({ method: 'profile', level: 0.95, rows: fx.confint.profile.map((r) => ({ term: r.term, estimate: null, lower: r.lower as number | null, upper: r.upper as number | null })) });
    expectGolden('sleepstudy_confint.md', tableToMarkdown(confint, s, 8));
    expect(confint.rows.map((r) => r[0])).toEqual(['SD (Intercept) | Subject', 'Correlation Days.(Intercept) | Subject', 'SD Days | Subject', 'Residual SD (σ)', '(Intercept)', 'Days']);
  });

  it('step and contest tables (oats inference fixture)', () => {
    const fx = loadInferenceFixture('oats').expected;
    const s = formatSettings();
    const num = (x: unknown) => (typeof x === 'number' ? x : null);
    const step = {
      random: fx.step.random.map((r) => ({ term: r.term, eliminated: num(r.eliminated), npar: r.npar as number, logLik: num(r.logLik), aic: num(r.aic), lrt: num(r.lrt), df: num(r.df), pValue: num(r.pValue) })),
      fixed: fx.step.fixed.map((r) => ({ term: r.term, eliminated: r.eliminated as number, sumSq: num(r.sumSq), meanSq: num(r.meanSq), numDf: num(r.numDf), denDf: num(r.denDf), fValue: num(r.fValue), pValue: num(r.pValue) })),
      finalFormula: fx.step.finalFormula,
      dfMethod: "Satterthwaite's method",
      reml: true,
    };
    expectGolden('oats_step.md', tableToMarkdown(stepRandomTable(step, s), s, 11) + '\n' + tableToMarkdown(stepFixedTable(step, s), s, 12));
    expect(plainText(stepFixedTable(step, formatSettings({ decimalComma: true })).notes[0])).toContain('removed while p > ,05;');
    const entry = (joint: boolean) => fx.contest.find((c) => c.name === 'variety' && c.joint === joint && c.ddf === 'Satterthwaite')!;
    const j = entry(true).rows[0];
    const input = {
      labels: ['VarietyMarvellous', 'VarietyVictory'],
      level: 0.95,
      rows: entry(false).rows.map((r) => ({ estimate: r.estimate as number, stdError: num(r.stdError), df: num(r.df), tValue: num(r.tValue), pValue: num(r.pValue), lower: num(r.lower), upper: num(r.upper) })),
      joint: { numDf: j.numDf as number, denDf: num(j.denDf), fValue: num(j.fValue), pValue: num(j.pValue) },
      dfMethod: "Satterthwaite's method",
    };
    expectGolden('oats_contest.md', tableToMarkdown(contestTable(input, s), s, 13));
    const comma = formatSettings({ decimalComma: true });
    expect(plainText(contestTable(input, comma).notes[0])).toContain('F(2; 10,0) = 1,49, p = ,272.');
  });

  it('escapes what each target treats specially', () => {
    expect(escapeTex('I(Days^2) & a_b 50% {x} \u22121 × χ')).toBe('I(Days\\textasciicircum{}2) \\& a\\_b 50\\% \\{x\\} $-$1 $\\times$ $\\chi$');
    const t = { id: 'x', title: 'A | B', columns: [{ key: 'a', label: ['a'], kind: 'text' as const }], rows: [['x|y*z<b>']], notes: [] };
    expect(tableToMarkdown(t, formatSettings())).toContain('| x\\|y\\*z\\<b> |');
    expect(tableToHtml(t, formatSettings())).toContain('x|y*z&lt;b&gt;');
    expect(tableToCsv({ ...t, rows: [['a,"b"']] }, formatSettings())).toBe('a\r\n"a,""b"""\r\n');
  });
});
