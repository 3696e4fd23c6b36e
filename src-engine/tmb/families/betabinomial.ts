/**
 * glmmTMB's betabinomial: y successes of n trials (cbind(successes, failures)), success probability
 * drawn from a beta with mean μ = invlogit(η) and precision φ (a = μφ, b = (1 − μ)φ):
 *   ℓ = log C(n, y) + lΓ(y + a) − lΓ(a) + lΓ(n − y + b) − lΓ(b) − lΓ(n + φ) + lΓ(φ).
 * The lΓ differences' derivatives are the ψ differences of gammaDifferences.ts (finite sums for counts).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { gammaDifferences } from '../gammaDifferences';
import { type FamilyDensity } from './familyDensity';
import { invlogit, logitChain } from './logitLink';

export function betabinomialDensity(size: Float64Array): FamilyDensity {
  const da = new Float64Array(3), db = new Float64Array(3), dn = new Float64Array(3);
  return {
    logDensity(i, y, eta, phi) {
      const n = size[i], mu = invlogit(eta), a = mu * phi, b = (1 - mu) * phi;
      return gammaln(n + 1) - gammaln(y + 1) - gammaln(n - y + 1)
        + gammaln(y + a) - gammaln(a) + gammaln(n - y + b) - gammaln(b) - gammaln(n + phi) + gammaln(phi);
    },
    partials(i, y, eta, kappa, out, o) {
      const n = size[i], phi = Math.exp(kappa), mu = invlogit(eta), a = mu * phi, b = (1 - mu) * phi;
      gammaDifferences(y, a, da);
      gammaDifferences(n - y, b, db);
      gammaDifferences(n, phi, dn);
      const phi2 = phi * phi;
      const lm = phi * (da[0] - db[0]);
      const lmm = phi2 * (da[1] + db[1]);
      const lmmm = phi2 * phi * (da[2] - db[2]);
      const lk = a * da[0] + b * db[0] - phi * dn[0];
      const lmk = lm + phi * (a * da[1] - b * db[1]);
      const lmmk = 2 * lmm + phi2 * (a * da[2] + b * db[2]);
      logitChain(mu, lm, lmm, lmmm, lk, lmk, lmmk, out, o);
    },
  };
}
