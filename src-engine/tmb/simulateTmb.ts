/**
 * New responses from a fitted count GLMM, as glmmTMB's simulate(m) (and DHARMa on it): new random
 * effects b* ~ N(0, σ̂²) per level, η* = Xβ̂ + offset + Zb*, then y* from the family with the zero
 * part: zero inflation draws a structural zero with probability π, else a count; a hurdle draws a zero
 * with probability π, else a count from the zero-truncated distribution (by rejection). The negative
 * binomials as gamma–Poisson mixtures: NB2 λ ~ Gamma(φ, φ/μ), NB1 λ ~ Gamma(μ/φ, 1/φ) (shape, rate).
 * Then DHARMa's scaled residuals and its tests (dispersion, zero inflation, uniformity) from nsim such
 * simulations with a fixed seed, each simulation on its own stream.
 */
import gammaFactory from '@stdlib/random-base-gamma';
import poissonFactory from '@stdlib/random-base-poisson';
import { DEFAULT_NSIM, DEFAULT_SEED, dharmaFromSimulations } from '../glmm/simulatedResiduals';
import { normals, rngFor } from '../inference/bootstrap';
import { type SimulatedResidualsInfo } from '../lmm/fitReport';
import { isTruncated } from './countDensity';
import { type TmbFit } from './fitTmb';
import { type TmbModel } from './tmbModel';

/** A truncated draw that has not left zero after this many tries is taken as 1 (μ so small that P(y > 1 | y > 0) is negligible). */
const MAX_REJECT = 1000;

export function simulateTmb(model: TmbModel, fit: TmbFit, seed: number, stream: number): Float64Array {
  const { cond, zi, disp } = model.designs;
  const n = model.n, p = cond.p, pz = zi?.p ?? 0, pd = disp?.p ?? 0;
  const uniform = rngFor(seed, stream);
  const z = normals(uniform);
  const prng = () => uniform();
  const drawPoisson = poissonFactory.factory({ prng });
  // stdlib's Poisson gives NaN at λ = 0, which a gamma draw of tiny shape (NB1 at small μ) returns
  const poisson = (lambda: number) => (lambda > 0 ? drawPoisson(lambda) : 0);
  const gamma = gammaFactory.factory({ prng });
  const b = cond.reterms.map((t, k) => {
    const sd = Math.exp(fit.par[p + pz + pd + k]);
    return Float64Array.from(t.levels, () => sd * z());
  });
  const lin = (X: Float64Array, from: number, width: number, i: number) => {
    let s = 0;
    for (let j = 0; j < width; j++) s += X[j * n + i] * fit.par[from + j];
    return s;
  };
  const f = fit.family;
  const count = (mu: number, phi: number): number => {
    if (f === 'poisson' || f === 'truncated_poisson') return poisson(mu);
    if (f === 'nbinom1') return poisson(gamma(mu / phi, 1 / phi));
    return poisson(gamma(phi, phi / mu));
  };
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = lin(cond.X, 0, p, i) + (cond.offset ? cond.offset[i] : 0);
    cond.reterms.forEach((t, k) => (eta += t.z[i] * b[k][t.refs[i]]));
    const mu = Math.exp(eta);
    const phi = disp ? Math.exp(lin(disp.X, p + pz, pd, i)) : 1;
    const pi = zi ? 1 / (1 + Math.exp(-lin(zi.X, p, pz, i))) : 0;
    if (pi > 0 && uniform() < pi) continue; // a (structural) zero
    if (!isTruncated(f)) { y[i] = count(mu, phi); continue; }
    let v = 0;
    for (let tries = 0; v === 0 && tries < MAX_REJECT; tries++) v = count(mu, phi);
    y[i] = v === 0 ? 1 : v;
  }
  return y;
}

/** DHARMa's tests of a count fit from nsim simulations (fixed seed: a saved fit shows the same numbers). */
export function tmbSimulatedTests(model: TmbModel, fit: TmbFit, nsim = DEFAULT_NSIM, seed = DEFAULT_SEED): { scaled: number[]; info: SimulatedResidualsInfo } {
  const n = model.n;
  const sims = new Float64Array(n * nsim);
  for (let k = 0; k < nsim; k++) {
    const y = simulateTmb(model, fit, seed, k);
    for (let i = 0; i < n; i++) sims[i * nsim + k] = y[i];
  }
  return dharmaFromSimulations(Float64Array.from(model.y), sims, nsim, seed, { counts: true, familyName: fit.family });
}
