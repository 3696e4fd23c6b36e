/** contest, drop1, LRT, Wald intervals and ICC against test/reference/fixtures/inference (lmerTest, lme4). */
import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { confintWald } from '../../../src-engine/inference/confintWald';
import { LmmInference } from '../../../src-engine/inference/lmmInference';
import { contestJoint, contestRows } from '../../../src-engine/inference/contestTable';
import { drop1 } from '../../../src-engine/inference/drop1';
import { icc } from '../../../src-engine/inference/icc';
import { compareModels } from '../../../src-engine/inference/modelComparison';
import { fitDesign } from '../../../src-engine/lmm/fitDesign';
import { loadCaseTable } from '../lmm/loadCase';
import { inferenceCaseNames, loadInferenceFixture, loadLmmFixture } from '../reference/fixtures';
import { close, compareAnova, fitAtR } from './fitCase';

/** The lmm fixture that holds lme4's θ for an inference case. */
const LMM_CASE: Record<string, string> = { sleepstudy: 'sleepstudy_reml' };

for (const name of inferenceCaseNames()) {
  const fx = loadInferenceFixture(name);
  const lmm = loadLmmFixture(LMM_CASE[name] ?? name);
  const e = fx.expected;
  describe(`${name}: lmerTest/lme4 inference`, () => {
    const fit = fitAtR(fx, lmm.expected.theta);
    const inf = new LmmInference(fit);

    it('contest: t-tests with intervals and joint F-tests', () => {
      const bad: string[] = [];
      for (const c of e.contest) {
        const ddf = c.ddf === 'Satterthwaite' ? 'satterthwaite' : 'kenward-roger';
        expect(c.terms).toEqual(fit.model.design.fixedNames);
        if (c.joint) {
          const f = contestJoint(inf, c.L, ddf);
          bad.push(...compareAnova(f ? [{ term: '1', ...f }] : [], c.rows).map((m) => `${c.name} ${c.ddf} joint: ${m}`));
        } else {
          contestRows(inf, c.L, ddf).forEach((r, i) => {
            const w = c.rows[i] as Record<string, number>;
            const tag = `${c.name} ${c.ddf} row ${i}`;
            if (!close(r.estimate, w.estimate, 1e-6, 1e-9)) bad.push(`${tag} estimate ${r.estimate} vs ${w.estimate}`);
            if (!close(r.stdError, w.stdError, 1e-5)) bad.push(`${tag} SE ${r.stdError} vs ${w.stdError}`);
            if (!close(r.df, w.df, 1e-3)) bad.push(`${tag} df ${r.df} vs ${w.df}`);
            if (!close(r.tValue, w.tValue, 1e-4)) bad.push(`${tag} t ${r.tValue} vs ${w.tValue}`);
            if (!close(r.pValue, w.pValue, 1e-4, 1e-10)) bad.push(`${tag} p ${r.pValue} vs ${w.pValue}`);
            if (!close(r.lower, w.lower, 1e-4)) bad.push(`${tag} lower ${r.lower} vs ${w.lower}`);
            if (!close(r.upper, w.upper, 1e-4)) bad.push(`${tag} upper ${r.upper} vs ${w.upper}`);
          });
        }
      }
      expect(bad).toEqual([]);
    });

    it('drop1 with Satterthwaite and Kenward-Roger', () => {
      expect(compareAnova(drop1(inf, 'satterthwaite'), e.drop1.satterthwaite)).toEqual([]);
      expect(compareAnova(drop1(inf, 'kenward-roger'), e.drop1.kr)).toEqual([]);
    });

    it('Wald confidence intervals', () => {
      const got = confintWald(fit);
      expect(got.map((r) => r.term)).toEqual(e.confint.wald.map((r) => r.term));
      got.forEach((r, i) => {
        expect(close(r.lower, e.confint.wald[i].lower, 1e-6), `${r.term} lower`).toBe(true);
        expect(close(r.upper, e.confint.wald[i].upper, 1e-6), `${r.term} upper`).toBe(true);
      });
    });

    it('ICC', () => {
      const got = icc(fit);
      if (!e.icc) expect(got).toBeNull();
      else for (const [g, v] of Object.entries(e.icc.values)) expect(close(got![g], v, 1e-5), g).toBe(true);
    });

    it('likelihood-ratio test of nested ML fits (anova(m_small, m_large))', () => {
      const table = loadCaseTable(fx);
      const fits = e.lrt.models.map((m) => ({ name: m.name, fit: fitDesign(buildDesign(table, m.formula), false) }));
      const cmp = compareModels(fits);
      expect(cmp.refitted).toBe(false);
      const bad: string[] = [];
      cmp.rows.forEach((r, i) => {
        const w = e.lrt.rows[i] as Record<string, number | null | string>;
        if (r.name !== w.term) bad.push(`row ${i} ${r.name} vs ${w.term}`);
        if (r.npar !== w.npar) bad.push(`${r.name} npar ${r.npar} vs ${w.npar}`);
        for (const k of ['aic', 'bic', 'logLik', 'deviance'] as const) if (!close(r[k], w[k] as number, 1e-6)) bad.push(`${r.name} ${k} ${r[k]} vs ${w[k]}`);
        if (!close(r.chisq, w.chisq as number | null, 1e-4, 1e-6)) bad.push(`${r.name} chisq ${r.chisq} vs ${w.chisq}`);
        if (r.df !== w.df) bad.push(`${r.name} df ${r.df} vs ${w.df}`);
        if (!close(r.pValue, w.pValue as number | null, 1e-4, 1e-10)) bad.push(`${r.name} p ${r.pValue} vs ${w.pValue}`);
      });
      expect(bad).toEqual([]);
    });
  });
}
