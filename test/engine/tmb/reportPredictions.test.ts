/**
 * The count-model report for the models whose predictions, marginal means and simulated tests came
 * after the counts with random intercepts: a gaussian with a dispersion formula, random slopes and
 * random effects in the zero-inflation formula. Each has its simulated tests and residuals, its
 * conditional modes with their SDs in lmer's shape (diagnostics.ranef, for the caterpillar plot) and
 * in tmb.ranef, and its means or the reason there are none.
 */
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbFitReport } from '../../../src-engine/tmb/report/asFitReport';
import { loadCaseTable } from '../lmm/loadCase';

const sleep = loadCaseTable({ data: 'sleepstudy.csv', factors: ['Subject'], subset: null } as never);
const sal = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);

describe('tmbFitReport predictions beyond counts with random intercepts', () => {
  it('a gaussian fit with a dispersion formula: simulated tests, ranef with SDs, and no factor for means', () => {
    const call = { formula: 'Reaction ~ Days + (1 | Subject)', family: 'gaussian', dispformula: '~ Days' };
    const fit = fitTmb(sleep, call);
    const report = tmbFitReport(sleep, call, fit, 0);
    expect(report.tmb!.means).toEqual([]);
    expect(report.tmb!.meansNote).toBe('The model has no factor among its fixed effects, so there are no marginal means.');
    expect(report.tmb!.simulated!.zeroInflation).toBeNull();
    expect(report.diagnostics!.simulatedResiduals).toHaveLength(180);
    const [subject] = report.diagnostics!.ranef;
    expect(subject.group).toBe('Subject');
    expect(subject.terms).toEqual(['(Intercept)']);
    expect(subject.levels).toHaveLength(18);
    expect(subject.condSd.every(([sd]) => sd > 0)).toBe(true);
    expect(report.tmb!.ranef![0].condsd).toEqual(subject.condSd.map(([sd]) => sd));
    expect(report.groups).toEqual({ Subject: 18 });
  });

  it('a random-slope count fit: marginal means by mined, simulated tests, both columns of (mined | spp) with SDs', () => {
    const call = { formula: 'count ~ mined + (1 | site) + (mined | spp)', family: 'nbinom2' };
    const report = tmbFitReport(sal, call, fitTmb(sal, call), 0);
    expect(report.tmb!.meansNote).toBeUndefined();
    expect(report.tmb!.means!.map((m) => m.factor)).toEqual(['mined']);
    expect(report.tmb!.simulated!.zeroInflation).not.toBeNull();
    const spp = report.diagnostics!.ranef.find((g) => g.group === 'spp')!;
    expect(spp.terms).toEqual(['(Intercept)', 'minedyes']);
    expect(spp.values.every((v) => v.length === 2)).toBe(true);
    expect(spp.condSd.every((v) => v.every((sd) => sd > 0))).toBe(true);
    expect(report.groups).toEqual({ site: 23, spp: 7 });
  }, 120_000);

  it('random effects in the zero-inflation formula: their modes are their own group, named as in the variance table', () => {
    const call = { formula: 'count ~ spp + mined + (1 | site)', family: 'poisson', ziformula: '~ 1 + (1 | site)' };
    const report = tmbFitReport(sal, call, fitTmb(sal, call), 0);
    expect(report.diagnostics!.ranef.map((g) => g.group)).toEqual(['site', 'site (zero-inflation)']);
    expect(report.random.map((r) => r.group)).toContain('site (zero-inflation)');
    expect(report.tmb!.ranef!.map((r) => r.component)).toEqual(['cond', 'zi']);
    expect(report.tmb!.means!.map((m) => m.factor)).toEqual(['spp', 'mined']);
    expect(report.tmb!.simulated).toBeDefined();
  }, 120_000);
});
