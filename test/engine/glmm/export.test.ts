/** A GLMM in the exports: z tests in the table and sentences, family/link/Laplace/AGQ in the methods, glmer() in the R code. */
import { describe, expect, it } from 'vitest';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { reportContext } from '../../../src-engine/report/context';
import { formatSettings } from '../../../src-engine/report/format';
import { rCode } from '../../../src-engine/report/rCode';
import { fixedEffectsTable } from '../../../src-engine/report/tables/fixedEffects';
import { plainText } from '../../../src-engine/report/tableModel';
import { methodsText } from '../../../src-engine/report/words/methods';
import { fixedEffectSentences } from '../../../src-engine/report/words/results';
import { loadCaseTable } from '../lmm/loadCase';

const table = loadCaseTable({ data: 'cbpp.csv', factors: ['herd', 'period'] } as never);
const FORMULA = 'cbind(incidence, size - incidence) ~ period + (1 | herd)';
const SOFTWARE = { name: 'Quadrat', version: '9.9.9' };

describe('GLMM exports', () => {
  const laplace = fitLmm(table, { formula: FORMULA, reml: true, family: 'binomial' });
  const agq = fitLmm(table, { formula: FORMULA, reml: true, family: 'binomial', link: 'logit', nAGQ: 10 });

  it('labels the Wald statistic z and names the estimation in the table note', () => {
    const t = fixedEffectsTable(reportContext(laplace));
    expect(t.columns.map((c) => plainText(c.label))).toEqual(['Term', 'b', 'SE', 'z', 'p']);
    const note = plainText(t.notes[0]);
    expect(note).toContain('binomial family, logit link; Laplace approximation');
    expect(note).toContain('Wald z tests');
    expect(plainText(fixedEffectsTable(reportContext(agq)).notes[0])).toContain('adaptive Gauss–Hermite quadrature with 10 nodes');
  });

  it('writes APA sentences with z and no df', () => {
    const s = fixedEffectSentences(reportContext(laplace), formatSettings({})).map(plainText);
    expect(s[1]).toMatch(/^period2: b = -?−?0\.99, SE = 0\.31, z = −?-?3\.\d\d, p = \.00\d\.$/);
  });

  it('says family, link, response, Laplace and Wald tests in the methods paragraph', () => {
    const text = methodsText(reportContext(laplace), SOFTWARE).paragraphs.map(plainText).join('\n');
    expect(text).toContain('generalized linear mixed-effects model (binomial family, logit link) to the number of incidence out of size');
    expect(text).toContain('independent with binomial distributions');
    expect(text).toContain('Laplace approximation');
    expect(text).toContain('Wald z tests');
    expect(text).toContain('Pearson χ²');
    expect(text).not.toContain('normally distributed');
  });

  it('writes glmer() with the family, link and nAGQ in the R code', () => {
    const source = { kind: 'delimited', path: 'cbpp.csv', sep: ',', decimal: '.', encoding: 'utf-8' } as const;
    const base = { formula: FORMULA, reml: true, ddf: 'none', anovaType: 3, table, source } as const;
    expect(rCode({ ...base, family: 'binomial' })).toContain('m <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), data = d, family = binomial)');
    expect(rCode({ ...base, family: 'binomial', link: 'probit', nAGQ: 10 })).toContain('family = binomial(link = "probit"), nAGQ = 10)');
    expect(rCode({ ...base, family: 'gaussian', link: 'identity' })).toContain('m <- lmer(');
  });
});

describe('families with a dispersion parameter', () => {
  const oats = loadCaseTable({ data: 'Oats.csv', factors: ['Block', 'Variety'] } as never);
  it('fits Gamma, inverse Gaussian and gaussian-with-a-link GLMMs with σ, a Residual row and "t value"', () => {
    for (const [family, link] of [['Gamma', 'log'], ['inverse.gaussian', 'log'], ['gaussian', 'log']] as const) {
      const fit = fitLmm(oats, { formula: 'yield ~ nitro + (1 | Block)', reml: false, family, link });
      expect(fit.glmm!.statisticName).toBe('t value');
      expect(fit.sigma).toBeGreaterThan(0);
      expect(fit.random.at(-1)!.group).toBe('Residual');
    }
  });
  it('refuses a zero or negative response for Gamma and gaussian(log), naming the rows', () => {
    const values = Float64Array.from((oats.columns.find((c) => c.name === 'yield') as { values: Float64Array }).values);
    values[2] = 0;
    values[9] = -1;
    const bad = { ...oats, columns: oats.columns.map((c) => (c.name === 'yield' ? { ...c, values } : c)) } as typeof oats;
    expect(() => fitLmm(bad, { formula: 'yield ~ nitro + (1 | Block)', reml: false, family: 'Gamma', link: 'log' })).toThrow(/Gamma family needs positive values, but yield is zero or negative in rows 3, 10/);
    expect(() => fitLmm(bad, { formula: 'yield ~ nitro + (1 | Block)', reml: false, family: 'gaussian', link: 'log' })).toThrow(/gaussian family with the log link needs positive responses.*rows 3, 10/);
  });
});
