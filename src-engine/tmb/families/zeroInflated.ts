/**
 * Zero inflation on top of a density of families/ with mass at zero (genpois, betabinomial, tweedie), as glmmTMB
 * adds it: with π = invlogit(ζ), a zero has ℓ = log(π + (1 − π) e^g₀), a count log(1 − π) + g. At a
 * zero ℓ = F(g₀) − log(1 + e^ζ) with F(u) = log(e^ζ + e^u), whose F′ = w = e^g₀/(e^ζ + e^g₀) (the chance
 * the zero came from the count distribution), F″ = w(1 − w), F‴ = w(1 − w)(1 − 2w); the chain rule
 * carries g₀'s partials in η, κ and ψ through F (as densityPartials.ts's compose does for the counts).
 */
import { D, N_PARTIALS } from '../densityPartials';
import { type FamilyDensity } from './familyDensity';

export interface ZeroInflatedDensity {
  logDensity(i: number, y: number, eta: number, phi: number, pi: number): number;
  partials(i: number, y: number, eta: number, kappa: number, zeta: number, out: Float64Array, o: number): void;
}

export function zeroInflated(d: FamilyDensity): ZeroInflatedDensity {
  const g = new Float64Array(N_PARTIALS);
  return {
    logDensity(i, y, eta, phi, pi) {
      const l = d.logDensity(i, y, eta, phi);
      if (pi === 0) return l;
      return y === 0 ? Math.log(pi + (1 - pi) * Math.exp(l)) : Math.log1p(-pi) + l;
    },
    partials(i, y, eta, kappa, zeta, out, o) {
      d.partials(i, y, eta, kappa, out, o);
      if (zeta === -Infinity) return;
      const pi = 1 / (1 + Math.exp(-zeta));
      // −log(1 + e^ζ)'s ζζ and ζζζ partials, in every ℓ (random effects in the zero-inflation formula need them)
      out[o + D.zz] = -pi * (1 - pi);
      out[o + D.zzz] = -pi * (1 - pi) * (1 - 2 * pi);
      if (y > 0) {
        out[o + D.z] = -pi;
        return;
      }
      const g0 = d.logDensity(i, 0, eta, Math.exp(kappa));
      g.set(out.subarray(o, o + N_PARTIALS));
      const w = 1 / (1 + Math.exp(zeta - g0)), w1 = 1 - w;
      const f2 = w * w1, f3 = f2 * (w1 - w);
      const ge = g[D.e], gee = g[D.ee];
      out[o + D.e] = w * ge;
      out[o + D.ee] = f2 * ge * ge + w * gee;
      out[o + D.eee] = f3 * ge * ge * ge + 3 * f2 * ge * gee + w * g[D.eee];
      // κ and ψ alike: ℓ_v = w g_v, ℓ_ηv = F″ g_η g_v + w g_ηv, ℓ_ηηv = F‴ g_η² g_v + F″(g_ηη g_v + 2 g_η g_ηv) + w g_ηηv
      // with F_ζ = 1 − w, F_ζg = −F″, F_ζζ = F″, F_ζζg = F‴, F_ζζζ = −F‴: ℓ_ζv = −F″ g_v,
      // ℓ_ηζv = −F‴ g_η g_v − F″ g_ηv, ℓ_ζζv = F‴ g_v
      for (const [v, ev, eev, zv, ezv, zzv] of [[D.k, D.ek, D.eek, D.zk, D.ezk, D.zzk], [D.p, D.ep, D.eep, D.zp, D.ezp, D.zzp]] as const) {
        out[o + v] = w * g[v];
        out[o + ev] = f2 * ge * g[v] + w * g[ev];
        out[o + eev] = f3 * ge * ge * g[v] + f2 * (gee * g[v] + 2 * ge * g[ev]) + w * g[eev];
        out[o + zv] = -f2 * g[v];
        out[o + ezv] = -f3 * ge * g[v] - f2 * g[ev];
        out[o + zzv] = f3 * g[v];
      }
      out[o + D.z] = w1 - pi;
      out[o + D.ez] = -f2 * ge;
      out[o + D.eez] = -(f3 * ge * ge + f2 * gee);
      out[o + D.zz] += f2;
      out[o + D.zzz] -= f3;
      out[o + D.ezz] = f3 * ge;
    },
  };
}
