/**
 * The Tweedie log density (src-engine/tmb/families/tweedie.ts, its series tweedieSeries.ts) against
 * TMB's dtweedie as glmmTMB 1.1.5 evaluates it (test/reference/tweedieDensity.R), over zeros, small and
 * large y, means, dispersions and powers from near 1 to near 2: equal to 1e-8.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familyDensity } from '../../../src-engine/tmb/observationDensity';

interface Point { y: number; mu: number; phi: number; p: number; logDensity: number }
const { points } = JSON.parse(readFileSync('test/reference/fixtures/tmbDensity/tweedie.json', 'utf8')) as { points: Point[] };

describe('Tweedie density', () => {
  it('equals TMB’s dtweedie to 1e-8 at every point of the grid', () => {
    expect(points.length).toBeGreaterThan(100);
    for (const { y, mu, phi, p, logDensity } of points) {
      const psi = Math.log((p - 1) / (2 - p));
      const d = familyDensity({ family: 'tweedie', n: 1, logYFactorial: new Float64Array(1) }, Float64Array.of(psi));
      const v = d.logDensity(0, y, Math.log(mu), phi);
      expect(Math.abs(v - logDensity), `y=${y} μ=${mu} φ=${phi} p=${p}: ${v} vs ${logDensity}`).toBeLessThan(1e-8 * Math.max(1, Math.abs(logDensity)));
    }
  });
});
