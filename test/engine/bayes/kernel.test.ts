/**
 * The NUTS transition kernel against Stan's (test/reference/nuts_kernel.R): with adaptation off
 * (fixed step size, unit metric, the same init) nothing but the tree building, the multinomial
 * sampling and the U-turn checks decides how long each trajectory is. The distributions of
 * treedepth__ and n_leapfrog__ over 100 000 transitions must agree with Stan's by a χ² test of
 * homogeneity, and the mean accept_stat within Monte Carlo error. A U-turn check on the wrong span
 * (an error this test caught) shifts these distributions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleChains } from '../../../src-engine/bayes/nuts/sampleChains';
import { upperChisq } from '../../../src-engine/inference/distributions';
import { essMean } from '../../../src-engine/bayes/diagnostics/ess';
import { mean } from '../../../src-engine/bayes/diagnostics/draws';
import { type LogDensity } from '../../../src-engine/bayes/logDensity';
import { correlatedNormal, hierarchicalNormal } from './targets';

interface KernelCase {
  name: string;
  stepsize: number;
  init: number[];
  iter: number;
  chains: number;
  n_leapfrog: Record<string, number>;
  treedepth: Record<string, number>;
  mean_accept_stat: number;
  sd_accept_stat: number;
  data: { y_groups?: number[][] };
}
const fixture = JSON.parse(readFileSync('test/reference/fixtures/nuts/kernel.json', 'utf8')) as { cases: KernelCase[] };

/** p-value of the χ² test that two count tables come from one distribution (bins pooled to ≥ 10 expected). */
function homogeneityP(a: Map<number, number>, b: Map<number, number>): number {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  const na = [...a.values()].reduce((s, v) => s + v, 0);
  const nb = [...b.values()].reduce((s, v) => s + v, 0);
  const bins: [number, number][] = [];
  let cur: [number, number] = [0, 0];
  for (const k of keys) {
    cur = [cur[0] + (a.get(k) ?? 0), cur[1] + (b.get(k) ?? 0)];
    if (Math.min(((cur[0] + cur[1]) * na) / (na + nb), ((cur[0] + cur[1]) * nb) / (na + nb)) >= 10) {
      bins.push(cur);
      cur = [0, 0];
    }
  }
  if (cur[0] + cur[1] > 0) {
    if (bins.length) bins[bins.length - 1] = [bins[bins.length - 1][0] + cur[0], bins[bins.length - 1][1] + cur[1]];
    else bins.push(cur);
  }
  let x2 = 0;
  for (const [ca, cb] of bins) {
    const t = ca + cb;
    const ea = (t * na) / (na + nb);
    const eb = (t * nb) / (na + nb);
    x2 += (ca - ea) ** 2 / ea + (cb - eb) ** 2 / eb;
  }
  return upperChisq(x2, bins.length - 1);
}

function counts(values: ArrayLike<number>[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of values) for (let i = 0; i < v.length; i++) m.set(v[i], (m.get(v[i]) ?? 0) + 1);
  return m;
}

function fromRecord(r: Record<string, number>): Map<number, number> {
  return new Map(Object.entries(r).map(([k, v]) => [Number(k), v]));
}

describe("the NUTS transition kernel as Stan's", () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const model: LogDensity = c.data.y_groups ? hierarchicalNormal(c.data.y_groups.map((g) => Float64Array.from(g))) : correlatedNormal(0.9);
      const chains = sampleChains(model, { seed: 31, chains: c.chains, init: Float64Array.from(c.init), settings: { iter: c.iter, warmup: 0, stepsize: c.stepsize } });
      const pDepth = homogeneityP(counts(chains.map((r) => r.treedepth)), fromRecord(c.treedepth));
      const pSteps = homogeneityP(counts(chains.map((r) => r.nLeapfrog)), fromRecord(c.n_leapfrog));
      expect(pDepth, 'treedepth__ distribution').toBeGreaterThan(0.001);
      expect(pSteps, 'n_leapfrog__ distribution').toBeGreaterThan(0.001);
      const accept = chains.map((r) => r.acceptStat);
      const ess = essMean(accept);
      const acc = mean(Float64Array.from(accept.flatMap((a) => [...a])));
      expect(Math.abs(acc - c.mean_accept_stat), 'mean accept_stat').toBeLessThan(4 * c.sd_accept_stat * Math.sqrt(2 / ess));
    });
  }
});
