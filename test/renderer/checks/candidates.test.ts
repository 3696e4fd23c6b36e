import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src-main/api/contract';
import { candidateOptions, fixedPart, MAX_CANDIDATES } from '../../../src-renderer/checks/candidates';
import { emptyModel, parseFormulaTerms } from '../../../src-renderer/model/formulaTerms';

const col = (name: string, type: ColumnInfo['type'], levels: string[] = []): ColumnInfo => ({ name, type, levels, missing: 0 });
const lv = (n: number) => Array.from({ length: n }, (_, i) => `L${i + 1}`);

describe('fixedPart', () => {
  it('drops the random terms and keeps the fixed ones as written', () => {
    expect(fixedPart(parseFormulaTerms('Reaction ~ Days + (Days | Subject)').model)).toBe('Reaction ~ Days');
    expect(fixedPart(parseFormulaTerms('y ~ 0 + a*b + (1 | site/plot)').model)).toBe('y ~ 0 + a*b');
    expect(fixedPart(parseFormulaTerms('y ~ (1 | site)').model)).toBe('y ~ 1');
  });
  it('is null without a response', () => {
    expect(fixedPart(emptyModel())).toBeNull();
  });
});

describe('candidateOptions', () => {
  const columns = [col('y', 'numeric'), col('site', 'factor', lv(6)), col('treat', 'factor', lv(2)), col('one', 'factor', ['a']), col('id', 'factor', lv(40)), col('note', 'text'), col('wet', 'logical')];

  it('ticks factors with 2 … n−1 levels that the fixed part does not use', () => {
    const o = candidateOptions(columns, 40, 'y ~ treat');
    expect(o.map((x) => x.name)).toEqual(['site', 'treat', 'one', 'id', 'note']);
    expect(o.filter((x) => x.byDefault).map((x) => x.name)).toEqual(['site']);
    expect(o.find((x) => x.name === 'treat')?.unusable).toBe('in the fixed part');
    expect(o.find((x) => x.name === 'one')?.unusable).toBe('only one level');
    expect(o.find((x) => x.name === 'id')?.unusable).toBe('a level for every row');
    expect(o.find((x) => x.name === 'note')).toMatchObject({ unusable: null, byDefault: false, nLevels: null });
  });

  it('sees names inside interactions and backticks', () => {
    const cols = [col('y', 'numeric'), col('my site', 'factor', lv(3)), col('b', 'factor', lv(3))];
    const o = candidateOptions(cols, 30, 'y ~ `my site`:b');
    expect(o.every((x) => x.unusable === 'in the fixed part')).toBe(true);
  });

  it('ticks at most as many as the API accepts', () => {
    const many = Array.from({ length: MAX_CANDIDATES + 5 }, (_, i) => col(`g${i}`, 'factor', lv(3)));
    expect(candidateOptions(many, 100, null).filter((x) => x.byDefault)).toHaveLength(MAX_CANDIDATES);
  });
});
