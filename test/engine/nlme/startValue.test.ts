/**
 * nlme's `value =` for correlation structures: the value, given as nlme prints the parameters, is where
 * the optimization starts (the R fixtures wheat2_gls_ratio_value and orthodont_gls_symm_value check the
 * fits against nlme); here each structure's map back from the printed scale, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src-engine/nlme/buildModel';
import { correlationRefusal, orthodont } from './correlationRefusal';


describe('correlation structures: value =', () => {
  it.each([
    ['corAR1(0.4, form = ~ 1 | Subject)', [0.4]],
    ['corCAR1(value = 0.3, form = ~ age | Subject)', [0.3]],
    ['corCompSymm(-0.2, form = ~ 1 | Subject)', [-0.2]],
    ['corSymm(c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), form = ~ 1 | Subject)', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]],
    ['corExp(c(3, 0.25), form = ~ age | Subject, nugget = TRUE)', [3, 0.25]],
    ['corSpher(5, form = ~ age | Subject)', [5]],
  ])('%s starts where nlme would: the printed parameters at the start are the value', (correlation, value) => {
    const model = buildModel(orthodont, { fixed: 'distance ~ age', correlation });
    const cor = model.corStruct!;
    expect(cor.starts).toBeUndefined();
    cor.printed(cor.start()).values.forEach((v, k) => expect(v).toBeCloseTo(value[k], 12));
  });

  it('refuses a value of the wrong length or outside the range, and the options not supported yet', () => {
    expect(correlationRefusal('corAR1(c(0.1, 0.2), form = ~ 1 | Subject)')).toMatch(/value needs 1 number \(Phi\); got 2/);
    expect(correlationRefusal('corAR1(1.5, form = ~ 1 | Subject)')).toMatch(/starting value 1\.5 is outside the range of Phi/);
    expect(correlationRefusal('corExp(c(3, 1.2), form = ~ age | Subject, nugget = TRUE)')).toMatch(/outside the range of range, nugget/);
    expect(correlationRefusal('corARMA(c(0.2), form = ~ 1 | Subject, p = 1)')).toMatch(/"value" is not supported yet/);
    expect(correlationRefusal('corAR1(0.4, form = ~ 1 | Subject, fixed = TRUE)')).toMatch(/"fixed" is not supported yet/);
    expect(correlationRefusal('corAR1(value = "a", form = ~ 1 | Subject)')).toMatch(/Could not read|must be a number/);
  });
});
