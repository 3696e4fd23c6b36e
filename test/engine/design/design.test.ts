/** buildDesign's errors and warnings, and its speed on InstEval. */
import { describe, expect, it } from 'vitest';
import { type Table } from '../../../src-engine/data/table';
import { buildDesign, type DesignOptions } from '../../../src-engine/design/buildDesign';
import { isQuadratError, type QuadratError } from '../../../src-engine/errors/quadratError';
import { analyzeFormula } from '../../../src-engine/formula/analyze';
import { buildModelFrame } from '../../../src-engine/design/modelFrame';
import { modelMatrix } from '../../../src-engine/design/modelMatrix';
import { loadData } from './helpers';

function errorOf(table: Table, formula: string, options?: DesignOptions): QuadratError {
  try {
    buildDesign(table, formula, options);
  } catch (e) {
    if (isQuadratError(e)) return e;
    throw e;
  }
  throw new Error(`no error for ${formula}`);
}

const sleep = () => loadData('sleepstudy.csv');
const edge = () => loadData('edge.csv');

function tiny(y: number[], f: string[], g: string[]): Table {
  const factor = (name: string, labels: string[]) => {
    const levels = [...new Set(labels)].sort();
    return { name, type: 'factor' as const, levels, codes: Int32Array.from(labels, (l) => levels.indexOf(l)) };
  };
  return { nrow: y.length, columns: [{ name: 'y', type: 'numeric', values: Float64Array.from(y) }, factor('f', f), factor('g', g)] };
}

describe('buildDesign errors', () => {
  it('points at an unknown column and suggests the closest name', () => {
    const e = errorOf(sleep(), 'Reaction ~ Dayz + (1 | Subject)');
    expect(e.kind).toBe('formula');
    expect(e.where?.column).toBe(12);
    expect(e.message).toMatch(/no column "Dayz".*Did you mean "Days"\?/);
    expect(errorOf(sleep(), 'Reaction ~ Days + (1 | subjct)').where?.column).toBe(24);
    expect(errorOf(sleep(), 'Reaction ~ I(log(Dys) * 2)').where?.column).toBe(18);
  });

  it('lists the columns when nothing is close', () => {
    expect(errorOf(sleep(), 'Reaction ~ temperature').message).toMatch(/The columns are: Reaction, Days, Subject/);
  });

  it('rejects a factor response in a linear mixed model', () => {
    const e = errorOf(loadData('Oats.csv'), 'Variety ~ nitro + (1 | Block)');
    expect(e.kind).toBe('model');
    expect(e.message).toMatch(/response Variety is a factor.*GLMM/);
  });

  it('rejects cbind responses (binomial GLMM only)', () => {
    expect(errorOf(loadData('cbpp.csv'), 'cbind(incidence, size - incidence) ~ period + (1 | herd)').message).toMatch(/binomial GLMM/);
  });

  it('stops on infinite values and says how many rows', () => {
    const e = errorOf(sleep(), 'Reaction ~ log(Days) + (1 | Subject)');
    expect(e.kind).toBe('data');
    expect(e.message).toMatch(/log\(Days\) is infinite in 18 rows \(first: data row 1\)/);
  });

  it('checks every column not built from factors alone for infinite values (factor:numeric too)', () => {
    const t = loadData('Orthodont.csv');
    expect(errorOf(t, 'distance ~ Sex * log(age - 8) + (1 | Subject)').message).toMatch(/log\(age - 8\) is infinite in 27 rows/);
    expect(errorOf(t, 'distance ~ Sex + Sex:log(age - 8) + (1 | Subject)').message).toMatch(/SexFemale:log\(age - 8\) is infinite in 27 rows/);
  });

  it('needs residual degrees of freedom', () => {
    const t = tiny([1, 2, 3, 4], ['a', 'b', 'c', 'd'], ['u', 'u', 'v', 'v']);
    expect(errorOf(t, 'y ~ f + (1 | g)').message).toMatch(/No residual degrees of freedom: 4 observations for 4 fixed-effect coefficients/);
  });

  it('reports an all-missing response', () => {
    const t = tiny([NaN, NaN, NaN, NaN], ['a', 'b', 'a', 'b'], ['u', 'u', 'v', 'v']);
    expect(errorOf(t, 'y ~ f + (1 | g)').message).toMatch(/response y has no non-missing values/);
  });

  it('rejects negative weights and non-numeric weights', () => {
    const t = tiny([1, 2, 3, 4, 5], ['a', 'b', 'a', 'b', 'a'], ['u', 'u', 'v', 'v', 'w']);
    const w = { ...t, columns: [...t.columns, { name: 'w', type: 'numeric' as const, values: Float64Array.from([1, -1, 1, 1, 1]) }] };
    expect(errorOf(w, 'y ~ 1 + (1 | g)', { weights: 'w' }).message).toMatch(/Negative weights/);
    expect(errorOf(w, 'y ~ 1 + (1 | g)', { weights: 'f' }).message).toMatch(/must be numeric/);
    expect(errorOf(w, 'y ~ 1 + (1 | g)', { weights: 'nope' }).message).toMatch(/no column "nope"/);
  });

  it('refuses poly() of a column with missing values, as R does', () => {
    expect(errorOf(edge(), 'y ~ poly(x, 2) + (1 | g)').message).toMatch(/missing values are not allowed in poly/);
    expect(errorOf(sleep(), 'Reaction ~ poly(Days, 10) + (1 | Subject)').message).toMatch(/less than the number of distinct values \(10\)/);
  });

  it('refuses to scale a constant', () => {
    expect(errorOf(edge(), 'y ~ scale(single == "only") + (1 | g)').message).toMatch(/constant/);
  });

  it('says why a factor cannot be compared with <', () => {
    expect(errorOf(edge(), 'y ~ I(f < "lo") + (1 | g)').message).toMatch(/use == or !=/);
  });
});

describe('model matrix indicator columns', () => {
  it('marks the intercept and the columns of terms of factors and logicals alone, and only those, as 0/1 by construction', () => {
    const a = analyzeFormula('distance ~ Sex * age + Sex:I(age > 10) + I(age > 10) + (1 | Subject)');
    const frame = buildModelFrame(a, { table: loadData('Orthodont.csv'), factors: new Set(), warnings: [] }, undefined);
    const mm = modelMatrix(a.fixed, (label) => frame.values.get(label)!, frame.rows.length);
    const flagged = mm.names.filter((_, j) => mm.indicator[j]);
    expect(flagged).toEqual(['(Intercept)', 'SexMale', 'I(age > 10)TRUE', 'SexMale:I(age > 10)TRUE']);
    // what the flag promises
    mm.columns.forEach((c, j) => {
      if (mm.indicator[j]) expect(c.every((v) => v === 0 || v === 1)).toBe(true);
    });
    expect(mm.columns[mm.names.indexOf('age')].some((v) => v !== 0 && v !== 1)).toBe(true);
  });
});

describe('buildDesign warnings and options', () => {
  it('counts the rows dropped for missing values, by variable', () => {
    const d = buildDesign(edge(), 'y ~ x + f + flag + (1 | g)');
    expect(d.nDropped).toBe(7);
    expect(d.warnings[0]).toBe('7 rows with missing values were dropped (y: 3, x: 2, flag: 2).');
  });

  it('treats NaN from a transformation as missing, with a note', () => {
    const d = buildDesign(sleep(), 'Reaction ~ sqrt(Days - 2) + (1 | Subject)');
    expect(d.n).toBe(144);
    expect(d.warnings).toContain('sqrt(Days - 2) is undefined (NaN) for 36 rows; they were treated as missing.');
  });

  it('warns about a numeric grouping column with fractional values', () => {
    const d = buildDesign(edge(), 'y ~ x + (1 | cont)');
    expect(d.warnings.some((w) => /grouping column cont is numeric with fractional values; each of its 5 distinct values/.test(w))).toBe(true);
    expect(buildDesign(sleep(), 'Reaction ~ Days + (1 | Subject)').warnings).toEqual([]);
  });

  it('warns about a random slope that does not vary within groups', () => {
    const d = buildDesign(edge(), 'y ~ x + (between | g)');
    expect(d.warnings.some((w) => w.startsWith('In (between | g) the effect between does not vary within any level of g'))).toBe(true);
    expect(buildDesign(sleep(), 'Reaction ~ Days + (Days | Subject)').warnings).toEqual([]);
  });

  it('names the dropped columns in the rank-deficiency warning', () => {
    const d = buildDesign(loadData('Oats.csv'), 'yield ~ Variety:factor(nitro) + (1 | Block)');
    expect(d.warnings).toContain('fixed-effect model matrix is rank deficient so dropping 1 column / coefficient (VarietyVictory:factor(nitro)0.6)');
  });

  it('turns columns named in `factors` into factors', () => {
    const d = buildDesign(sleep(), 'Reaction ~ Days + (1 | Subject)', { factors: ['Days', 'Subject'] });
    expect(d.fixedNames).toEqual(['(Intercept)', ...Array.from({ length: 9 }, (_, k) => `Days${k + 1}`)]);
    expect(d.reterms[0].levels.slice(0, 3)).toEqual(['308', '309', '310']);
  });

  it('builds the InstEval design (its time is part of the InstEval fit timed by npm run bench)', () => {
    const table = loadData('InstEval.csv');
    const d = buildDesign(table, 'y ~ service + (1 | s) + (1 | d) + (1 | dept:service)', { factors: ['s', 'd', 'dept', 'service'] });
    expect(d.n).toBe(73421);
    expect(d.reterms.map((t) => t.levels.length)).toEqual([2972, 1128, 28]);
  });
});
