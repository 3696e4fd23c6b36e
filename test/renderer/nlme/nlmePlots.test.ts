/**
 * nlme's plots draw what the report holds: the ACF bars with the ±1.96/√N band, the variogram points
 * and the fitted structure's line (none for serial structures), the normalized residuals in place of
 * the response residuals.
 */
import { describe, expect, it } from 'vitest';
import { acfFigure, normalizedVsFitted, variogramFigure } from '../../../src-renderer/nlme/nlmePlots';

const block = {
  fn: 'lme' as const,
  rCall: 'lme(...)',
  call: { fixed: 'y ~ x', random: '~ 1 | g', weights: null, correlation: 'corExp(form = ~ t | g)' },
  dfMethod: 'containment' as const,
  df: 5,
  reParams: 1,
  varStruct: null,
  corStruct: null,
  random: null,
  anovaMarginal: [],
  intervals: { level: 0.95, fixed: [], sigma: null, varStruct: null, corStruct: null, reStruct: null, error: null },
  acf: { lag: [0, 1, 2], acf: [1, 0.4, -0.1] },
  variogram: { variog: [0.5, 0.9], dist: [1, 2], nPairs: [30, 20] },
};

describe('nlme plots', () => {
  it('ACF bars at each lag with the white-noise band', () => {
    const f = acfFigure(block, 100);
    expect(f.data[0]).toMatchObject({ type: 'bar', x: [0, 1, 2], y: [1, 0.4, -0.1] });
    expect(f.data[1]).toMatchObject({ y: [0.196, 0.196] });
    expect(f.data[2]).toMatchObject({ y: [-0.196, -0.196] });
  });
  it('variogram points, or none without a spatial structure', () => {
    expect(variogramFigure(block)!.data[0]).toMatchObject({ x: [1, 2], y: [0.5, 0.9], text: ['30 pairs', '20 pairs'] });
    expect(variogramFigure({ ...block, variogram: null })).toBeNull();
  });
  it("the fitted structure's semivariogram as a line over the points, when the report has it", () => {
    expect(variogramFigure(block)!.data).toHaveLength(1);
    const model = { dist: [1, 1.5, 2], variog: [0.4, 0.6, 0.7] };
    const f = variogramFigure({ ...block, variogram: { ...block.variogram, model } })!;
    expect(f.data).toHaveLength(2);
    expect(f.data[1]).toMatchObject({ mode: 'lines', x: model.dist, y: model.variog });
  });
  it('normalized residuals against the fitted values', () => {
    const d = { fitted: [1, 2, 3], residuals: [9, 9, 9], rows: [0, 1, 2], ranef: [], vcov: [], normalizedResiduals: [0.1, -0.2, 0.3] };
    expect(normalizedVsFitted(d, null)!.data[0]).toMatchObject({ x: [1, 2, 3], y: [0.1, -0.2, 0.3] });
    expect(normalizedVsFitted({ ...d, normalizedResiduals: undefined }, null)).toBeNull();
  });
});
