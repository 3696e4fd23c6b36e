/**
 * θ by BFGS on the exact gradient of the profiled criterion (lmm/gradientFit.ts): the gradient against
 * central differences of the criterion, the optimum against lme4's criterion on the reference cases
 * with a cheap gradient, and a fit above 10⁴ rows taking that path and ending no higher than BOBYQA.
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { fitDesign } from '../../../src-engine/lmm/fitDesign';
import { gradientFit, profiledGradient, useGradientFit } from '../../../src-engine/lmm/gradientFit';
import { LmmModel } from '../../../src-engine/lmm/lmmModel';
import { bobyqa } from '../../../src-engine/optim/minimize';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from './loadCase';

function modelOf(name: string, reml?: boolean): { model: LmmModel; lme4: number; theta: number[] } {
  const fx = loadLmmFixture(name);
  const design = buildDesign(loadCaseTable(fx), fx.formula, fx.weights ? { weights: fx.weights } : {});
  const r = reml ?? fx.REML;
  // lme4's criterion at its optimum (for the fixture's own REML setting only)
  const lme4 = fx.REML ? fx.expected.remlCriterion! : fx.expected.deviance;
  return { model: new LmmModel(design, r), lme4, theta: fx.expected.theta };
}

describe('exact gradient of the profiled criterion', () => {
  it.each([
    ['sleepstudy_reml', true],
    ['sleepstudy_reml', false],
    ['field_nested_slopes', true],
    ['field_nested_slopes', false],
    ['penicillin', true],
  ] as const)('%s (REML %s): against central differences of the criterion', (name, reml) => {
    const { model, theta: at } = modelOf(name, reml);
    const theta = Float64Array.from(at, (t, i) => (model.thetaLayout.isDiagonal[i] && t < 0.05 ? 0.3 : t + 0.05));
    const g = new Float64Array(theta.length);
    expect(profiledGradient(model, theta, g)).toBe(true);
    for (let k = 0; k < theta.length; k++) {
      const h = 1e-5 * Math.max(Math.abs(theta[k]), 0.1);
      const f = (v: number) => model.objective(Float64Array.from(theta, (t, i) => (i === k ? v : t)));
      const fd = (f(theta[k] + h) - f(theta[k] - h)) / (2 * h);
      expect(Math.abs(g[k] - fd), `θ${k}: ${g[k]} vs ${fd}`).toBeLessThanOrEqual(1e-5 * Math.abs(fd) + 1e-5);
    }
    // reusing the factorization an evaluation just left gives the same numbers
    const again = new Float64Array(theta.length);
    model.objective(theta);
    expect(profiledGradient(model, theta, again)).toBe(true);
    expect(Array.from(again)).toEqual(Array.from(g));
  });

  it('is unavailable where a template is singular (θ on its bound)', () => {
    const { model, theta } = modelOf('sleepstudy_reml');
    const at0 = Float64Array.from(theta, (t, i) => (i === 0 ? 0 : t));
    expect(profiledGradient(model, at0, new Float64Array(theta.length))).toBe(false);
  });
});

describe('BFGS on the exact gradient', () => {
  it.each(['sleepstudy_reml', 'field_nested_slopes', 'penicillin'])('%s: from lme4’s start to lme4’s criterion or lower', (name) => {
    const { model, lme4, theta } = modelOf(name);
    const f = (x: Float64Array) => model.objective(x);
    const options = { lower: model.thetaLayout.lower, ftolAbs: 1e-10, maxEvaluations: 10_000 };
    let fellBack = false;
    const { result, gradients } = gradientFit(model, f, model.thetaLayout.initial.slice(), options, (from) => {
      fellBack = true;
      return bobyqa(f, from, { ...options, rhobeg: 0.02, rhoend: 1e-7 });
    });
    expect(fellBack).toBe(false);
    expect(result.optimizer).toBe('quasi-newton');
    expect(gradients).toBeGreaterThan(0);
    expect(result.f).toBeLessThanOrEqual(lme4 + 1e-6);
    result.x.forEach((t, i) => expect(Math.abs(t - theta[i]), `θ${i}`).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(theta[i]))));
  });

  it('hands over to the fallback from its best point when the gradient fails (a singular optimum)', () => {
    // y ~ 1 + (1 | g) where g explains nothing of y: θ̂ = 0, where the gradient's log-determinant part is undefined
    const rows = ['y,g'];
    let s = 11;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 400; i++) rows.push(`${(rnd() + rnd()).toFixed(6)},g${i % 20}`);
    const design = buildDesign(tableFromCsvText(rows.join('\n'), { columnTypes: { g: 'factor' } }), 'y ~ 1 + (1 | g)');
    const model = new LmmModel(design, true);
    const f = (x: Float64Array) => model.objective(x);
    const options = { lower: model.thetaLayout.lower, ftolAbs: 1e-10, maxEvaluations: 10_000 };
    const direct = bobyqa(f, [1], { ...options, rhobeg: 0.2, rhoend: 1e-7 });
    let from: Float64Array | undefined;
    const { result } = gradientFit(model, f, Float64Array.of(1), options, (x) => {
      from = x.slice();
      return bobyqa(f, x, { ...options, rhobeg: 0.02, rhoend: 1e-7 });
    });
    expect(direct.x[0]).toBe(0);
    expect(from).toBeDefined();
    expect(result.attempts.map((a) => a.optimizer)).toEqual(['quasi-newton', 'bobyqa']);
    expect(result.x[0]).toBe(0);
    expect(result.f).toBeLessThanOrEqual(direct.f + 1e-8);
  });
});

/** Sites with plots nested in them, a site-varying slope and crossed years: issue 18's field design, 11,520 rows. */
function fieldCsv(sites: number, plots: number, years: number, reps: number): string {
  let s = 5;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const yearEffect = Array.from({ length: years }, () => rnd() - 0.5);
  const lines = ['y,temperature,site,plot,year'];
  for (let a = 0; a < sites; a++) {
    const intercept = 2 * (rnd() - 0.5);
    const slope = 0.6 * (rnd() - 0.5);
    for (let b = 0; b < plots; b++) {
      const plot = 0.5 * (rnd() - 0.5);
      for (let c = 0; c < years; c++)
        for (let r = 0; r < reps; r++) {
          const t = 10 + 10 * rnd();
          const y = 3 + intercept + plot + yearEffect[c] + (0.2 + slope) * (t - 15) + (rnd() + rnd() - 1);
          lines.push(`${y.toFixed(5)},${t.toFixed(3)},s${a},p${b},y${c}`);
        }
    }
  }
  return lines.join('\n');
}

describe('fitDesign above 10⁴ rows', () => {
  it('fits θ on the exact gradient, to a criterion no higher than BOBYQA’s, with fewer evaluations', () => {
    const table = tableFromCsvText(fieldCsv(120, 4, 6, 4), { columnTypes: { site: 'factor', plot: 'factor', year: 'factor' } });
    const design = buildDesign(table, 'y ~ temperature + (1 + temperature | site) + (1 | site:plot) + (1 | year)');
    expect(design.n).toBeGreaterThan(1e4);
    expect(useGradientFit(new LmmModel(design, true))).toBe(true);
    const bfgs = fitDesign(design, true, { conditionalSds: false });
    const bobyqaFit = fitDesign(design, true, { conditionalSds: false, exactGradient: false });
    expect(bfgs.optimizer.name).toBe('quasi-newton');
    expect(bfgs.optimizer.gradients).toBeGreaterThan(0);
    expect(bobyqaFit.optimizer.name).toBe('bobyqa');
    expect(bobyqaFit.optimizer.gradients).toBeUndefined();
    expect(bfgs.objective).toBeLessThanOrEqual(bobyqaFit.objective + 1e-8);
    expect(bfgs.optimizer.evaluations).toBeLessThan(bobyqaFit.optimizer.evaluations);
    bfgs.theta.forEach((t, i) => expect(Math.abs(t - bobyqaFit.theta[i])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(t))));
    expect(bfgs.converged).toBe(true);
  });
});
