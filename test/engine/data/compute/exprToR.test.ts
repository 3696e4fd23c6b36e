/** Data expressions as R code for the export: R's syntax, Quadrat's centre() and scale() as R's scale(). */
import { describe, expect, it } from 'vitest';
import { dataExprToR } from '../../../../src-engine/data/compute/exprToR';

describe('dataExprToR', () => {
  it('writes R syntax and R functions', () => {
    expect(dataExprToR('year>=2010&site!="B3"')).toBe('year >= 2010 & site != "B3"');
    expect(dataExprToR('mass × 2 ÷ `leaf area` − 1')).toBe('mass * 2/`leaf area` - 1');
    expect(dataExprToR('centre(temp) + scale(mass)')).toBe('as.numeric(scale(temp, scale = FALSE)) + as.numeric(scale(mass))');
    expect(dataExprToR('!(site %in% c("A1", "b3")) | is.na(mass)')).toBe('!(site %in% c("A1", "b3")) | is.na(mass)');
  });
});
