/**
 * A count-model report for a model whose predictions, marginal means and simulated residuals are not
 * written yet (another family, random slopes): the fit and its tables are there, the means are empty
 * with the reason, and no simulated tests or residuals are made up.
 */
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbFitReport } from '../../../src-engine/tmb/report/asFitReport';
import { loadCaseTable } from '../lmm/loadCase';

const sleep = loadCaseTable({ data: 'sleepstudy.csv', factors: ['Subject'], subset: null } as never);
const sal = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);

describe('tmbFitReport without predictions', () => {
  it('says why a gaussian fit with a dispersion formula has no marginal means', () => {
    const call = { formula: 'Reaction ~ Days + (1 | Subject)', family: 'gaussian', dispformula: '~ Days' };
    const report = tmbFitReport(sleep, call, fitTmb(sleep, call), 0);
    expect(report.tmb!.means).toEqual([]);
    expect(report.tmb!.meansNote).toBe('Marginal means are not available yet for the gaussian family (only Poisson and negative binomial counts so far).');
    expect(report.tmb!.simulated).toBeUndefined();
    expect(report.diagnostics).toBeUndefined();
    // the plots say why there are none
    expect(report.tmb!.diagnosticsNote).toBe('Simulated residuals and the random-effect plots are not available yet for the gaussian family (only Poisson and negative binomial counts so far).');
    expect(report.groups).toEqual({ Subject: 18 });
  });

  it('says why a random-slope count fit has none, and keeps its groups', () => {
    const call = { formula: 'count ~ mined + (1 | site) + (mined | spp)', family: 'nbinom2' };
    const report = tmbFitReport(sal, call, fitTmb(sal, call), 0);
    expect(report.tmb!.meansNote).toBe('Marginal means are not available yet for random slopes.');
    expect(report.tmb!.simulated).toBeUndefined();
    expect(report.groups).toEqual({ site: 23, spp: 7 });
  }, 120_000);
});
