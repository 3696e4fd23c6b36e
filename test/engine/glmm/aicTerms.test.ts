import binomialLogpmf from '@stdlib/stats-base-dists-binomial-logpmf';
import poissonLogpmf from '@stdlib/stats-base-dists-poisson-logpmf';
import { describe, expect, it } from 'vitest';
import { aicMinusDeviance, binomialAic, poissonAic } from '../../../src-engine/glmm/aicTerms';
import { type GlmResponse, makeFamily } from '../../../src-engine/glmm/family';

/** A small deterministic generator, so the cases are the same every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** R's binomial()$aic written directly with @stdlib's logpmf (what family.ts did before the cache). */
function binomialDirect(r: GlmResponse, mu: Float64Array): number {
  const useN = r.n.some((v) => v > 1);
  let s = 0;
  for (let i = 0; i < r.y.length; i++) {
    const m = useN ? r.n[i] : r.weights[i];
    if (!(m > 0)) continue;
    s += (r.weights[i] / m) * binomialLogpmf(Math.round(m * r.y[i]), Math.round(m), mu[i]);
  }
  return -2 * s;
}

function poissonDirect(r: GlmResponse, mu: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.y.length; i++) s += poissonLogpmf(r.y[i], mu[i]) * r.weights[i];
  return -2 * s;
}

/** μ over (0, 1) including values near the ends, where log1p(−p) and ln p matter most. */
function probabilities(rand: () => number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1e-12 * (1 + rand()) : i % 11 === 0 ? 1 - 1e-12 * (1 + rand()) : rand() ** (1 + 8 * rand())));
}

describe('cached AIC terms (aicTerms.ts) against @stdlib logpmf directly', () => {
  it('0/1 binomial response: the same bits', () => {
    const rand = lcg(1);
    const n = 5000;
    const r: GlmResponse = { y: Float64Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0)), weights: new Float64Array(n).fill(1), n: new Float64Array(n).fill(1) };
    for (let rep = 0; rep < 5; rep++) {
      const mu = probabilities(rand, n);
      expect(binomialAic(r, mu)).toBe(binomialDirect(r, mu));
    }
  });

  it('cbind binomial response (0 < x < n, x = 0, x = n, zero trials): the same bits', () => {
    const rand = lcg(2);
    const n = 3000;
    const size = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 0 : 1 + Math.floor(rand() * 30)));
    const x = Float64Array.from(size, (m) => Math.floor(rand() * (m + 1)));
    const r: GlmResponse = { y: Float64Array.from(x, (s, i) => (size[i] > 0 ? s / size[i] : 0)), weights: size, n: size };
    for (let rep = 0; rep < 5; rep++) {
      const mu = probabilities(rand, n);
      expect(binomialAic(r, mu)).toBe(binomialDirect(r, mu));
    }
  });

  it('proportions with prior weights, and μ at 0 or 1 (the @stdlib special cases): the same bits', () => {
    const rand = lcg(3);
    const n = 2000;
    const w = Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 9));
    const y = Float64Array.from(w, (m) => Math.floor(rand() * (m + 1)) / m);
    const r: GlmResponse = { y, weights: w, n: new Float64Array(n).fill(1) };
    const mu = probabilities(rand, n);
    expect(binomialAic(r, mu)).toBe(binomialDirect(r, mu));
    const edge = Float64Array.from(y, (v) => (v === 0 ? 0 : v === 1 ? 1 : 0.5));
    expect(binomialAic(r, edge)).toBe(binomialDirect(r, edge));
  });

  it('Poisson counts with weights, a non-integer y and μ = 0: the same bits', () => {
    const rand = lcg(4);
    const n = 4000;
    const y = Float64Array.from({ length: n }, (_, i) => (i === 5 ? 2.5 : Math.floor(-Math.log(rand()) * (i % 3 === 0 ? 0.3 : 40))));
    const r: GlmResponse = { y, weights: Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 2 : 1)), n: new Float64Array(n).fill(1) };
    for (let rep = 0; rep < 5; rep++) {
      const mu = Float64Array.from({ length: n }, () => Math.exp(8 * rand() - 5));
      expect(poissonAic(r, mu)).toBe(poissonDirect(r, mu));
    }
    const withZero = Float64Array.from(y, (v, i) => (i < 10 ? 0 : v + 0.5));
    expect(poissonAic(r, withZero)).toBe(poissonDirect(r, withZero));
  });
});

describe('aic(μ) − Σ devres(μ) is a constant of the response (aicMinusDeviance)', () => {
  const binomial = makeFamily('binomial');
  const poisson = makeFamily('poisson');
  const devSum = (f: typeof binomial, r: GlmResponse, mu: Float64Array) => r.y.reduce((s, y, i) => s + f.devResid(y, mu[i], r.weights[i]), 0);
  const rand = lcg(11);

  it('binomial 0/1, cbind and proportions with weights: devSum + constant is the direct aic at every μ', () => {
    const n = 400;
    const trials = Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 12));
    const succ = Float64Array.from(trials, (t) => Math.floor(rand() * (t + 1)));
    const responses: GlmResponse[] = [
      { y: Float64Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0)), weights: new Float64Array(n).fill(1), n: new Float64Array(n).fill(1) },
      { y: Float64Array.from(succ, (s, i) => s / trials[i]), weights: trials, n: trials },
      { y: Float64Array.from(succ, (s, i) => s / trials[i]), weights: trials.map((t) => 2 * t), n: trials },
    ];
    for (const r of responses) {
      const k = aicMinusDeviance('binomial', r)!;
      expect(k).toBeDefined();
      for (let rep = 0; rep < 3; rep++) {
        const mu = Float64Array.from({ length: n }, () => 0.02 + 0.96 * rand());
        const direct = binomialDirect(r, mu);
        expect(Math.abs(devSum(binomial, r, mu) + k - direct) / direct).toBeLessThan(1e-13);
      }
    }
  });

  it('Poisson counts with and without weights', () => {
    const n = 400;
    const y = Float64Array.from({ length: n }, () => Math.floor(rand() * rand() * 40));
    for (const weights of [new Float64Array(n).fill(1), Float64Array.from({ length: n }, () => 0.5 + rand())]) {
      const r: GlmResponse = { y, weights, n: new Float64Array(n).fill(1) };
      const k = aicMinusDeviance('poisson', r)!;
      const mu = Float64Array.from({ length: n }, () => 0.1 + 30 * rand());
      const direct = poissonDirect(r, mu);
      expect(Math.abs(devSum(poisson, r, mu) + k - direct) / direct).toBeLessThan(1e-13);
    }
  });

  it('is undefined where R’s aic does not follow the identity: non-integer counts, other families', () => {
    const r: GlmResponse = { y: Float64Array.of(0.5, 2, 3), weights: Float64Array.of(1, 1, 1), n: Float64Array.of(1, 1, 1) };
    expect(aicMinusDeviance('poisson', r)).toBeUndefined();
    expect(aicMinusDeviance('Gamma', r)).toBeUndefined();
  });
});
