/**
 * gls() and lme() against nlme 3.1 (fixtures from test/reference/nlme.R): logLik to 1e-6 relative;
 * estimates, SEs, df, variance/correlation parameters, σ, random-effect SDs and residuals to 1e-4
 * relative — except where nlme stops short of its optimum, which each case below proves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { subsetRows } from '../../../src-engine/data/table';
import { buildModel } from '../../../src-engine/nlme/buildModel';
import { fitNlme, intervals } from '../../../src-engine/nlme/fitNlme';
import { logLikelihood } from '../../../src-engine/nlme/likelihood';
import { nlmeRCall } from '../../../src-engine/nlme/rCall';
import { type NlmeSpec } from '../../../src-engine/nlme/spec/nlmeSpec';

const FIXTURES = 'test/reference/fixtures/nlme';
const DATA = 'test/data';

interface IntervalRowLike { lower: number; upper: number }
interface Row { name: string; lower: number; est: number; upper: number }
interface Struct { class: string; unconstrained: number[]; printed: Record<string, number>; printedNames: string[] }
interface Fixture {
  case: string;
  call: string;
  data: string;
  factors: string[];
  dropEvery: number | null;
  spec: { fn: 'gls' | 'lme'; fixed: string; random: string | null; weights: string | null; correlation: string | null; method: 'REML' | 'ML' };
  expected: {
    nobs: number; logLik: number; df: number; aic: number; bic: number; sigma: number;
    coefficients: { term: string; estimate: number; stdError: number; df: number; tValue: number; pValue: number }[];
    varStruct: Struct | null; corStruct: Struct | null;
    random: { level: string; terms: string[]; sd: number[]; corr: number[] }[] | null;
    groups: Record<string, number> | null;
    ranef: { level: string; labels: string[]; terms: string[]; values: number[] }[] | null;
    residualsHead: { response: number[]; pearson: number[]; normalized: number[] };
    fittedHead: number[];
    anova: { term: string; numDf: number; denDf: number | null; fValue: number; pValue: number }[];
    anovaMarginal: { term: string; numDf: number; denDf: number | null; fValue: number; pValue: number }[];
    acf: { lag: number[]; acf: number[] };
    variogram: { variog: number[]; dist: number[]; nPairs: number[]; model: { variog: number[]; dist: number[] } } | null;
    tight?: { logLik: number; varStruct: number[] };
    intervals: { error?: string; fixed?: Row[]; sigma?: number[]; varStruct?: Row[]; corStruct?: Row[]; reStruct?: { level: string; rows: Row[] }[] };
  };
}

const cases = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture);

function tableOf(fx: Fixture) {
  const bytes = readFileSync(join(DATA, fx.data));
  const columnTypes = Object.fromEntries(fx.factors.map((f) => [f, 'factor' as const]));
  const { table } = importDelimited(new Uint8Array(bytes), { fileName: fx.data, columnTypes });
  if (!fx.dropEvery) return table;
  const keep = Array.from({ length: table.nrow }, (_, i) => i).filter((i) => (i + 1) % fx.dropEvery! !== 0);
  return subsetRows(table, keep);
}

function specOf(fx: Fixture): NlmeSpec {
  const s = fx.spec;
  return { fixed: s.fixed, random: s.random ?? undefined, weights: s.weights ?? undefined, correlation: s.correlation ?? undefined, method: s.method };
}

function rel(a: number, b: number, tol: number, label: string, abs = 1e-8): void {
  expect(Math.abs(a - b), `${label}: ${a} vs nlme ${b}`).toBeLessThanOrEqual(tol * Math.abs(b) + abs);
}

/** Cases where nlme's reported fit is not the optimum of its own criterion, and why (proved in the test). */
const BETTER_OPTIMUM: Record<string, string> = {
  // the likelihood rises slowly along a ridge (const growing with the power) to its maximum near const ≈ 5100,
  // power 2.16; nlme's optimizer stops at const ≈ 0.1
  orthodont_gls_varconstpower: 'ridge',
  // nlme's alternation (optimize with fitted values held, update them) stops before its fixed point
  sleepstudy_lme_varpower_fitted: 'fixed point',
  orthodont_gls_varpower_fitted: 'fixed point',
};

describe('nlme fixtures', () => {
  it('covers at least 15 cases, among them the ones the issue names', () => {
    const names = cases.map((c) => c.case);
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const n of ['ovary_ar1', 'ovary_arma', 'orthodont_gls_varident', 'oats_nested', 'orthodont_gls_varpower_fitted', 'orthodont_gls_varexp', 'sleepstudy_gls_car1_irregular', 'sleepstudy_gls_exp_nugget', 'orthodont_gls_varcomb']) {
      expect(names).toContain(n);
    }
  });

  for (const fx of cases) {
    describe(fx.case, () => {
      const e = fx.expected;
      const fit = fitNlme(tableOf(fx), specOf(fx));
      const r = fit.report;
      const special = BETTER_OPTIMUM[fx.case];

      it('the R call that reproduces the fit is the one the fixture ran', () => {
        expect(nlmeRCall(specOf(fx))).toBe(fx.call);
        expect(r.dfMethod).toBe(fx.spec.fn === 'lme' ? 'containment' : 'residual');
      });

      it('log-likelihood, AIC and BIC', () => {
        expect(r.nobs).toBe(e.nobs);
        expect(r.df).toBe(e.df);
        if (special === 'ridge') {
          // Quadrat's criterion equals nlme's at nlme's estimates, and Quadrat's optimum is higher
          const model = buildModel(tableOf(fx), specOf(fx));
          const atNlme = logLikelihood(model, [...(e.varStruct?.unconstrained ?? []), ...(e.corStruct?.unconstrained ?? [])], undefined);
          rel(atNlme, e.logLik, 1e-6, 'logLik at nlme’s estimates');
          expect(r.logLik).toBeGreaterThan(e.logLik + 1e-3);
          return;
        }
        rel(r.logLik, e.logLik, 1e-6, 'logLik');
        rel(r.aic, e.aic, 1e-6, 'AIC');
        rel(r.bic, e.bic, 1e-6, 'BIC');
      });

      if (special === 'ridge') return;
      const tol = special === 'fixed point' ? 2e-3 : 1e-4;

      it('fixed effects: estimates, SEs, df, t and p', () => {
        expect(r.coefficients.map((c) => c.term)).toEqual(e.coefficients.map((c) => c.term));
        r.coefficients.forEach((c, j) => {
          const x = e.coefficients[j];
          rel(c.estimate, x.estimate, tol, `${c.term} estimate`, 1e-6 * Math.abs(x.stdError));
          rel(c.stdError, x.stdError, tol, `${c.term} SE`);
          expect(c.df, `${c.term} df`).toBe(x.df);
          rel(c.tValue, x.tValue, tol, `${c.term} t`, 1e-5);
          rel(c.pValue, x.pValue, 10 * tol, `${c.term} p`, 1e-10);
        });
      });

      it('σ, variance-function and correlation parameters as nlme prints them', () => {
        rel(r.sigma, e.sigma, tol, 'sigma');
        for (const [mine, theirs] of [[r.varStruct, e.varStruct], [r.corStruct, e.corStruct]] as const) {
          if (!theirs) {
            expect(mine).toBeNull();
            continue;
          }
          expect(mine!.className).toBe(theirs.class);
          expect(mine!.names).toEqual(theirs.printedNames);
          mine!.values.forEach((v, k) => rel(v, theirs.printed[theirs.printedNames[k]], tol, `${theirs.class} ${mine!.names[k]}`, 1e-6));
        }
        if (special === 'fixed point' && e.tight) {
          // nlme with tight control moves towards Quadrat's fixed point
          const mine = r.varStruct!.unconstrained[0];
          expect(Math.abs(mine - e.tight.varStruct[0])).toBeLessThan(Math.abs(mine - e.varStruct!.unconstrained[0]));
        }
      });

      it('random effects (VarCorr) and groups', () => {
        if (!e.random) {
          expect(r.random).toBeNull();
          return;
        }
        expect(r.groups).toEqual(e.groups);
        expect(r.random!.map((l) => l.level)).toEqual(e.random.map((l) => l.level));
        r.random!.forEach((l, q) => {
          expect(l.terms).toEqual(e.random![q].terms);
          l.sd.forEach((s, k) => rel(s, e.random![q].sd[k], 10 * tol, `${l.level} sd ${l.terms[k]}`, 1e-6));
          l.corr.forEach((c, k) => rel(c, e.random![q].corr[k], 10 * tol, `${l.level} corr ${k}`, 1e-4));
        });
      });

      it('anova: sequential and marginal F tests', () => {
        for (const [mine, theirs] of [[r.anova, e.anova], [r.anovaMarginal, e.anovaMarginal]] as const) {
          expect(mine.map((a) => a.term)).toEqual(theirs.map((a) => a.term));
          mine.forEach((a, k) => {
            expect(a.numDf).toBe(theirs[k].numDf);
            expect(a.denDf).toBe(theirs[k].denDf ?? e.nobs - e.coefficients.length);
            rel(a.fValue, theirs[k].fValue, tol, `F ${a.term}`, 1e-6);
            rel(a.pValue, theirs[k].pValue, 10 * tol, `p ${a.term}`, 1e-10);
          });
        }
      });

      // nlme's numerical Hessian is accurate when every parameter it differentiates is away from 0
      const wellScaled = [...(e.varStruct?.unconstrained ?? []), ...(e.corStruct?.unconstrained ?? [])].every((x) => Math.abs(x) > 0.2) && !special;
      it('intervals(): fixed effects, σ and the structure parameters', () => {
        const iv = intervals(fit);
        const ref = e.intervals;
        ref.fixed?.forEach((row, k) => {
          rel(iv.fixed[k].lower, row.lower, tol, `fixed ${row.name} lower`, 1e-6);
          rel(iv.fixed[k].upper, row.upper, tol, `fixed ${row.name} upper`, 1e-6);
        });
        if (ref.error || !ref.sigma) {
          expect(iv.error ?? 'missing').toBeTruthy();
          return;
        }
        expect(iv.error).toBeNull();
        if (!wellScaled) {
          // nlme's fdHess steps are relStep·|x| (relStep = ε^⅓): for parameters near 0 its Hessian
          // carries rounding error of 1e-3 and more, so only the shape of the intervals is compared
          const all = [iv.sigma!, ...(iv.varStruct ?? []), ...(iv.corStruct ?? []), ...(iv.reStruct ?? []).flatMap((l) => l.rows)];
          for (const row of all) expect(row.lower < row.est && row.est < row.upper, row.name).toBe(true);
          return;
        }
        // apVar is a numerical Hessian in nlme too (fdHess): endpoints agree to 1% of the interval's width
        const near = (a: IntervalRowLike, b: { lower: number; upper: number }, label: string) => {
          const width = b.upper - b.lower;
          expect(Math.abs(a.lower - b.lower), `${label} lower ${a.lower} vs ${b.lower}`).toBeLessThanOrEqual(0.01 * width);
          expect(Math.abs(a.upper - b.upper), `${label} upper ${a.upper} vs ${b.upper}`).toBeLessThanOrEqual(0.01 * width);
        };
        near(iv.sigma!, { lower: ref.sigma[0], upper: ref.sigma[2] }, 'sigma');
        for (const [mine, theirs] of [[iv.varStruct, ref.varStruct], [iv.corStruct, ref.corStruct]] as const) {
          theirs?.forEach((row, k) => {
            expect(mine![k].name).toBe(row.name);
            near(mine![k], row, row.name);
          });
        }
        ref.reStruct?.forEach((lev) => {
          const mine = iv.reStruct!.find((l) => l.level === lev.level)!;
          lev.rows.forEach((row) => {
            const m = mine.rows.find((x) => x.name === row.name)!;
            expect(m, row.name).toBeDefined();
            near(m, row, `${lev.level} ${row.name}`);
          });
        });
      });

      it('Variogram of the Pearson residuals (spatial structures)', () => {
        if (!e.variogram) {
          expect(r.variogram).toBeNull();
          return;
        }
        expect(r.variogram!.nPairs).toEqual(e.variogram.nPairs);
        r.variogram!.dist.forEach((d, k) => rel(d, e.variogram!.dist[k], 1e-9, `dist ${k}`));
        r.variogram!.variog.forEach((v, k) => rel(v, e.variogram!.variog[k], 10 * tol, `variog ${k}`));
        // the fitted structure's line (attr(Variogram(fit), "modelVariog")): 50 distances over the observed ones
        const m = r.variogram!.model!;
        expect(m.dist.length).toBe(e.variogram.model.dist.length);
        m.dist.forEach((d, k) => rel(d, e.variogram!.model.dist[k], 1e-12, `model dist ${k}`));
        m.variog.forEach((v, k) => rel(v, e.variogram!.model.variog[k], tol, `model variog ${k}`, 1e-6));
      });

      it('ranef(): conditional modes per level', () => {
        if (!e.ranef) {
          expect(r.ranef).toBeNull();
          return;
        }
        expect(r.ranef!.map((l) => l.level)).toEqual(e.ranef.map((l) => l.level));
        r.ranef!.forEach((l, q) => {
          const x = e.ranef![q];
          expect(l.labels).toEqual(x.labels);
          expect(l.terms).toEqual(x.terms);
          const scale = Math.max(...x.values.map(Math.abs));
          l.values.forEach((v, k) => expect(Math.abs(v - x.values[k]), `${l.level} ${k}: ${v} vs ${x.values[k]}`).toBeLessThanOrEqual(10 * tol * scale));
        });
      });

      it('ACF of the normalized residuals', () => {
        expect(r.acf.lag).toEqual(e.acf.lag);
        r.acf.acf.forEach((v, k) => rel(v, e.acf.acf[k], 10 * tol, `ACF lag ${k}`, 1e-4));
      });

      it('fitted values and residuals (response, Pearson, normalized)', () => {
        e.fittedHead.forEach((v, i) => rel(r.fitted[i], v, tol, `fitted[${i}]`, 1e-6));
        for (const type of ['response', 'pearson', 'normalized'] as const) {
          e.residualsHead[type].forEach((v, i) => rel(r.residuals[type][i], v, 10 * tol, `${type}[${i}]`, 1e-4));
        }
      });
    });
  }
});
