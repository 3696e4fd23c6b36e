/**
 * Count GLMMs against glmmTMB (test/reference/glmmTMB.R): the Laplace log-likelihood, the outer
 * parameters in glmmTMB's order (β, βzi, βdisp, θ: log SDs then correlation parameters per term, psi),
 * the standard errors of every fixed effect (conditional, zero-inflation, dispersion), summary's
 * variance components (variances, SDs, correlations), information criteria, dispersion line, sigma
 * and family parameters; every fixture is fitted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbSummary } from '../../../src-engine/tmb/tmbSummary';
import { thetaCount } from '../../../src-engine/tmb/reCovariance';
import { loadTmbCase, type TmbCase } from './loadTmbCase';

const DIR = 'test/reference/fixtures/glmmTMB';
interface Coef { term: string; estimate: number; stdError: number }
interface VcRow { group: string; term: string; variance: number; sd: number }
interface Fixture extends TmbCase {
  case: string; formula: string; ziformula: string; dispformula: string; family: string;
  expected: {
    nobs: number; logLik: number | null; aic: number | null; objective: number; npar: number; par: number[]; parNames: string[];
    fixed: { cond: Coef[]; zi?: Coef[]; disp?: Coef[] }; pdHess: boolean; messages: string[];
    random: { cond: VcRow[]; zi: VcRow[] };
    /** absent from sleep_lognormal (tmbLognormal.R; a scalar term has none) */
    correlations?: { group: string; term1: string; term2: string; corr: number }[];
    sigma: number | null; dispersionLine: string | null; familyParams: Record<string, number> | null;
  };
}
const scaledErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  describe(`glmmTMB fixture ${fx.case}`, () => {
    const e = fx.expected;
    const table = loadTmbCase(fx);
    const r = fitTmb(table, { formula: fx.formula, family: fx.family, ziformula: fx.ziformula, dispformula: fx.dispformula });
    it('has glmmTMB’s structure: observations and parameters', () => {
      expect(r.nobs).toBe(e.nobs);
      expect(r.npar).toBe(e.npar);
      expect(r.blocks.cond).toEqual(e.fixed.cond.map((f) => f.term));
    });
    it('gives glmmTMB’s pdHess and convergence warnings', () => {
      expect(r.pdHess).toBe(e.pdHess);
      expect(r.warnings.map((w) => w.message)).toEqual(e.messages.filter((m) => m.startsWith('Model convergence problem')));
    });
    // glmmTMB's objective at its optimum: its logLik() is NA when the Hessian is not positive definite
    const eLogLik = -e.objective;
    const s = tmbSummary(r, fx.dispformula.replace(/\s/g, '') === '~1');
    const eCorr = e.correlations ?? [];
    // every parameter to 1e-4 (scaled), as issue 13 asks (the exceptions are in the test below)
    const parTol = 1e-4;
    it('prints glmmTMB’s dispersion line, sigma(m) and family_params(m)', () => {
      expect(s.dispersionLine).toBe(e.dispersionLine?.trim() ?? null);
      if (s.sigma !== null) expect(Math.abs(s.sigma - e.sigma!) / e.sigma!).toBeLessThan(1e-4);
      const fp = e.familyParams ?? {};
      expect(Object.keys(s.familyParams)).toEqual(Object.keys(fp));
      for (const [k, v] of Object.entries(fp)) expect(Math.abs(s.familyParams[k] - v) / v, k).toBeLessThan(1e-4);
    });
    it('reaches glmmTMB’s log-likelihood (1e-6 relative) or a better one, and summary’s criteria as glmmTMB’s (NA where it gives NA)', () => {
      expect(Math.abs(r.logLik - eLogLik) / Math.abs(eLogLik) < 1e-6 || r.logLik > eLogLik).toBe(true);
      expect(r.logLik).toBeGreaterThan(eLogLik - 1e-6 * Math.abs(eLogLik));
      if (e.logLik === null) expect([s.logLik, s.aic, s.bic, s.deviance].every(Number.isNaN)).toBe(true);
      else {
        expect(Math.abs(s.logLik - e.logLik) / Math.abs(e.logLik)).toBeLessThan(1e-6);
        expect(Math.abs(s.aic - e.aic!) / e.aic!).toBeLessThan(1e-6);
      }
    });
    it(`has glmmTMB’s parameter estimates (${parTol} scaled) and SEs of every fixed effect (1e-4 relative)`, () => {
      // a coefficient glmmTMB reports with SE > 100 (sppGP in sal_zinb's zi: no GP zero is structural)
      // sits on a flat ridge towards −∞; both programs stop somewhere far out on it. Without a
      // positive-definite Hessian (sal_warn_hessian) θ is on a flat valley: its identified part is
      // checked below, the rest of ψ here. A random-effect SD glmmTMB puts at zero
      // (cbpp_betabinomial's herd: 1.4e-4, θ = −8.9) sits on a flat likelihood; both programs stop
      // somewhere below 1e-3 (Quadrat's θ there has glmmTMB's objective equal or lower,
      // test/reference/fixtures/glmmTMB notes)
      const se = [...e.fixed.cond, ...(e.fixed.zi ?? []), ...(e.fixed.disp ?? [])].map((f) => f.stdError);
      // the positions of θ's log SDs (a term's first k entries; the correlation parameters follow)
      const logSd = new Set<number>();
      let th = r.blocks.cond.length + r.blocks.zi.length + r.blocks.disp.length;
      for (const t of r.reTerms) {
        for (let c = 0; c < t.termNames.length; c++) logSd.add(th + c);
        th += thetaCount(t.termNames.length, t.structure);
      }
      e.par.forEach((v, i) => {
        if (!e.pdHess && e.parNames[i] === 'theta') return;
        if (logSd.has(i) && Math.exp(v) < 1e-3) expect(Math.exp(r.par[i]), `par ${i}: SD at zero`).toBeLessThan(1e-3);
        else if ((se[i] ?? 0) > 100) expect(r.par[i], `par ${i} far out on the ridge`).toBeLessThan(-10);
        else expect(scaledErr(r.par[i], v), `par ${i}`).toBeLessThan(parTol);
      });
      const m = r.par.length;
      [...e.fixed.cond, ...(e.fixed.zi ?? []), ...(e.fixed.disp ?? [])].forEach((f, i) => {
        if (f.stdError > 100) return; // on the ridge: both programs' SE is a number far out on it
        expect(Math.abs(Math.sqrt(r.vcov![i * m + i]) - f.stdError) / f.stdError, f.term).toBeLessThan(1e-4);
      });
    });
    // an SD is e^θ, held with θ to 1e-4; a variance e^{2θ} has twice θ's error
    const vcTol = parTol;
    if (e.pdHess)
      it(`has summary’s variance components: SDs (${vcTol} relative), variances (${2 * vcTol}) and correlations (1e-4)`, () => {
        // VarCorr's conditional rows, then its zero-inflation rows
        const expected = [...e.random.cond.map((v) => ({ ...v, component: 'cond' })), ...e.random.zi.map((v) => ({ ...v, component: 'zi' }))];
        expect(s.random.map((v) => [v.component, v.group, v.term])).toEqual(expected.map((v) => [v.component, v.group, v.term]));
        s.random.forEach((v, i) => {
          // an SD at zero (cbpp_betabinomial's herd, above): below 1e-3 in both
          if (expected[i].sd < 1e-3) { expect(v.sd, `sd ${v.term} at zero`).toBeLessThan(1e-3); return; }
          expect(Math.abs(v.variance / expected[i].variance - 1), `variance ${v.term}`).toBeLessThan(2 * vcTol);
          expect(Math.abs(v.sd / expected[i].sd - 1), `sd ${v.term}`).toBeLessThan(vcTol);
        });
        expect(s.correlations.map((c) => [c.group, c.term1, c.term2])).toEqual(eCorr.map((c) => [c.group, c.term1, c.term2]));
        s.correlations.forEach((c, i) => expect(Math.abs(c.corr - eCorr[i].corr)).toBeLessThan(1e-4));
      });
    else
      it('has glmmTMB’s variance components where the flat valley leaves them identified', () => {
        // (mined | site) with mined constant within site: only the variances of the site effects at
        // unmined sites (Σ₁₁) and at mined sites (Σ₁₁ + Σ₂₂ + 2Σ₁₂) are identified
        const byMining = (rows: { variance: number; sd: number }[], corr: number) =>
          [rows[0].variance, rows[0].variance + rows[1].variance + 2 * corr * rows[0].sd * rows[1].sd];
        const ours = byMining(s.random, s.correlations[0].corr), theirs = byMining(e.random.cond, eCorr[0].corr);
        ours.forEach((v, i) => expect(Math.abs(v / theirs[i] - 1)).toBeLessThan(1e-3));
        expect(s.correlations.map((c) => [c.group, c.term1, c.term2])).toEqual(eCorr.map((c) => [c.group, c.term1, c.term2]));
      });
  });
}
