/**
 * GLMM inference against R (test/reference/glmmInference.R): car::Anova Wald χ² (types II, III),
 * confint(method = "Wald"), emmeans on the response scale (plain and bias-adjusted) with odds/rate
 * ratios, and anova(m0, m1). The Wald-based numbers are compared with glmmTMB's, which evaluates the
 * Laplace approximation exactly as Quadrat does (docs/glmm.md: glmer's SEs differ by up to ~1%).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glmmBootEstimates, glmmBootstrapSamples } from '../../../src-engine/glmm/bootstrap';
import { fitGlmmTable } from '../../../src-engine/glmm/fitGlmm';
import { confintWaldGlmm, glmmEmmeans } from '../../../src-engine/glmm/glmmInference';
import { confintProfileGlmm } from '../../../src-engine/glmm/profile';
import { buildGlmmReport } from '../../../src-engine/glmm/report';
import { percentileIntervals } from '../../../src-engine/inference/bootstrap';
import { likelihoodRatioRows } from '../../../src-engine/inference/modelComparison';
import { loadCaseTable } from '../lmm/loadCase';

const DIR = 'test/reference/fixtures/glmm_inference';
interface Row { term: string; chisq: number; df: number; pValue: number }
interface Fixture {
  case: string; data: string; factors: string[]; formula: string; family: string; link: string; emmSpec: string;
  subset: { rows: number[] } | null;
  expected: {
    glmmTMB: {
      logLik: number; beta: number[]; betaNames: string[]; vcov: number[]; anova2: Row[]; anova3: Row[];
      confintWald: { term: string; lower: number; upper: number }[];
      emmeans: {
        sigma: number;
        response: { level: string; response: number; SE: number; lower: number; upper: number }[];
        biasAdjusted: { level: string; response: number; SE: number; lower: number; upper: number }[];
        pairs: { contrast: string; ratio: number; SE: number; z: number; pValue: number }[];
      };
    };
    profileGlmer: { term: string; lower: number; upper: number }[];
    profileTMB: { term: string; lower: number; upper: number }[] | { error: string };
    lrt: { formulas: string[]; rows: { npar: number; AIC: number; logLik: number; deviance: number; Chisq: number | null; Df: number | null; p: number | null }[] };
  };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const near = (a: number, b: number, tol: number, what: string) => expect(rel(a, b), `${what}: ${a} vs ${b}`).toBeLessThan(tol);

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: fx.subset } as never);
  const fit = (formula: string) => fitGlmmTable(table, { formula, family: fx.family, link: fx.link });
  describe(`GLMM inference: ${fx.case}`, () => {
    const f = fit(fx.formula);
    const report = buildGlmmReport(f, fx.formula, 0);
    const tmb = fx.expected.glmmTMB;

    it('estimates and SEs agree with glmmTMB', () => {
      near(report.logLik, tmb.logLik, 1e-6, 'logLik');
      const p = tmb.beta.length;
      report.fixed.forEach((r, j) => {
        expect(r.term).toBe(tmb.betaNames[j]);
        expect(Math.abs(r.estimate - tmb.beta[j]), r.term).toBeLessThan(2e-4 * Math.max(1, Math.abs(tmb.beta[j])));
        near(r.stdError, Math.sqrt(tmb.vcov[j * p + j]), 2e-4, `SE ${r.term}`);
      });
    });

    it('gives car::Anova Wald χ² tables (types II and III)', () => {
      for (const [mine, theirs] of [[report.glmm!.waldAnova.type2, tmb.anova2], [report.glmm!.waldAnova.type3, tmb.anova3]] as const) {
        expect(mine.map((r) => r.term)).toEqual(theirs.map((r) => r.term));
        mine.forEach((r, k) => {
          expect(r.df).toBe(theirs[k].df);
          near(r.chisq, theirs[k].chisq, 5e-4, `χ² ${r.term}`);
        });
      }
    });

    it('gives Wald intervals for the fixed effects', () => {
      const rows = confintWaldGlmm(f).filter((r) => r.lower !== null);
      rows.forEach((r, j) => {
        expect(Math.abs(r.lower! - tmb.confintWald[j].lower)).toBeLessThan(5e-4);
        expect(Math.abs(r.upper! - tmb.confintWald[j].upper)).toBeLessThan(5e-4);
      });
    });

    it('gives emmeans on the response scale, bias-adjusted, and ratios', () => {
      const e = glmmEmmeans(f, fx.emmSpec, { type: 'response' });
      e.emmeans.forEach((r, k) => {
        const x = tmb.emmeans.response[k];
        expect(r.level).toBe(x.level);
        near(r.emmean, x.response, 5e-4, `response ${r.level}`);
        near(r.SE, x.SE, 2e-3, `SE ${r.level}`);
        near(r.lowerCL, x.lower, 5e-4, `lower ${r.level}`);
        near(r.upperCL, x.upper, 5e-4, `upper ${r.level}`);
      });
      e.contrasts.forEach((c, k) => {
        const x = tmb.emmeans.pairs[k];
        expect(c.contrast).toBe(x.contrast);
        near(c.estimate, x.ratio, 5e-4, c.contrast);
        near(c.SE, x.SE, 2e-3, `SE ${c.contrast}`);
        near(c.tRatio, x.z, 1e-3, `z ${c.contrast}`);
        expect(Math.abs(c.pValue - x.pValue)).toBeLessThan(2e-3);
      });
      const b = glmmEmmeans(f, fx.emmSpec, { type: 'response', biasAdjust: true });
      near(b.sigma!, tmb.emmeans.sigma, 5e-4, 'sigma');
      b.emmeans.forEach((r, k) => {
        const x = tmb.emmeans.biasAdjusted[k];
        near(r.emmean, x.response, 1e-3, `bias-adjusted ${r.level}`);
        near(r.SE, x.SE, 5e-3, `bias-adjusted SE ${r.level}`);
      });
    });

    it("gives profile intervals as confint(m, method = 'profile')", () => {
      const rows = confintProfileGlmm(f);
      const glmer = fx.expected.profileGlmer;
      expect(rows.length).toBe(glmer.length);
      rows.forEach((r, k) => {
        // lme4 interpolates a spline through its (one-PIRLS-step-stale) devfun: a few 1e-4 apart
        expect(Math.abs(r.lower! - glmer[k].lower), `${r.term} lower`).toBeLessThan(2e-3);
        expect(Math.abs(r.upper! - glmer[k].upper), `${r.term} upper`).toBeLessThan(2e-3);
      });
      const tmbRows = fx.expected.profileTMB;
      if (Array.isArray(tmbRows)) {
        // glmmTMB lists the fixed effects first, then the SDs
        const fixed = rows.slice(rows.length - report.fixed.length);
        fixed.forEach((r, j) => {
          expect(Math.abs(r.lower! - tmbRows[j].lower), `${r.term} lower`).toBeLessThan(3e-4);
          expect(Math.abs(r.upper! - tmbRows[j].upper), `${r.term} upper`).toBeLessThan(3e-4);
        });
      }
    });

    it("compares nested GLMMs as lme4's anova(m0, m1)", () => {
      const m0 = buildGlmmReport(fit(fx.expected.lrt.formulas[0]), fx.expected.lrt.formulas[0], 0);
      const npar = (r: typeof report) => r.fixed.length + r.theta.length;
      const rows = likelihoodRatioRows([m0, report].map((r, k) => ({ name: `m${k}`, npar: npar(r), aic: r.aic, bic: r.bic, logLik: r.logLik })));
      const want = fx.expected.lrt.rows;
      rows.forEach((r, k) => {
        expect(r.npar).toBe(want[k].npar);
        // glmer's optimum is at most a few 1e-4 above the exact one (docs/glmm.md)
        expect(Math.abs(r.logLik - want[k].logLik)).toBeLessThan(2e-3);
      });
      expect(Math.abs(rows[1].chisq! - want[1].Chisq!)).toBeLessThan(4e-3);
      expect(rows[1].df).toBe(want[1].Df);
    });
  });
}

describe('GLMM parametric bootstrap (cbpp)', () => {
  const fx = JSON.parse(readFileSync(join(DIR, 'cbpp.json'), 'utf8')) as Fixture & { expected: { bootGlmer: { rows: { term: string; lower: number; upper: number }[] } } };
  const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: null } as never);
  const f = fitGlmmTable(table, { formula: fx.formula, family: fx.family });

  it('is reproducible from its seed and the same when split into chunks', () => {
    const whole = glmmBootstrapSamples(f, { seed: 7, count: 6 });
    const parts = [glmmBootstrapSamples(f, { seed: 7, start: 0, count: 3 }), glmmBootstrapSamples(f, { seed: 7, start: 3, count: 3 })];
    expect([...parts[0].values, ...parts[1].values]).toEqual(whole.values);
  });

  it("gives percentile intervals within Monte-Carlo error of lme4's confint(m, method = 'boot')", () => {
    const s = glmmBootstrapSamples(f, { seed: 1, count: 300 });
    expect(s.failed).toBe(0);
    const rows = percentileIntervals(glmmBootEstimates(f), s);
    // R: 1000 simulations; here 300 — each limit's Monte-Carlo SD is about 0.05 on this scale
    rows.forEach((r, k) => {
      const want = fx.expected.bootGlmer.rows[k];
      expect(Math.abs(r.lower! - want.lower), `${r.term} lower`).toBeLessThan(0.15);
      expect(Math.abs(r.upper! - want.upper), `${r.term} upper`).toBeLessThan(0.15);
    });
  });
});
