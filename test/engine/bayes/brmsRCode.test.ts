/**
 * The brms R code and methods paragraph of a Bayesian fit: the brm() call carries the formula, family,
 * every user prior as set_prior(), and the sampler settings with brms's defaults filled in; the
 * paragraph writes out each prior row and the settings and cites the three references.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bayesMethods, brmsRCode } from '../../../src-engine/bayes/fit/brmsRCode';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { loadCaseTable } from '../lmm/loadCase';

const OY = 'methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)';
const request = {
  formula: OY, family: 'binomial',
  priors: [{ prior: 'normal(0, 2.5)', class: 'b' }, { prior: 'exponential(1)', class: 'sd', group: 'tank' }],
  seed: 7, adaptDelta: 0.95,
};

describe('brms R code of a Bayesian fit', () => {
  it('writes the brm() call with priors and settings (defaults filled in)', () => {
    const code = brmsRCode(request, { file: 'oyster.csv', factors: ['tank'] });
    expect(code).toBe(
      'library(brms)\n' +
        'd <- read.csv("oyster.csv")\n' +
        'd[["tank"]] <- factor(d[["tank"]])\n' +
        'fit <- brm(\n' +
        `  bf(${OY}),\n` +
        '  data = d,\n' +
        '  family = binomial(),\n' +
        '  prior = c(\n' +
        '    set_prior("normal(0, 2.5)", class = "b"),\n' +
        '    set_prior("exponential(1)", class = "sd", group = "tank")\n' +
        '  ),\n' +
        '  chains = 4, iter = 2000, warmup = 1000, seed = 7,\n' +
        '  control = list(adapt_delta = 0.95, max_treedepth = 10)\n' +
        ')\n' +
        'summary(fit)\n',
    );
  });

  it('keeps the rows of a row filter with subset(), in R syntax', () => {
    const code = brmsRCode({ formula: 'Reaction ~ Days + (Days | Subject)', family: 'gaussian' }, { file: 'sleepstudy.csv', filter: 'Days × 2 >= 4 & !is.na(Reaction)' });
    expect(code).toContain('d <- read.csv("sleepstudy.csv")\nd <- subset(d, Days * 2 >= 4 & !is.na(Reaction))\nfit <- brm(');
  });

  it('omits prior = when all priors are brms defaults, and refuses bad settings as the fit does', () => {
    const code = brmsRCode({ formula: 'Reaction ~ Days + (Days | Subject)', family: 'gaussian', iter: 1000 }, { file: 'sleepstudy.csv' });
    expect(code).not.toContain('prior =');
    expect(code).toContain('family = gaussian()');
    expect(code).toContain('chains = 4, iter = 1000, warmup = 500, seed = 1');
    expect(() => brmsRCode({ formula: 'y ~ x', family: 'gaussian', iter: 10, warmup: 10 }, { file: 'x.csv' })).toThrow(/warmup \(10\) must be smaller than iter/);
  });

  it('writes a methods paragraph with the priors, settings and references', () => {
    const rows = readFileSync('test/data/oyster_methylation.csv', 'utf8').split('\n').slice(1).flatMap((l, i) => (l.startsWith('"L0001"') ? [i + 1] : []));
    const table = loadCaseTable({ data: 'oyster_methylation.csv', factors: ['tank', 'treatment', 'population'], subset: { rows } } as never);
    const { priorTable } = buildBrmsModel(table, request);
    const text = bayesMethods(request, priorTable);
    expect(text).toContain(`Bayesian binomial (logit link) mixed model, ${OY}`);
    expect(text).toContain('4 chains of 2000 iterations each, the first 1000 discarded as warm-up (4000 post-warm-up draws)');
    expect(text).toContain('adapt_delta) 0.95, maximum tree depth 10, seed 7');
    expect(text).toContain('b: normal(0, 2.5) (set by us)');
    expect(text).toContain('sd, group tank: exponential(1) (set by us)');
    expect(text).toMatch(/Intercept: student_t\(3, 0, 2\.5\) \(brms default\)/);
    for (const ref of ['Bürkner, P.-C. (2017)', 'Hoffman, M. D., & Gelman, A. (2014)', 'Vehtari, A., Gelman, A., Simpson, D., Carpenter, B., & Bürkner, P.-C. (2021)']) expect(text).toContain(ref);
  });
});
