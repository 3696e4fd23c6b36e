/** The one-click Bayesian refit of a GLMM keeps the rows the GLMM used: its subset and its row filter. */
import { describe, expect, it } from 'vitest';
import { bayesSpecFromGlmm } from '../../../src-main/api/bayesFromGlmm';
import { modelSpecSchema } from '../../../src-main/api/shapes';

describe('bayesSpecFromGlmm', () => {
  it('carries the row filter', () => {
    const spec = modelSpecSchema.parse({ formula: 'y ~ x + (1 | g)', family: 'binomial', filter: 'year >= 2010' });
    expect(bayesSpecFromGlmm(spec)).toMatchObject({ family: 'bernoulli', filter: 'year >= 2010' });
    expect(bayesSpecFromGlmm(modelSpecSchema.parse({ formula: 'y ~ x + (1 | g)', family: 'poisson' }))).not.toHaveProperty('filter');
  });
});
