/**
 * The closed-form partials of each count family's log density (src-engine/tmb/densityPartials.ts)
 * against central differences of the next-lower partial, over zeros and counts, with and without
 * zero inflation, and counts large enough to take the polygamma path.
 */
import { describe, expect, it } from 'vitest';
import { digamma } from '../../../src-engine/bayes/model/digamma';
import { ZI_FAMILIES, hasDispersion, isTruncated, logDensity } from '../../../src-engine/tmb/countDensity';
import { D, logDensityPartials, N_PARTIALS } from '../../../src-engine/tmb/densityPartials';
import { gammaDifferences, tetragamma, trigamma } from '../../../src-engine/tmb/gammaDifferences';

const H = 1e-4;
const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThan(2e-6 * (1 + Math.abs(b)));

describe('polygamma differences', () => {
  it('trigamma and tetragamma are the derivatives of digamma and trigamma', () => {
    for (const x of [0.03, 0.7, 3.2, 9.99, 10, 47.5, 1e4]) {
      const h = 1e-5 * x;
      close(trigamma(x), (digamma(x + h) - digamma(x - h)) / (2 * h), `ψ′(${x})`);
      close(tetragamma(x), (trigamma(x + h) - trigamma(x - h)) / (2 * h), `ψ″(${x})`);
    }
  });
  it('the finite sums for counts equal the polygamma differences', () => {
    const a = new Float64Array(3);
    for (const [y, k] of [[1, 0.3], [7, 2.5], [150, 0.05], [200, 40]]) {
      gammaDifferences(y, k, a);
      close(a[0], digamma(y + k) - digamma(k), `Δψ(${y}, ${k})`);
      close(a[1], trigamma(y + k) - trigamma(k), `Δψ′(${y}, ${k})`);
      close(a[2], tetragamma(y + k) - tetragamma(k), `Δψ″(${y}, ${k})`);
    }
  });
});

describe('log-density partials against central differences', () => {
  const at = (f: (typeof ZI_FAMILIES)[number], y: number, eta: number, kappa: number, zeta: number) => {
    const out = new Float64Array(N_PARTIALS);
    logDensityPartials(f, y, eta, kappa, zeta, out);
    return out;
  };
  // the count layer's families (the others: familyPartials.test.ts)
  for (const f of ZI_FAMILIES) {
    it(`${f}`, () => {
      let checked = 0;
      for (const y of [0, 1, 3, 17, 260.5])
        for (const eta of [-1.3, 0.7, 2.6])
          for (const kappa of hasDispersion(f) ? [-0.6, 1.4] : [0])
            for (const zeta of [-Infinity, -1.1, 0.9]) {
              if (isTruncated(f) && y === 0 && zeta === -Infinity) continue;
              const p = at(f, y, eta, kappa, zeta);
              // position -1: ℓ itself
              const value = (e: number, k: number, z: number) => logDensity(f, y, e, Math.exp(k), z === -Infinity ? 0 : 1 / (1 + Math.exp(-z)));
              const d = (i: number, de: number, dk: number, dz: number) => {
                const up = [eta + de * H, kappa + dk * H, zeta + dz * H] as const, down = [eta - de * H, kappa - dk * H, zeta - dz * H] as const;
                return i < 0 ? (value(...up) - value(...down)) / (2 * H) : (at(f, y, ...up)[i] - at(f, y, ...down)[i]) / (2 * H);
              };
              const tag = `y=${y} η=${eta} κ=${kappa} ζ=${zeta}`;
              close(p[D.e], d(-1, 1, 0, 0), `ℓ_η ${tag}`);
              close(p[D.ee], d(D.e, 1, 0, 0), `ℓ_ηη ${tag}`);
              close(p[D.eee], d(D.ee, 1, 0, 0), `ℓ_ηηη ${tag}`);
              if (hasDispersion(f)) {
                close(p[D.k], d(-1, 0, 1, 0), `ℓ_κ ${tag}`);
                close(p[D.ek], d(D.e, 0, 1, 0), `ℓ_ηκ ${tag}`);
                close(p[D.eek], d(D.ee, 0, 1, 0), `ℓ_ηηκ ${tag}`);
              } else expect([p[D.k], p[D.ek], p[D.eek]]).toEqual([0, 0, 0]);
              if (zeta !== -Infinity) {
                close(p[D.z], d(-1, 0, 0, 1), `ℓ_ζ ${tag}`);
                close(p[D.ez], d(D.e, 0, 0, 1), `ℓ_ηζ ${tag}`);
                close(p[D.eez], d(D.ee, 0, 0, 1), `ℓ_ηηζ ${tag}`);
                close(p[D.zz], d(D.z, 0, 0, 1), `ℓ_ζζ ${tag}`);
                close(p[D.ezz], d(D.ez, 0, 0, 1), `ℓ_ηζζ ${tag}`);
                close(p[D.zzz], d(D.zz, 0, 0, 1), `ℓ_ζζζ ${tag}`);
                close(p[D.zk], d(D.z, 0, 1, 0), `ℓ_ζκ ${tag}`);
                close(p[D.ezk], d(D.ez, 0, 1, 0), `ℓ_ηζκ ${tag}`);
                close(p[D.zzk], d(D.zz, 0, 1, 0), `ℓ_ζζκ ${tag}`);
              } else expect([p[D.z], p[D.ez], p[D.eez], p[D.zz], p[D.ezz], p[D.zzz], p[D.zk], p[D.ezk], p[D.zzk]]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
              checked++;
            }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
