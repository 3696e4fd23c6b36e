/**
 * hypothesis() against brms 2.18 (test/reference/brmsHypothesis.R) on brms's own posterior and prior
 * draws of one oyster locus: one-sided posterior probabilities and evidence ratios, point hypotheses by
 * the Savage–Dickey density ratio (R's density() + spline()), the CI bounds and stars, to rounding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bwNrd0, kernelDensity, seqLength } from '../../../src-engine/bayes/diagnostics/kernelDensity';
import { fmmSpline } from '../../../src-engine/bayes/hypothesis/fmmSpline';
import { hypothesis } from '../../../src-engine/bayes/hypothesis/hypothesis';
import { priorDraws } from '../../../src-engine/bayes/hypothesis/priorDraws';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { loadCaseTable } from '../lmm/loadCase';

interface Row {
  hypothesis: string; alpha: number; Hypothesis: string; Estimate: number; 'Est.Error': number;
  'CI.Lower': number; 'CI.Upper': number; 'Evid.Ratio': number | null; 'Post.Prob': number | null; Star: string;
}
interface Fixture { draws: Record<string, number[]>; priorDraws: Record<string, number[]>; hypotheses: Row[] }
const fx = JSON.parse(readFileSync('test/reference/fixtures/brms-hypothesis/oyster_locus.json', 'utf8')) as Fixture;

const close = (a: number, b: number, what: string, tol = 1e-8) =>
  expect(Math.abs(a - b), `${what}: ${a} vs brms ${b}`).toBeLessThan(tol * Math.max(1, Math.abs(b)));

describe('hypothesis() against brms::hypothesis on stored draws', () => {
  for (const h of fx.hypotheses) {
    it(`${h.hypothesis} (alpha ${h.alpha})`, () => {
      const r = hypothesis(fx.draws, h.hypothesis, { alpha: h.alpha, priorDraws: fx.priorDraws });
      expect(r.Hypothesis).toBe(h.Hypothesis);
      close(r.Estimate, h.Estimate, 'Estimate');
      close(r['Est.Error'], h['Est.Error'], 'Est.Error');
      close(r['CI.Lower'], h['CI.Lower'], 'CI.Lower');
      close(r['CI.Upper'], h['CI.Upper'], 'CI.Upper');
      if (h['Evid.Ratio'] === null) expect(r['Evid.Ratio'] === null || !Number.isFinite(r['Evid.Ratio'])).toBe(true);
      else close(r['Evid.Ratio']!, h['Evid.Ratio'], 'Evid.Ratio', 1e-6);
      if (h['Post.Prob'] !== null) close(r['Post.Prob']!, h['Post.Prob'], 'Post.Prob', 1e-6);
      expect(r.Star).toBe(h.Star);
    });
  }

  it('a point hypothesis without prior draws has no evidence ratio (NA in brms)', () => {
    const h = fx.hypotheses.find((x) => x.hypothesis.includes('='))!;
    const r = hypothesis(fx.draws, h.hypothesis);
    expect(r['Evid.Ratio']).toBeNull();
    expect(r['Post.Prob']).toBeNull();
  });

  it('refuses malformed hypotheses and unknown parameters with clear messages', () => {
    expect(() => hypothesis(fx.draws, 'Intercept')).toThrow(/left \(= OR < OR >\) right/);
    expect(() => hypothesis(fx.draws, 'nosuch > 0')).toThrow(/cannot be found in the model: nosuch/);
    expect(() => hypothesis(fx.draws, 'Intercept > (0')).toThrow(/Cannot read the hypothesis/);
  });
});

describe("prior draws (brms's sample_prior = \"yes\") for the Savage–Dickey ratio", () => {
  const table = loadCaseTable({ data: 'oyster_methylation.csv', factors: ['tank', 'treatment', 'population'], subset: { rows: (fx as unknown as { subset: { rows: number[] } }).subset.rows } } as never);
  const formula = 'methylated | trials(methylated + unmethylated) ~ treatment + population + (1 | tank)';
  const { model } = buildBrmsModel(table, { formula, family: 'binomial', priors: [{ prior: 'normal(0, 2.5)', class: 'b' }] });
  const ours = priorDraws(model, 4000, 7);

  it('draws each coefficient from its prior, and none for a flat one', () => {
    expect(Object.keys(ours).sort()).toEqual(['b_Intercept', 'b_populationWild', 'b_treatmentexposed']);
    const v = ours.b_treatmentexposed;
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    expect(Math.abs(m)).toBeLessThan(4 * (2.5 / Math.sqrt(v.length)));
    expect(Math.abs(sd / 2.5 - 1)).toBeLessThan(0.05);
    const flat = buildBrmsModel(table, { formula, family: 'binomial' }).model;
    expect(Object.keys(priorDraws(flat, 10, 7))).toEqual(['b_Intercept']);
  });

  for (const h of fx.hypotheses.filter((x) => x.hypothesis.includes('=') && !x.hypothesis.includes('Intercept'))) {
    it(`gives brms's evidence ratio for ${h.hypothesis} from its own prior draws (within Monte Carlo error)`, () => {
      const r = hypothesis(fx.draws, h.hypothesis, { alpha: h.alpha, priorDraws: ours });
      expect(Math.abs(r['Evid.Ratio']! / h['Evid.Ratio']! - 1)).toBeLessThan(0.1);
    });
  }
});

describe('R numerics behind the Savage–Dickey ratio', () => {
  it('seq.int(length.out) ends exactly, bw.nrd0 as R on a known sample', () => {
    const s = seqLength(0, 1, 11);
    expect(s[10]).toBe(1);
    expect(s[3]).toBeCloseTo(0.3, 15);
    // R: bw.nrd0(c(1, 2, 3, 4, 10)) = 0.9 * min(sd, IQR/1.34) * 5^-0.2 = 0.9 * (2/1.34) * 5^-0.2
    expect(bwNrd0([1, 2, 3, 4, 10])).toBeCloseTo((0.9 * 2) / 1.34 * Math.pow(5, -0.2), 14);
  });

  it('the kernel density integrates to 1 and the fmm spline reproduces a cubic', () => {
    const x = Array.from({ length: 500 }, (_, i) => Math.sin(i * 12.9898) * 3);
    const d = kernelDensity(x, -8, 8);
    let area = 0;
    for (let i = 1; i < d.x.length; i++) area += 0.5 * (d.y[i] + d.y[i - 1]) * (d.x[i] - d.x[i - 1]);
    expect(area).toBeCloseTo(1, 3);
    const xs = Float64Array.from({ length: 20 }, (_, i) => i * 0.37);
    const f = fmmSpline(xs, Float64Array.from(xs, (v) => v * v * v - 2 * v + 1));
    expect(f(2.2)).toBeCloseTo(2.2 ** 3 - 4.4 + 1, 10);
  });
});
