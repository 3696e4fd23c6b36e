/**
 * One observation's log density and its partials for any of glmmTMB's families, as the Laplace inner
 * loop and the exact gradient call them (with the observation's index i): the count layer
 * (countDensity.ts, densityPartials.ts: zero inflation, hurdles, truncation) or a family of families/.
 * Made once per evaluation, with that evaluation's family parameter ψ.
 */
import { isOtherFamily, logDensityOf, type TmbFamilyName } from './countDensity';
import { densityPartialsOf, N_PARTIALS } from './densityPartials';
import { betaDensity } from './families/beta';
import { betabinomialDensity } from './families/betabinomial';
import { type FamilyDensity } from './families/familyDensity';
import { gammaDensity } from './families/gamma';
import { gaussianDensity } from './families/gaussian';
import { genpoisDensity } from './families/genpois';
import { lognormalDensity } from './families/lognormal';
import { tweedieDensity } from './families/tweedie';
import { zeroInflated } from './families/zeroInflated';

export interface DensityProblem {
  readonly family: TmbFamilyName;
  readonly n: number;
  readonly logYFactorial: Float64Array;
  /** betabinomial: trials per observation */
  readonly size?: Float64Array;
}

export interface ObservationDensity {
  logDensity(y: number, eta: number, phi: number, pi: number, logYFactorial: number, i: number): number;
  partials(y: number, eta: number, kappa: number, zeta: number, out: Float64Array, o: number, i: number): void;
}

export function familyDensity(p: DensityProblem, psi: Float64Array): FamilyDensity {
  switch (p.family) {
    case 'beta_family': return betaDensity();
    case 'betabinomial': return betabinomialDensity(p.size ?? new Float64Array(p.n).fill(1));
    case 'Gamma': return gammaDensity();
    case 'gaussian': return gaussianDensity();
    case 'genpois': return genpoisDensity(p.logYFactorial);
    case 'lognormal': return lognormalDensity();
    case 'tweedie': return tweedieDensity(p.n, psi[0]);
    default: throw new Error(`no family density for ${p.family}`);
  }
}

export function observationDensity(p: DensityProblem, psi: Float64Array): ObservationDensity {
  const f = p.family;
  if (!isOtherFamily(f)) {
    // their functions take no index (it is the last argument, so they simply ignore it)
    return { logDensity: logDensityOf(f), partials: densityPartialsOf(f) };
  }
  const d = zeroInflated(familyDensity(p, psi));
  return {
    logDensity: (y, eta, phi, pi, _lyf, i) => d.logDensity(i, y, eta, phi, pi),
    partials: (y, eta, kappa, zeta, out, o, i) => {
      out.fill(0, o, o + N_PARTIALS);
      d.partials(i, y, eta, kappa, zeta, out, o);
    },
  };
}
