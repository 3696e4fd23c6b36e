/** R's density(bw = "nrd0", n = 512) for pp_check's overlays (test/reference/kernelDensity.R); n = 4096 for the density ratio is tested in hypothesis.test.ts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bwNrd0, kernelDensity } from '../../../src-engine/bayes/diagnostics/kernelDensity';

interface Case { xIn: number[]; from: number; to: number; bw: number; x: number[]; y: number[] }
const fx = JSON.parse(readFileSync('test/reference/fixtures/values/kernelDensity.json', 'utf8')) as { cases: Record<string, Case> };

describe("R's density() with bw.nrd0", () => {
  for (const [name, c] of Object.entries(fx.cases)) {
    it(`matches R on ${name}`, () => {
      expect(bwNrd0(c.xIn)).toBeCloseTo(c.bw, 12);
      const d = kernelDensity(c.xIn, c.from, c.to, 512);
      expect(d.x.length).toBe(512);
      const top = Math.max(...c.y);
      d.x.forEach((x, i) => expect(Math.abs(x - c.x[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(c.x[i]))));
      d.y.forEach((y, i) => expect(Math.abs(y - c.y[i]), `point ${i}`).toBeLessThan(1e-9 * top));
    });
  }
});
