/**
 * A draw mapped to brms's output: names as the columns of as.data.frame(brmsfit), values as Stan's
 * constrained parameters and generated quantities at the same point (rstan::constrain_pars), and
 * group levels indexed as brms's J_k (test/reference/brmsLogDensity.R).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawNames, drawValues } from '../../../src-engine/bayes/model/brmsDraws';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { brmsName } from '../../../src-engine/bayes/model/brmsNames';
import { type UserPrior } from '../../../src-engine/bayes/model/priors';
import { loadCaseTable } from '../lmm/loadCase';

const DIR = 'test/reference/fixtures/brms';
interface Fixture {
  case: string; data: string; // `factors` with one name is unboxed by R's jsonlite
  factors: string[] | string; subset: { rows: number[] } | null; formula: string; family: string;
  priors: { prior: string; class: string; coef: string; group: string; lb: number | null; ub: number | null }[];
  standata: Record<string, number[] | number>; points: number[][];
  stanValues?: Record<string, number[]>; brmsNames?: string[];
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  if (!fx.stanValues || !fx.brmsNames) continue;
  const sv = fx.stanValues;
  describe(`brms draws ${fx.case}`, () => {
    const table = loadCaseTable({ data: fx.data, factors: [fx.factors].flat(), subset: fx.subset } as never);
    const priors: UserPrior[] = fx.priors.map((p) => ({ prior: p.prior, class: p.class, ...(p.coef ? { coef: p.coef } : {}), ...(p.group ? { group: p.group } : {}), ...(p.lb != null ? { lb: p.lb } : {}), ...(p.ub != null ? { ub: p.ub } : {}) }));
    const { model } = buildBrmsModel(table, { formula: fx.formula, family: fx.family, priors });
    const names = drawNames(model);

    it('indexes group levels as brms does (J_k)', () => {
      model.data.terms.forEach((t, k) => expect(Array.from(t.refs, (r) => r + 1), t.group).toEqual(fx.standata[`J_${k + 1}`]));
    });

    it('names the parameters as brms does, in its order', () => {
      const at = names.map((nm) => fx.brmsNames!.indexOf(nm));
      names.forEach((nm, i) => expect(at[i], nm).toBeGreaterThanOrEqual(0));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    });

    it('gives Stan’s values at the same point', () => {
      const v = drawValues(model, Float64Array.from(fx.points[0]));
      const get = (nm: string) => v[names.indexOf(nm)];
      const { data } = model;
      if (data.hasIntercept) expect(close(get('b_Intercept'), sv.b_Intercept[0])).toBe(true);
      data.bNames.forEach((_, k) => expect(close(v[(data.hasIntercept ? 1 : 0) + k], sv.b[k]), `b[${k}]`).toBe(true));
      let sdAt = names.findIndex((nm) => nm.startsWith('sd_'));
      data.terms.forEach((t, k) => {
        t.coefNames.forEach((c, m) => {
          expect(close(v[sdAt++], sv[`sd_${k + 1}`][m]), `sd ${t.group} ${c}`).toBe(true);
          t.levels.forEach((lv, j) => expect(close(get(`r_${t.group}[${lv},${brmsName(c)}]`), sv[`r_${k + 1}_${m + 1}`][j]), `r ${t.group} ${lv} ${c}`).toBe(true));
        });
        const cor = sv[`cor_${k + 1}`];
        if (cor) {
          const first = names.findIndex((nm) => nm.startsWith(`cor_${t.group}__`));
          cor.forEach((c, i) => expect(close(v[first + i], c), `cor ${t.group} ${i}`).toBe(true));
        }
      });
      for (const d of ['sigma', 'shape']) if (sv[d]) expect(close(get(d), sv[d][0])).toBe(true);
    });
  });
}
