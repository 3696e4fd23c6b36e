/**
 * brms's data from Quadrat's design code: the `| trials()` response, centring, group-level terms in
 * brms's order (written order, not lme4's), and the messages for responses a family cannot take.
 */
import { describe, expect, it } from 'vitest';
import { buildBrmsData } from '../../../src-engine/bayes/model/brmsDesign';
import { brmsFamily } from '../../../src-engine/bayes/model/brmsFamily';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { improperPosterior } from '../../../src-engine/bayes/model/improperPosterior';
import { readBrmsFormula } from '../../../src-engine/bayes/model/brmsFormula';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { loadCaseTable } from '../lmm/loadCase';

const cbpp = loadCaseTable({ data: 'cbpp.csv', factors: ['herd', 'period'], subset: null } as never);
const ticks = loadCaseTable({ data: 'grouseticks.csv', factors: ['INDEX', 'BROOD', 'YEAR', 'LOCATION'], subset: null } as never);

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QuadratError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('brms data', () => {
  it('reads y | trials(n) as cbind(y, n − y): the same model', () => {
    expect(readBrmsFormula('incidence | trials(size) ~ period + (1 | herd)').text).toBe('cbind(incidence, (size) - (incidence)) ~ period + (1 | herd)');
    const a = buildBrmsModel(cbpp, { formula: 'incidence | trials(size) ~ period + (1 | herd)', family: 'binomial' }).model;
    const b = buildBrmsModel(cbpp, { formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)', family: 'binomial' }).model;
    expect(Array.from(a.data.y)).toEqual(Array.from(b.data.y));
    // both name the successes as brms's response
    expect([a.data.responseName, b.data.responseName]).toEqual(['incidence', 'incidence']);
    const q = Float64Array.from({ length: a.dim }, (_, i) => Math.sin(i));
    const g = new Float64Array(a.dim);
    expect(a.logDensityGradient(q, g)).toBe(b.logDensityGradient(q, g));
  });

  it('centres the population-level columns and keeps their means', () => {
    const d = buildBrmsData(ticks, 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD)', brmsFamily('poisson'));
    expect(d.bNames).toEqual(['YEAR96', 'YEAR97', 'cHEIGHT']);
    for (let k = 0; k < 3; k++) {
      const col = d.Xc.subarray(k * d.n, (k + 1) * d.n);
      expect(Math.abs(col.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
    }
    expect(d.meansX[0]).toBeCloseTo(155 / 403, 12); // the share of YEAR 96
  });

  it('orders group-level terms as written (lme4 would put BROOD, with more levels, first)', () => {
    const d = buildBrmsData(ticks, 'TICKS ~ YEAR + (1 | LOCATION) + (1 | BROOD)', brmsFamily('poisson'));
    expect(d.terms.map((t) => [t.group, t.levels.length])).toEqual([['LOCATION', 63], ['BROOD', 118]]);
  });

  it('keeps (a || g) as one term with uncorrelated coefficients', () => {
    const d = buildBrmsData(cbpp, 'incidence | trials(size) ~ period + (1 + size || herd)', brmsFamily('binomial'));
    expect(d.terms.map((t) => [t.group, t.coefNames, t.cor])).toEqual([['herd', ['Intercept', 'size'], false]]);
  });

  it('refuses responses the family cannot take, saying what to write', () => {
    expect(message(() => buildBrmsData(cbpp, 'incidence ~ period + (1 | herd)', brmsFamily('binomial')))).toMatch(/needs the number of trials: write "incidence \| trials\(n\)/);
    expect(message(() => buildBrmsData(cbpp, 'incidence | trials(size) ~ period + (1 | herd)', brmsFamily('poisson')))).toMatch(/for the binomial family, not poisson/);
    expect(message(() => buildBrmsData(cbpp, 'incidence | weights(size) ~ period + (1 | herd)', brmsFamily('poisson')))).toMatch(/only "\| trials\(n\)"/);
    expect(message(() => buildBrmsData(cbpp, 'size | trials(incidence) ~ period + (1 | herd)', brmsFamily('binomial')))).toMatch(/Negative failures/);
    expect(message(() => brmsFamily('Gamma'))).toMatch(/gaussian, bernoulli, binomial, poisson, negbinomial/);
    expect(message(() => brmsFamily('poisson', 'sqrt'))).toMatch(/uses the log link/);
  });
});

describe('improper posteriors', () => {
  const oyster = (locus: string) => {
    const t = loadCaseTable({ data: 'oyster_methylation.csv', factors: ['tank', 'treatment', 'population'], subset: null } as never);
    const col = t.columns.find((c) => c.name === 'locus')!;
    const rows: number[] = [];
    for (let i = 0; i < t.nrow; i++) if (col.type === 'text' ? col.values[i] === locus : col.type === 'factor' && col.levels[col.codes[i]] === locus) rows.push(i + 1);
    return loadCaseTable({ data: 'oyster_methylation.csv', factors: ['tank', 'treatment', 'population'], subset: { rows } } as never);
  };
  const formula = 'methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)';

  it('are flagged on a separated locus with flat b, with normal(0, 2.5) offered', () => {
    const { model } = buildBrmsModel(oyster('L0006'), { formula, family: 'binomial' });
    const w = improperPosterior(model);
    expect(w?.message).toMatch(/improper.*treatment = exposed, population = Wild/);
    expect(w?.suggestion).toEqual({ prior: 'normal(0, 2.5)', class: 'b' });
    expect(improperPosterior(buildBrmsModel(oyster('L0006'), { formula, family: 'binomial', priors: [w!.suggestion] }).model)).toBeNull();
  });

  it('are not flagged on an ordinary locus', () => {
    expect(improperPosterior(buildBrmsModel(oyster('L0001'), { formula, family: 'binomial' }).model)).toBeNull();
  });
});

describe('nested groups', () => {
  it('are named and levelled as brms: a/b gives a, then a:b with levels "a_b" sorted as strings (R in a UTF-8 locale)', () => {
    const d = buildBrmsData(ticks, 'TICKS ~ YEAR + (1 | LOCATION/BROOD)', brmsFamily('poisson'));
    expect(d.terms.map((t) => t.group)).toEqual(['LOCATION', 'LOCATION:BROOD']);
    const nested = d.terms[1];
    // ICU collation: "1_x" before "10_x" ("_" sorts before digits), where code points would put it after
    expect(nested.levels).toEqual([...nested.levels].sort(new Intl.Collator('en').compare));
    expect(nested.levels[0]).toMatch(/^\d+_\d+$/);
  });
});
