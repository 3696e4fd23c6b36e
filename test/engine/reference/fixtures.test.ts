/**
 * Guards the R reference fixtures: every JSON written by test/reference/lmm.R and inference.R must be
 * complete and internally consistent, so a broken or partial regeneration fails here rather than
 * silently weakening the engine tests that compare against it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANOVA_KEYS, DATA_DIR, type CaseSpec, type FixedRow, type TableRow,
  inferenceCaseNames, lmmCaseNames, loadInferenceFixture, loadLmmFixture,
} from './fixtures';

const REQUIRED_LMM = [
  'sleepstudy_reml', 'sleepstudy_ml', 'sleepstudy_uncorrelated', 'penicillin', 'pastes', 'dyestuff_reml',
  'dyestuff_ml', 'dyestuff2_reml', 'orthodont', 'orthodont_intercept', 'oats', 'ham', 'insteval_ml',
  'sleepstudy_single_obs', 'sleepstudy_unbalanced', 'sleepstudy_rankdef', 'oats_empty_cell', 'sleepstudy_na',
  'formula_I_power', 'formula_poly', 'formula_log_response', 'formula_scale', 'formula_numeric_by_factor',
  'formula_I_logical', 'formula_no_intercept',
];
const REQUIRED_INFERENCE = ['sleepstudy', 'sleepstudy_unbalanced', 'penicillin', 'ham', 'oats', 'orthodont'];

const finite = (x: unknown, label: string): void => {
  expect(typeof x === 'number' && Number.isFinite(x), `${label} = ${String(x)} is not a finite number`).toBe(true);
};
const finiteArray = (xs: unknown, label: string): void => {
  expect(Array.isArray(xs), `${label} is not an array`).toBe(true);
  (xs as unknown[]).forEach((x, i) => finite(x, `${label}[${i}]`));
};
const stringArray = (xs: unknown, label: string): void => {
  expect(Array.isArray(xs), `${label} is not an array`).toBe(true);
  for (const x of xs as unknown[]) expect(typeof x, label).toBe('string');
};
const probability = (p: unknown, label: string): void => {
  finite(p, label);
  expect(p as number).toBeGreaterThanOrEqual(0);
  expect(p as number).toBeLessThanOrEqual(1);
};
const close = (a: number, b: number, label: string): void => {
  expect(Math.abs(a - b), `${label}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
};

/** Data rows of a CSV in test/data (none of them has embedded newlines). */
function csvRowCount(file: string): number {
  const lines = readFileSync(join(DATA_DIR, file), 'utf8').split(/\r?\n/);
  return lines.filter((l) => l.length > 0).length - 1;
}

function checkSpec(spec: CaseSpec, name: string): void {
  expect(spec.case).toBe(name);
  expect(existsSync(join(DATA_DIR, spec.data)), `test/data/${spec.data} exists`).toBe(true);
  stringArray(spec.factors, 'factors');
  expect(spec.formula).toMatch(/~/);
  expect(typeof spec.REML).toBe('boolean');
  for (const key of ['R', 'lme4', 'lmerTest', 'pbkrtest']) expect(typeof spec.generatedBy[key]).toBe('string');
  if (spec.subset !== null) {
    expect(typeof spec.subset.description).toBe('string');
    const n = csvRowCount(spec.data);
    const rows = spec.subset.rows;
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((r, i) => {
      expect(Number.isInteger(r) && r >= 1 && r <= n, `subset row ${r}`).toBe(true);
      if (i > 0) expect(r).toBeGreaterThan(rows[i - 1]);
    });
  }
}

function checkFixedRows(rows: FixedRow[], label: string, withDf: boolean): void {
  expect(rows.length, label).toBeGreaterThan(0);
  for (const r of rows) {
    expect(typeof r.term).toBe('string');
    finite(r.estimate, `${label} ${r.term} estimate`);
    finite(r.stdError, `${label} ${r.term} stdError`);
    expect(r.stdError).toBeGreaterThan(0);
    finite(r.statistic, `${label} ${r.term} statistic`);
    close(r.statistic, r.estimate / r.stdError, `${label} ${r.term} t = estimate / SE`);
    if (withDf) {
      finite(r.df, `${label} ${r.term} df`);
      expect(r.df as number).toBeGreaterThan(0);
      probability(r.pValue, `${label} ${r.term} pValue`);
    }
  }
}

/** `aliasedOk`: a row that is all null is accepted — lmerTest's row for a term lme4 dropped as aliased. */
function checkTableRows(rows: TableRow[] | null, label: string, numericKeys: string[], aliasedOk = false): void {
  expect(Array.isArray(rows), `${label} is an array`).toBe(true);
  for (const r of rows as TableRow[]) {
    expect(typeof r.term).toBe('string');
    if (aliasedOk && numericKeys.every((k) => r[k] === null)) continue;
    for (const k of numericKeys) finite(r[k], `${label} ${r.term} ${k}`);
    if ('pValue' in r && r.pValue !== null) probability(r.pValue, `${label} ${r.term} pValue`);
  }
}

describe('R reference fixtures: lmm', () => {
  it('has every required case', () => {
    expect(lmmCaseNames()).toEqual(expect.arrayContaining(REQUIRED_LMM));
  });

  for (const name of lmmCaseNames()) {
    it(`${name} is complete and consistent`, () => {
      const fx = loadLmmFixture(name);
      checkSpec(fx, name);
      finite(fx.timingMs, 'timingMs');
      finiteArray(fx.timingRunsMs, 'timingRunsMs');
      const e = fx.expected;
      const lite = name === 'insteval_ml';

      // Observations: used + dropped-for-missing = rows given to lmer.
      expect(Number.isInteger(e.nobs) && e.nobs > 0).toBe(true);
      const nData = fx.subset ? fx.subset.rows.length : csvRowCount(fx.data);
      expect(e.nobs + e.rowsDropped.length).toBe(nData);
      for (const [g, n] of Object.entries(e.groups)) expect(Number.isInteger(n) && n > 0, g).toBe(true);

      checkFixedRows(e.fixed, 'fixed', true);
      expect(e.betaNames).toEqual(e.fixed.map((r) => r.term));
      e.beta.forEach((b, i) => close(b, e.fixed[i].estimate, `beta[${i}]`));
      for (const d of e.droppedFixed) expect(e.betaNames).not.toContain(d);
      if (fx.REML && !lite) {
        expect(e.fixedKR).not.toBeNull();
        checkFixedRows(e.fixedKR as FixedRow[], 'fixedKR', true);
        expect((e.fixedKR as FixedRow[]).map((r) => r.term)).toEqual(e.betaNames);
      } else {
        expect(e.fixedKR).toBeNull();
      }

      // Variance components: sd = sqrt(variance); the last row is the residual, sd = sigma.
      for (const r of e.random) {
        finite(r.variance, `${r.group} variance`);
        expect(r.variance).toBeGreaterThanOrEqual(0);
        close(r.sd, Math.sqrt(r.variance), `${r.group} ${r.term} sd`);
      }
      const resid = e.random[e.random.length - 1];
      expect(resid.group).toBe('Residual');
      expect(resid.term).toBeNull();
      close(resid.sd, e.sigma, 'residual sd = sigma');
      for (const c of e.correlations) {
        finite(c.corr, `corr ${c.term1}/${c.term2}`);
        expect(Math.abs(c.corr)).toBeLessThanOrEqual(1);
      }

      // Criteria: AIC = -2 logLik + 2 npar; REML criterion present exactly for REML fits.
      for (const k of ['sigma', 'logLik', 'aic', 'bic', 'deviance', 'fittedSum', 'residualsSS'] as const) finite(e[k], k);
      close(e.aic, -2 * e.logLik + 2 * e.npar, 'aic');
      close(e.bic, -2 * e.logLik + Math.log(e.nobs) * e.npar, 'bic');
      if (fx.REML) {
        finite(e.remlCriterion, 'remlCriterion');
        close(e.remlCriterion as number, -2 * e.logLik, 'remlCriterion = -2 logLik(REML)');
        close(e.devianceAtREML as number, e.deviance, 'devianceAtREML');
      } else {
        expect(e.remlCriterion).toBeNull();
        close(e.deviance, -2 * e.logLik, 'deviance = -2 logLik');
      }

      finiteArray(e.theta, 'theta');
      stringArray(e.thetaNames, 'thetaNames');
      expect(e.thetaNames.length).toBe(e.theta.length);
      expect(typeof e.singular).toBe('boolean');
      expect(typeof e.converged).toBe('boolean');
      for (const k of ['lme4Messages', 'lmerTestMessages', 'droppedFixed'] as const) stringArray(e[k], k);
      expect(e.droppedFixed.length > 0).toBe(e.lme4Messages.some((m) => m.includes('rank deficient')));
      expect(e.singular).toBe(e.lme4Messages.some((m) => m.includes('boundary (singular)')));

      // Fitted values and residuals.
      finiteArray(e.fittedHead, 'fittedHead');
      finiteArray(e.residualsHead, 'residualsHead');
      expect(e.fittedHead.length).toBe(Math.min(10, e.nobs));
      expect(e.residualsHead.length).toBe(e.fittedHead.length);

      // vcov: p x p, symmetric, diagonal = SE^2.
      const p = e.fixed.length;
      expect(e.vcovTerms).toEqual(e.betaNames);
      finiteArray(e.vcov, 'vcov');
      expect(e.vcov.length).toBe(p * p);
      for (let i = 0; i < p; i++) {
        close(e.vcov[i * p + i], e.fixed[i].stdError ** 2, `vcov[${i},${i}]`);
        for (let j = 0; j < i; j++) close(e.vcov[i * p + j], e.vcov[j * p + i], `vcov[${i},${j}]`);
      }

      if (lite) {
        expect(e.anova).toBeNull();
        expect(e.ranef).toBeNull();
        return;
      }
      expect(e.anova).not.toBeNull();
      const anova = e.anova as NonNullable<typeof e.anova>;
      for (const key of ANOVA_KEYS) {
        if (!fx.REML && key.endsWith('_kr')) {
          expect(anova[key]).toBeNull();
          expect(typeof e.anovaErrors?.[key]).toBe('string');
          continue;
        }
        const aliasedOk = e.droppedFixed.length > 0;
        checkTableRows(anova[key], key, ['sumSq', 'meanSq', 'numDf', 'denDf', 'fValue', 'pValue'], aliasedOk);
      }

      // ranef: one entry per grouping factor; a value and a conditional SD per level and term.
      expect(e.ranef).not.toBeNull();
      for (const [g, re] of Object.entries(e.ranef as NonNullable<typeof e.ranef>)) {
        expect(e.groups[g], `ranef group ${g} is in groups`).toBe(re.levels.length);
        stringArray(re.levels, `${g} levels`);
        expect(re.values.length).toBe(re.levels.length);
        expect(re.condSd.length).toBe(re.levels.length);
        re.values.forEach((row, k) => {
          expect(row.length).toBe(re.terms.length);
          finiteArray(row, `${g} values[${k}]`);
          finiteArray(re.condSd[k], `${g} condSd[${k}]`);
          for (const s of re.condSd[k]) expect(s).toBeGreaterThanOrEqual(0);
        });
      }
    });
  }
});

describe('R reference fixtures: inference', () => {
  it('has every required case', () => {
    expect(inferenceCaseNames()).toEqual(expect.arrayContaining(REQUIRED_INFERENCE));
  });

  for (const name of inferenceCaseNames()) {
    it(`${name} is complete and consistent`, () => {
      const fx = loadInferenceFixture(name);
      checkSpec(fx, name);
      const e = fx.expected;

      expect(e.contest.length).toBeGreaterThan(0);
      for (const c of e.contest) {
        const label = `contest ${c.name} joint=${c.joint} ${c.ddf}`;
        for (const row of c.L) expect(row.length, label).toBe(c.terms.length);
        if (c.joint) {
          expect(c.rows.length).toBe(1);
          checkTableRows(c.rows, label, ['numDf', 'denDf', 'fValue', 'pValue']);
        } else {
          expect(c.rows.length).toBe(c.L.length);
          checkTableRows(c.rows, label, ['estimate', 'stdError', 'df', 'tValue', 'lower', 'upper', 'pValue']);
        }
      }

      expect(e.ranova[0].term).toBe('<none>');
      checkTableRows(e.ranova, 'ranova', ['npar', 'logLik', 'aic']);
      checkTableRows(e.ranova.slice(1), 'ranova', ['lrt', 'df', 'pValue']);

      expect(e.step.finalFormula).toMatch(/~/);
      checkTableRows(e.step.random, 'step random', ['npar', 'logLik', 'aic']);
      checkTableRows(e.step.fixed, 'step fixed', ['numDf', 'denDf', 'fValue', 'pValue']);

      // Profile intervals exist for every parameter; Wald ones for every fixed effect.
      for (const kind of ['profile', 'wald'] as const) {
        for (const r of e.confint[kind]) {
          if (r.lower !== null && r.upper !== null) expect(r.lower).toBeLessThanOrEqual(r.upper);
        }
      }
      expect(e.confint.profile.map((r) => r.term)).toEqual(e.confint.wald.map((r) => r.term));
      for (const r of e.confint.profile) {
        finite(r.lower, `profile ${r.term} lower`);
        finite(r.upper, `profile ${r.term} upper`);
      }
      expect(e.confint.wald.some((r) => r.lower !== null)).toBe(true);

      expect(e.lrt.models.length).toBe(2);
      expect(e.lrt.rows.map((r) => r.term)).toEqual(['m_small', 'm_large']);
      checkTableRows(e.lrt.rows, 'lrt', ['npar', 'aic', 'bic', 'logLik', 'deviance']);
      checkTableRows(e.lrt.rows.slice(1), 'lrt', ['chisq', 'df', 'pValue']);

      checkTableRows(e.drop1.satterthwaite, 'drop1', ['numDf', 'denDf', 'fValue', 'pValue']);
      checkTableRows(e.drop1.kr, 'drop1 kr', ['numDf', 'denDf', 'fValue', 'pValue']);
      if (e.icc !== null) for (const [g, v] of Object.entries(e.icc.values)) probability(v, `icc ${g}`);

      if (e.emmeans !== undefined) {
        for (const set of [e.emmeans.satterthwaite, e.emmeans.kr]) {
          const k = set.emmeans.length;
          expect(k).toBeGreaterThan(1);
          expect(set.contrasts.length).toBe((k * (k - 1)) / 2);
          for (const m of set.emmeans) for (const key of ['emmean', 'SE', 'df', 'lowerCL', 'upperCL'] as const) finite(m[key], key);
          for (const c of set.contrasts) {
            for (const key of ['estimate', 'SE', 'df', 'tRatio'] as const) finite(c[key], key);
            probability(c.pValue, `${c.contrast} pValue`);
          }
        }
      }
    });
  }
});
