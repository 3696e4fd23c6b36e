/**
 * The closed-form partials of glmmTMB's other families (src-engine/tmb/families: beta_family,
 * betabinomial, tweedie with its power parameter ψ, genpois, Gamma, lognormal, gaussian) against central differences of the
 * log density and of the next-lower partial, in η, κ = log φ and ψ, over the response's range; with
 * zero inflation (ζ = logit π) for genpois, betabinomial and tweedie (families/zeroInflated.ts).
 */
import { describe, expect, it } from 'vitest';
import { type TmbFamilyName } from '../../../src-engine/tmb/countDensity';
import { D, N_PARTIALS } from '../../../src-engine/tmb/densityPartials';
import { allowsZeroInflation } from '../../../src-engine/tmb/countDensity';
import { observationDensity } from '../../../src-engine/tmb/observationDensity';

const H = 1e-4;
const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThan(2e-6 * (1 + Math.abs(b)));

const CASES: { family: TmbFamilyName; ys: number[]; etas: number[]; size?: number; kappas?: number[] }[] = [
  { family: 'beta_family', ys: [0.003, 0.2, 0.5, 0.97], etas: [-2.2, 0.3, 1.7] },
  { family: 'betabinomial', ys: [0, 1, 6, 12], etas: [-2.2, 0.3, 1.7], size: 12 },
  { family: 'tweedie', ys: [0, 0.4, 3, 17, 260.5], etas: [-1.3, 0.7, 2.6] },
  // φ < 1 (under-dispersion) bounds genpois's support (θ + λy > 0); away from that bound
  { family: 'genpois', ys: [0, 1, 3, 17, 60], etas: [-1.3, 0.7, 2.6], kappas: [0.2, 1.4] },
  { family: 'Gamma', ys: [0.02, 1, 3.5, 250], etas: [-1.3, 0.7, 5.5] },
  { family: 'lognormal', ys: [0.02, 1, 3.5, 250], etas: [-1.3, 0.7, 5.5], kappas: [-0.6, 1.4, 4] },
  { family: 'gaussian', ys: [-40, -0.3, 2, 310], etas: [-1.3, 0.7, 250], kappas: [-0.6, 1.4, 6] },
];

describe('log-density partials of glmmTMB’s other families against central differences', () => {
  for (const { family, ys, etas, size, kappas = [-0.6, 1.4] } of CASES) {
    it(family, () => {
      const tweedie = family === 'tweedie';
      const zi = allowsZeroInflation(family);
      const at = (y: number, eta: number, kappa: number, psi: number, zeta: number) => {
        const lyf = lgammaInt(y + 1);
        const d = observationDensity({ family, n: 1, logYFactorial: Float64Array.of(lyf), size: size ? Float64Array.of(size) : undefined }, Float64Array.of(psi));
        const out = new Float64Array(N_PARTIALS);
        d.partials(y, eta, kappa, zeta, out, 0, 0);
        const pi = zeta === -Infinity ? 0 : 1 / (1 + Math.exp(-zeta));
        return { out, value: d.logDensity(y, eta, Math.exp(kappa), pi, lyf, 0) };
      };
      let checked = 0;
      for (const y of ys)
        for (const eta of etas)
          for (const kappa of kappas)
            for (const psi of tweedie ? [-1.5, 0.4] : [0])
              for (const zeta of zi ? [-Infinity, -1.1, 0.9] : [-Infinity]) {
                const p = at(y, eta, kappa, psi, zeta).out;
                const d = (i: number, de: number, dk: number, dp: number, dz = 0) => {
                  const up = at(y, eta + de * H, kappa + dk * H, psi + dp * H, zeta + dz * H), down = at(y, eta - de * H, kappa - dk * H, psi - dp * H, zeta - dz * H);
                  return i < 0 ? (up.value - down.value) / (2 * H) : (up.out[i] - down.out[i]) / (2 * H);
                };
                const tag = `y=${y} η=${eta} κ=${kappa} ψ=${psi} ζ=${zeta}`;
                close(p[D.e], d(-1, 1, 0, 0), `ℓ_η ${tag}`);
                close(p[D.ee], d(D.e, 1, 0, 0), `ℓ_ηη ${tag}`);
                close(p[D.eee], d(D.ee, 1, 0, 0), `ℓ_ηηη ${tag}`);
                close(p[D.k], d(-1, 0, 1, 0), `ℓ_κ ${tag}`);
                close(p[D.ek], d(D.e, 0, 1, 0), `ℓ_ηκ ${tag}`);
                close(p[D.eek], d(D.ee, 0, 1, 0), `ℓ_ηηκ ${tag}`);
                if (tweedie) {
                  close(p[D.p], d(-1, 0, 0, 1), `ℓ_ψ ${tag}`);
                  close(p[D.ep], d(D.e, 0, 0, 1), `ℓ_ηψ ${tag}`);
                  close(p[D.eep], d(D.ee, 0, 0, 1), `ℓ_ηηψ ${tag}`);
                } else expect([p[D.p], p[D.ep], p[D.eep]]).toEqual([0, 0, 0]);
                if (zeta !== -Infinity) {
                  close(p[D.z], d(-1, 0, 0, 0, 1), `ℓ_ζ ${tag}`);
                  close(p[D.ez], d(D.e, 0, 0, 0, 1), `ℓ_ηζ ${tag}`);
                  close(p[D.eez], d(D.ee, 0, 0, 0, 1), `ℓ_ηηζ ${tag}`);
                  // random effects in the zero-inflation formula: the ζζ and ζκ (and ζψ) partials
                  close(p[D.zz], d(D.z, 0, 0, 0, 1), `ℓ_ζζ ${tag}`);
                  close(p[D.ezz], d(D.ez, 0, 0, 0, 1), `ℓ_ηζζ ${tag}`);
                  close(p[D.zzz], d(D.zz, 0, 0, 0, 1), `ℓ_ζζζ ${tag}`);
                  close(p[D.zk], d(D.z, 0, 1, 0), `ℓ_ζκ ${tag}`);
                  close(p[D.ezk], d(D.ez, 0, 1, 0), `ℓ_ηζκ ${tag}`);
                  close(p[D.zzk], d(D.zz, 0, 1, 0), `ℓ_ζζκ ${tag}`);
                  if (tweedie) {
                    close(p[D.zp], d(D.z, 0, 0, 1), `ℓ_ζψ ${tag}`);
                    close(p[D.ezp], d(D.ez, 0, 0, 1), `ℓ_ηζψ ${tag}`);
                    close(p[D.zzp], d(D.zz, 0, 0, 1), `ℓ_ζζψ ${tag}`);
                  }
                } else expect([p[D.z], p[D.ez], p[D.eez], p[D.zz], p[D.zk], p[D.zp]]).toEqual([0, 0, 0, 0, 0, 0]);
                checked++;
              }
      expect(checked).toBeGreaterThan(20);
    });
  }
});

/** log Γ(k) for an integer k ≥ 1 (the genpois constant log y!). */
function lgammaInt(k: number): number {
  let s = 0;
  for (let j = 2; j < k; j++) s += Math.log(j);
  return s;
}
