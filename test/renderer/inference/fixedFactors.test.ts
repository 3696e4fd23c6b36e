// The marginal-means panel offers the factor columns of the fixed part, however the formula writes them.
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src-main/api/contract';
import { fixedFactors } from '../../../src-renderer/inference/fixedFactors';

const col = (name: string, type: ColumnInfo['type']) => ({ name, type }) as ColumnInfo;
const columns = [col('y', 'numeric'), col('Product', 'factor'), col('Information', 'factor'), col('Gender', 'factor'), col('Age', 'numeric'), col('site name', 'factor'), col('g', 'factor')];

describe('fixedFactors', () => {
  it.each([
    ['y ~ Product + Age + (1 | g)', ['Product']],
    ['y ~ Product:Information + (1 | g)', ['Product', 'Information']],
    ['y ~ Product * Information * Gender + (1 | g)', ['Product', 'Information', 'Gender']],
    ['y ~ (Product + Gender)^2 + (1 | g)', ['Product', 'Gender']],
    ['y ~ `site name` * Age + (1 | g)', ['site name']],
    ['y ~ Age + (1 | Product)', []], // a grouping factor is not a fixed effect
  ])('%s', (formula, want) => {
    expect(new Set(fixedFactors(formula, columns))).toEqual(new Set(want));
  });

  it('offers nothing for a formula that does not parse', () => {
    expect(fixedFactors('y ~ (Product', columns)).toEqual([]);
  });
});
