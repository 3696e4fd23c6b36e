/**
 * Priors: the densities of each distribution against closed forms, brms's defaults from the response
 * (the fixtures compare whole get_prior() tables), user priors resolved most-specific-first, and the
 * messages for priors that cannot apply.
 */
import { describe, expect, it } from 'vitest';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { round1 } from '../../../src-engine/bayes/model/defaultPriors';
import { parsePrior, priorLpdf, truncationLogMass } from '../../../src-engine/bayes/model/priorDistribution';
import { lkjLogConstant } from '../../../src-engine/bayes/model/choleskyCorr';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { loadCaseTable } from '../lmm/loadCase';

const sleep = loadCaseTable({ data: 'sleepstudy.csv', factors: ['Subject'], subset: null } as never);
const build = (priors: { prior: string; class: string; coef?: string; group?: string; lb?: number; ub?: number }[]) =>
  buildBrmsModel(sleep, { formula: 'Reaction ~ Days + (Days | Subject)', family: 'gaussian', priors });

describe('prior distributions', () => {
  it('evaluate Stan’s normalized densities', () => {
    expect(priorLpdf(parsePrior('normal(1, 2)'), 0)).toBeCloseTo(Math.log(Math.exp(-1 / 8) / (2 * Math.sqrt(2 * Math.PI))), 12);
    expect(priorLpdf(parsePrior('cauchy(0, 2)'), 2)).toBeCloseTo(Math.log(1 / (2 * Math.PI * 2)), 12);
    expect(priorLpdf(parsePrior('exponential(3)'), 0.5)).toBeCloseTo(Math.log(3) - 1.5, 12);
    expect(priorLpdf(parsePrior('gamma(2, 3)'), 0.5)).toBeCloseTo(Math.log(9 * 0.5 * Math.exp(-1.5)), 12);
    // student_t(1, 0, s) is cauchy(0, s)
    expect(priorLpdf(parsePrior('student_t(1, 0, 2)'), 1.3)).toBeCloseTo(priorLpdf(parsePrior('cauchy(0, 2)'), 1.3), 12);
    // half distributions at their centre lose log 2
    expect(truncationLogMass(parsePrior('student_t(3, 0, 2.5)'), 0, undefined)).toBeCloseTo(Math.log(0.5), 14);
    expect(truncationLogMass(parsePrior('gamma(2, 1)'), 0, undefined)).toBe(0);
  });

  it('give LKJ’s normalizing constant (K = 2: uniform, then 0.75 (1 − r²) for η = 2)', () => {
    expect(lkjLogConstant(1, 2)).toBeCloseTo(-Math.log(2), 14);
    expect(lkjLogConstant(2, 2)).toBeCloseTo(Math.log(0.75), 14);
    // K = 3, η = 1: the volume of 3×3 correlation matrices is π²/2
    expect(lkjLogConstant(1, 3)).toBeCloseTo(-Math.log((Math.PI * Math.PI) / 2), 12);
  });

  it('round the default location and scale as R’s round(x, 1)', () => {
    expect(round1(288.65)).toBe(288.6); // as R 4.2: 288.65 is below the tie in binary
    expect(round1(0.25)).toBe(0.2);
    expect(round1(59.30)).toBe(59.3);
    expect([0.15, 0.35, -0.25, 1.05].map(round1)).toEqual([0.1, 0.3, -0.2, 1]); // R 4.2's answers
  });
});

describe('user priors', () => {
  it('apply most specific first and show as user rows', () => {
    const { model, priorTable } = build([{ prior: 'normal(0, 10)', class: 'b' }, { prior: 'gamma(2, 0.1)', class: 'sd', coef: 'Days', group: 'Subject' }, { prior: 'cauchy(0, 5)', class: 'sd' }, { prior: 'lkj(2)', class: 'cor' }]);
    expect(model.priors.sd[0].map((d) => d.family)).toEqual(['cauchy', 'gamma']);
    expect(model.priors.corEta).toEqual([2]);
    expect(priorTable.filter((r) => r.source === 'user').map((r) => `${r.class}/${r.coef}/${r.group}: ${r.prior}`)).toEqual([
      'b//: normal(0, 10)', 'cor//: lkj(2)', 'sd//: cauchy(0, 5)', 'sd/Days/Subject: gamma(2, 0.1)',
    ]);
  });

  const refuse = (p: Parameters<typeof build>[0], message: RegExp) => {
    let err: unknown;
    try {
      build(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuadratError);
    expect((err as Error).message).toMatch(message);
  };

  it('are refused with a message saying what exists', () => {
    refuse([{ prior: 'normal(0, 1)', class: 'beta' }], /Unknown prior class "beta".*b, Intercept, sd, cor, sigma/);
    refuse([{ prior: 'normal(0, 1)', class: 'b', coef: 'Weeks' }], /no population-level coefficient "Weeks".*Days/);
    refuse([{ prior: 'normal(0, 1)', class: 'sd', group: 'Plot' }], /no group "Plot".*Subject/);
    refuse([{ prior: 'normal(0, 1)', class: 'sd', coef: 'Weeks', group: 'Subject' }], /no coefficient "Weeks".*Intercept, Days/);
    refuse([{ prior: 'lkj(2)', class: 'sd' }], /lkj\(\) is a prior for correlation matrices/);
    refuse([{ prior: 'normal(0, 1)', class: 'cor' }], /Correlations take an lkj\(eta\) prior/);
    refuse([{ prior: 'normal(0, -1)', class: 'b' }], /sigma must be positive/);
    refuse([{ prior: 'student_t(0, 0, 1)', class: 'sd' }], /nu must be positive/);
    refuse([{ prior: 'normal(0)', class: 'b' }], /takes 2 numbers/);
    refuse([{ prior: 'laplace(0, 1)', class: 'b' }], /Unknown prior distribution "laplace"/);
    refuse([{ prior: 'normal(0, 1)', class: 'shape' }], /gaussian family has no shape/);
    refuse([{ prior: 'normal(0, 1)', class: 'sd', lb: 1 }], /Bounds can be set on classes "b" and "Intercept" only/);
    refuse([{ prior: 'normal(0, 1)', class: 'b', lb: 2, ub: 1 }], /lower bound \(2\) must be below the upper bound \(1\)/);
    refuse([{ prior: 'exponential(1)', class: 'b' }], /prior for positive parameters.*lb = 0/);
    refuse([{ prior: 'normal(0, 1)', class: 'b' }, { prior: 'normal(0, 2)', class: 'b' }], /Two priors are given for class "b"/);
  });
});
