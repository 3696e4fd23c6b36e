import { describe, expect, it } from 'vitest';
import { constPowerSearch } from '../../../src-engine/nlme/varFunc/constPowerSearch';

describe('varConstPower search coordinates', () => {
  // two strata; a 0 covariate is left out of its stratum's centre
  const v = Float64Array.from([8, 10, 12, 14, 0, 2, 3, 5]);
  const stratum = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  const map = constPowerSearch(v, stratum, 2);

  it('is a bijection of (log c, δ) per stratum', () => {
    for (const par of [[Math.log(0.1), 0, 0, 0], [8.5, 2.16, -3, 0.7], [-20, -1.5, 4, 3]]) {
      const back = map.fromSearch(map.toSearch(par));
      back.forEach((x, k) => expect(x).toBeCloseTo(par[k], 10));
    }
  });

  it('searches the elasticity of sd in |v| at the centre of the data (in units of 0.1) and log(|v|^δ / c) there', () => {
    const m = [(Math.log(8) + Math.log(10) + Math.log(12) + Math.log(14)) / 4, (Math.log(2) + Math.log(3) + Math.log(5)) / 3];
    const par = [2, 0.8, -1, 1.3];
    const z = map.toSearch(par);
    for (let s = 0; s < 2; s++) {
      const logSd = (t: number) => Math.log(Math.exp(par[2 * s]) + Math.exp(par[2 * s + 1] * t));
      const h = 1e-5;
      expect(z[2 * s] * 0.1).toBeCloseTo((logSd(m[s] + h) - logSd(m[s] - h)) / (2 * h), 8);
      expect(z[2 * s + 1]).toBeCloseTo(par[2 * s + 1] * m[s] - par[2 * s], 12);
    }
  });
});
