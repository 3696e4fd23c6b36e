/** Methods paragraph and results sentences: the right method named for every option. */
import { describe, expect, it } from 'vitest';
import { makeFactor } from '../../../src-engine/data/levels';
import { type Table } from '../../../src-engine/data/table';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { type FitReport } from '../../../src-engine/lmm/fitReport';
import { reportContext, type ReportOptions } from '../../../src-engine/report/context';
import { formatSettings } from '../../../src-engine/report/format';
import { REFERENCE_R } from '../../../src-engine/report/software';
import { plainText } from '../../../src-engine/report/tableModel';
import { methodsText } from '../../../src-engine/report/words/methods';
import { anovaSentences, fixedEffectSentences } from '../../../src-engine/report/words/results';
import { lmmCaseNames, loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from '../lmm/loadCase';
import { fixtureReport } from './fixtureReport';
import { expectGolden } from './golden';

const SOFTWARE = { name: 'Quadrat', version: '9.9.9' };

function methods(name: string, ddf: 'satterthwaite' | 'kenward-roger' | 'none' = 'satterthwaite', opts: ReportOptions = {}) {
  const m = methodsText(reportContext(fixtureReport(name, ddf), { ...opts, ddf }), SOFTWARE);
  return { text: m.paragraphs.map(plainText).join('\n'), refs: m.references.map(plainText).join('\n') };
}

/** site/bag data: 4 sites × 3 bags × 4 samples; bags numbered 1–3 in every site, or 1–12 across sites. */
function bagTable(uniqueBags: boolean): Table {
  const site: string[] = [];
  const bag: string[] = [];
  const y: number[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  const siteEff = [1.5, -0.7, 0.3, -1.1];
  for (let s = 0; s < 4; s++)
    for (let b = 0; b < 3; b++) {
      const be = rnd() * 2;
      for (let k = 0; k < 4; k++) {
        site.push(`S${s + 1}`);
        bag.push(String(uniqueBags ? s * 3 + b + 1 : b + 1));
        y.push(10 + siteEff[s] + be + rnd());
      }
    }
  return { nrow: y.length, columns: [makeFactor('site', site), makeFactor('bag', bag), { name: 'y', type: 'numeric', values: Float64Array.from(y) }] };
}

describe('methods paragraph', () => {
  it('names REML or ML', () => {
    expect(methods('sleepstudy_reml').text).toContain('restricted maximum likelihood (REML)');
    const ml = methods('sleepstudy_ml').text;
    expect(ml).toContain('by maximum likelihood (ML)');
    expect(ml).not.toContain('REML');
  });

  it('names Satterthwaite, Kenward–Roger or no df, and cites exactly what it names', () => {
    const s = methods('sleepstudy_reml', 'satterthwaite');
    expect(s.text).toContain("Satterthwaite's approximation");
    expect(s.text).toContain('(Satterthwaite, 1946)');
    expect(s.refs).toContain('Satterthwaite, F. E. (1946)');
    expect(s.refs).not.toContain('Kenward');
    const kr = methods('sleepstudy_reml', 'kenward-roger');
    expect(kr.text).toContain('Kenward–Roger adjusted covariance matrix');
    expect(kr.text).toContain('(Kenward & Roger, 1997)');
    expect(kr.refs).toContain('Kenward, M. G., & Roger, J. H. (1997)');
    expect(kr.refs).toContain('Halekoh, U., & Højsgaard, S. (2014)');
    expect(kr.text).not.toContain('Satterthwaite');
    const none = methods('sleepstudy_ml', 'none');
    expect(none.text).toContain('no p values');
    expect(none.refs).not.toMatch(/Satterthwaite|Kenward|Kuznetsova/);
    for (const m of [s, kr, none]) expect(m.refs).toContain('Bates, D., Mächler, M., Bolker, B., & Walker, S. (2015)');
  });

  it('names the optimizer and cites it; BFGS on the exact gradient says so', () => {
    const ctx = (optimizer: FitReport['optimizer']) => {
      const m = methodsText(reportContext({ ...fixtureReport('sleepstudy_reml'), optimizer }, { ddf: 'satterthwaite' }), SOFTWARE);
      return { text: m.paragraphs.map(plainText).join('\n'), refs: m.references.map(plainText).join('\n') };
    };
    const bobyqa = ctx({ name: 'bobyqa', evaluations: 40 });
    expect(bobyqa.text).toContain('with the BOBYQA derivative-free optimizer (Powell, 2009)');
    expect(bobyqa.refs).not.toContain('Nocedal');
    const bfgs = ctx({ name: 'quasi-newton', evaluations: 37, gradients: 26 });
    expect(bfgs.text).toContain('with a projected quasi-Newton (BFGS) optimizer on the analytic gradient of the profiled deviance (Nocedal & Wright, 2006)');
    expect(bfgs.refs).toContain('Nocedal, J., & Wright, S. J. (2006). Numerical optimization (2nd ed.). Springer.');
    expect(bfgs.refs).not.toContain('Powell');
    expect(ctx({ name: 'quasi-newton', evaluations: 60 }).text).not.toContain('analytic gradient');
  });

  it('names the ANOVA type that was asked for', () => {
    expect(methods('orthodont', 'satterthwaite', { anovaType: 2 }).text).toContain('Type II F tests');
    expect(methods('orthodont', 'satterthwaite', { anovaType: 1 }).text).toContain('Type I F tests');
  });

  it('describes slopes, correlated and uncorrelated terms', () => {
    expect(methods('sleepstudy_reml').text).toContain('correlated random intercepts and random slopes of Days by Subject (18 levels)');
    expect(methods('sleepstudy_uncorrelated').text).toContain('uncorrelated random intercepts and random slopes of Days by Subject (18 levels)');
  });

  it('reads nesting from a/b and from a:b beside a', () => {
    expect(methods('pastes').text).toContain('random intercepts for batch (10 levels) and for cask nested within batch (30 levels)');
    expect(methods('oats').text).toContain('random intercepts for Block (6 levels) and for Variety nested within Block (18 levels)');
    expect(methods('ham').text).toContain('random intercepts for Consumer (81 levels) and for Product nested within Consumer (324 levels)');
  });

  it('names three-level nesting a/b/c with lme4\'s group labels', () => {
    const a: string[] = [];
    const b: string[] = [];
    const c: string[] = [];
    const y: number[] = [];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 3; k++)
          for (let r = 0; r < 3; r++) {
            a.push(`A${i}`);
            b.push(`B${j}`);
            c.push(`C${k}`);
            y.push(i + 0.5 * j + 0.3 * k + Math.sin(7 * (i + 3 * j + 9 * k + 27 * r)));
          }
    const table: Table = { nrow: y.length, columns: [makeFactor('a', a), makeFactor('b', b), makeFactor('c', c), { name: 'y', type: 'numeric', values: Float64Array.from(y) }] };
    const report = fitLmm(table, { formula: 'y ~ 1 + (1 | a/b/c)', reml: true });
    expect(Object.keys(report.groups).sort()).toEqual(['a', 'b:a', 'c:(b:a)']);
    const text = methodsText(reportContext(report, { table }), SOFTWARE).paragraphs.map(plainText).join(' ');
    expect(text).toContain('random intercepts for a (3 levels), for b nested within a (9 levels) and for c nested within b within a (27 levels)');
  });

  it('says which rows a row filter kept, in R syntax', () => {
    expect(methods('sleepstudy_reml', 'satterthwaite', { filter: 'Days×2 >= 4' }).text).toContain(" Only the rows where Days * 2 >= 4 were analysed (R's subset()).");
    expect(methods('sleepstudy_reml').text).not.toContain('Only the rows');
  });

  it('tells crossed from nested grouping factors by their levels when the data are given', () => {
    const pen = loadLmmFixture('penicillin');
    const crossed = methods('penicillin', 'satterthwaite', { table: loadCaseTable(pen) }).text;
    expect(crossed).toContain('random intercepts for plate (24 levels) and for sample (6 levels)');
    expect(crossed).toContain('The random effects of plate and sample are crossed');
    // Without the data, nothing is claimed about separate factors.
    expect(methods('penicillin').text).not.toMatch(/crossed|nested/);

    for (const unique of [true, false]) {
      const table = bagTable(unique);
      const report = fitLmm(table, { formula: 'y ~ 1 + (1 | site) + (1 | bag)', reml: true, ddf: 'satterthwaite', anovaType: 3 });
      const text = methodsText(reportContext(report, { table }), SOFTWARE).paragraphs.map(plainText).join(' ');
      if (unique) expect(text).toContain('bag is nested within site (each level of bag occurs within one level of site only)');
      else expect(text).toContain('The random effects of site and bag are crossed');
    }
  });

  it('states the factor coding, singular fits and non-convergence', () => {
    const ortho = methods('orthodont', 'satterthwaite', { table: loadCaseTable(loadLmmFixture('orthodont')) }).text;
    expect(ortho).toContain('treatment (dummy) contrasts');
    expect(ortho).toContain('Sex (reference level Female)');
    const dye2 = methods('dyestuff2_reml').text;
    expect(dye2).toContain('The fit was singular');
    const r = fixtureReport('sleepstudy_reml');
    r.converged = false;
    expect(methodsText(reportContext(r), SOFTWARE).paragraphs.map(plainText).join(' ')).toContain('did not report convergence');
  });

  it('states prior weights and offsets', () => {
    const w = methods('sleepstudy_weights', 'satterthwaite', { weights: 'w' }).text;
    expect(w).toContain('variance inversely proportional to the prior weights in w');
    const r = fixtureReport('sleepstudy_reml');
    r.formula = 'Reaction ~ Days + offset(log(Days + 1)) + (Days | Subject)';
    expect(methodsText(reportContext(r), SOFTWARE).paragraphs.map(plainText).join(' ')).toContain('included offset(log(Days + 1)) as an offset (coefficient fixed at 1)');
  });

  it('claims only the R versions the reference fixtures were made with', () => {
    const versions = new Set(lmmCaseNames().map((n) => JSON.stringify(loadLmmFixture(n).generatedBy)));
    expect(versions.size).toBe(1);
    const g = JSON.parse([...versions][0]) as Record<string, string>;
    const rVersion = (v: string) => v.replace(/\.(\d+)$/, '-$1');
    expect(REFERENCE_R).toEqual({ R: g.R, lme4: rVersion(g.lme4), lmerTest: rVersion(g.lmerTest), pbkrtest: g.pbkrtest });
    expect(methods('sleepstudy_reml').text).toContain('Quadrat 9.9.9');
  });

  it('golden: penicillin with data, orthodont KR', () => {
    const pen = methods('penicillin', 'satterthwaite', { table: loadCaseTable(loadLmmFixture('penicillin')) });
    const kr = methods('orthodont', 'kenward-roger', { table: loadCaseTable(loadLmmFixture('orthodont')) });
    expectGolden('methods.txt', [pen.text, pen.refs, kr.text, kr.refs].join('\n\n') + '\n');
  });
});

describe('results sentences', () => {
  it('writes APA results per effect', () => {
    const ctx = reportContext(fixtureReport('sleepstudy_reml'));
    const s = formatSettings();
    expect(fixedEffectSentences(ctx, s).map(plainText)[1]).toBe('Days: b = 10.47, SE = 1.55, t(17.0) = 6.77, p < .001.');
    expect(anovaSentences(ctx, s).map(plainText)).toEqual(['Days: F(1, 17.0) = 45.85, p < .001.']);
    const ham = reportContext(fixtureReport('ham'));
    expect(fixedEffectSentences(ham, s).map(plainText)[1]).toBe('Product2: b = \u22120.76, SE = 0.49, t(334.4) = \u22121.55, p = .121.');
  });
  it('drops df and p without a df method, and uses semicolons with the decimal comma', () => {
    const ctx = reportContext(fixtureReport('sleepstudy_ml', 'none'));
    expect(fixedEffectSentences(ctx, formatSettings()).map(plainText)[1]).toBe('Days: b = 10.47, SE = 1.50, t = 6.97.');
    const comma = formatSettings({ decimalComma: true });
    expect(anovaSentences(reportContext(fixtureReport('sleepstudy_reml')), comma).map(plainText)).toEqual(['Days: F(1; 17,0) = 45,85; p < ,001.']);
  });
  it('marks the statistic symbols italic', () => {
    const [first] = fixedEffectSentences(reportContext(fixtureReport('sleepstudy_reml')), formatSettings());
    expect(first.filter((r) => typeof r !== 'string')).toEqual([{ i: 'b' }, { i: 'SE' }, { i: 't' }, { i: 'p' }]);
  });
});
