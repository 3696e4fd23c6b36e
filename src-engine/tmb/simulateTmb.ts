/**
 * New responses from a fitted glmmTMB-style GLMM, as glmmTMB's simulate(m) (and DHARMa on it): new
 * random effects b* = B e, e ~ N(0, I), per level of every term (k effects together; Σ̂ = B Bᵀ from
 * θ as the fit's, reCovariance.ts), η* = Xβ̂ + offset + Z b* and ζ* = Xzi β̂zi + Zzi b*zi, then y* from the
 * family (familyDraw.ts) with the zero part: zero inflation draws a structural zero with probability
 * π, else from the family; a hurdle draws a zero with probability π, else a count from the zero-
 * truncated distribution (by rejection). Then DHARMa's scaled residuals and its tests (dispersion,
 * zero inflation, uniformity) from nsim such simulations with a fixed seed, each on its own stream.
 */
import { DEFAULT_NSIM, DEFAULT_SEED, dharmaFromSimulations } from '../glmm/simulatedResiduals';
import { normals, rngFor } from '../inference/bootstrap';
import { type SimulatedResidualsInfo } from '../lmm/fitReport';
import { isTruncated, type TmbFamilyName } from './countDensity';
import { countMean } from './countMean';
import { familyDraw } from './familyDraw';
import { invlogit } from './families/logitLink';
import { type TmbFit } from './fitTmb';
import { termCovariance, thetaCount } from './reCovariance';
import { type TmbModel } from './tmbModel';

/** A truncated draw that has not left zero after this many tries is taken as 1 (μ so small that P(y > 1 | y > 0) is negligible). */
const MAX_REJECT = 1000;

/** The families whose responses are counts (DHARMa randomises integer responses, and tests their zeros). */
const INTEGER: readonly TmbFamilyName[] = ['poisson', 'nbinom2', 'nbinom1', 'truncated_poisson', 'truncated_nbinom2', 'genpois', 'betabinomial'];

export function simulateTmb(model: TmbModel, fit: TmbFit, seed: number, stream: number): Float64Array {
  const { cond, zi, disp } = model.designs;
  const n = model.n, p = cond.p, pz = zi?.p ?? 0, pd = disp?.p ?? 0;
  const uniform = rngFor(seed, stream);
  const z = normals(uniform);
  const eta = new Float64Array(n), zeta = new Float64Array(n).fill(-Infinity);
  const lin = (X: Float64Array, from: number, width: number, i: number) => {
    let s = 0;
    for (let j = 0; j < width; j++) s += X[j * n + i] * fit.par[from + j];
    return s;
  };
  for (let i = 0; i < n; i++) {
    eta[i] = lin(cond.X, 0, p, i) + (cond.offset ? cond.offset[i] : 0);
    if (zi) zeta[i] = lin(zi.X, p, pz, i);
  }
  // new effects per level, L z with Σ = L Lᵀ, added to η (conditional terms) or ζ (zero-inflation terms)
  let th = p + pz + pd;
  const reterms = [...cond.reterms.map((t) => ({ t, lp: eta })), ...(zi?.reterms ?? []).map((t) => ({ t, lp: zeta }))];
  reterms.forEach(({ t, lp }, u) => {
    const k = t.termNames.length, structure = model.reTerms[u].structure, nth = thetaCount(k, structure);
    const L = termCovariance(k, structure, fit.par.subarray(th, th + nth)).factor;
    th += nth;
    const b = new Float64Array(t.levels.length * k);
    const e = new Float64Array(k);
    for (let l = 0; l < t.levels.length; l++) {
      for (let c = 0; c < k; c++) e[c] = z();
      for (let a = 0; a < k; a++) for (let c = 0; c <= a; c++) b[l * k + a] += L[a * k + c] * e[c];
    }
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) lp[i] += t.z[i * k + c] * b[t.refs[i] * k + c];
  });
  const f = fit.family;
  // tweedie's power p = 1 + invlogit(psi), psi after θ
  const power = f === 'tweedie' ? 1 + invlogit(fit.par[fit.par.length - 1]) : undefined;
  const draw = familyDraw(f, uniform, { size: model.size, power });
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const phi = disp ? Math.exp(lin(disp.X, p + pz, pd, i)) : 1;
    // the untruncated mean (the hurdle's conditional mean is the truncated one)
    const mu = isTruncated(f) ? Math.exp(eta[i]) : countMean(f, eta[i], 0, -Infinity).cond;
    const pi = zeta[i] === -Infinity ? 0 : invlogit(zeta[i]);
    if (pi > 0 && uniform() < pi) continue; // a (structural) zero
    if (!isTruncated(f)) { y[i] = draw(i, mu, phi); continue; }
    let v = 0;
    for (let tries = 0; v === 0 && tries < MAX_REJECT; tries++) v = draw(i, mu, phi);
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
  return dharmaFromSimulations(Float64Array.from(model.y), sims, nsim, seed, { counts: INTEGER.includes(fit.family), familyName: fit.family });
}
