/**
 * posterior's effective sample sizes. essBasic is .ess: the multi-chain autocorrelation
 * ρ̂_t = 1 − (W − mean acov_t)/var⁺, summed over Geyer's initial positive sequence made monotone,
 * with the antithetic-friendly τ̂ = −1 + 2Σρ̂ + ρ̂_{T+1} and the cap τ̂ ≥ 1/log10(MN).
 * ess_bulk uses it on z-scaled split chains, ess_tail on the indicators of the 5% and 95% quantiles.
 */
import { autocovariance } from './autocovariance';
import { type ChainDraws, mean, pooled, shouldReturnNA, variance } from './draws';
import { quantile } from './quantile';
import { splitChains } from './splitChains';
import { zScale } from './zScale';

export function essBasic(x: ChainDraws): number {
  const nchains = x.length;
  const niterations = x[0].length;
  if (niterations < 3 || shouldReturnNA(x)) return NaN;
  const acovMeans = new Float64Array(niterations);
  for (const c of x) {
    const ac = autocovariance(c);
    for (let t = 0; t < niterations; t++) acovMeans[t] += ac[t];
  }
  for (let t = 0; t < niterations; t++) acovMeans[t] /= nchains;
  const meanVar = (acovMeans[0] * niterations) / (niterations - 1);
  let varPlus = (meanVar * (niterations - 1)) / niterations;
  if (nchains > 1) varPlus += variance(Float64Array.from(x, (c) => mean(c)));

  // rhoHat[k] is R's rho_hat_t[k + 1]
  const rhoHat = new Float64Array(niterations);
  let t = 0;
  let rhoEven = 1;
  rhoHat[0] = rhoEven;
  let rhoOdd = 1 - (meanVar - acovMeans[1]) / varPlus;
  rhoHat[1] = rhoOdd;
  while (t < niterations - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = 1 - (meanVar - acovMeans[t]) / varPlus;
    rhoOdd = 1 - (meanVar - acovMeans[t + 1]) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rhoHat[t] = rhoEven;
      rhoHat[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rhoHat[maxT] = rhoEven;
  // Geyer's initial monotone sequence
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rhoHat[t] + rhoHat[t + 1] > rhoHat[t - 2] + rhoHat[t - 1]) {
      rhoHat[t] = (rhoHat[t - 2] + rhoHat[t - 1]) / 2;
      rhoHat[t + 1] = rhoHat[t];
    }
  }
  const ess = nchains * niterations;
  // R: sum(rho_hat_t[1:max_t]); with max_t = 0 that is 1:0 = rho_hat_t[1] + rho_hat_t[0] = rho_hat_t[1]
  let sum = 0;
  if (maxT === 0) sum = rhoHat[0];
  else for (let k = 0; k < maxT; k++) sum += rhoHat[k];
  let tauHat = -1 + 2 * sum + rhoHat[maxT];
  const tauBound = 1 / Math.log10(ess);
  if (tauHat < tauBound) tauHat = tauBound;
  return ess / tauHat;
}

export function essBulk(x: ChainDraws): number {
  return essBasic(zScale(splitChains(x)));
}

/** ess_mean: the ESS for the posterior mean (no rank normalization). */
export function essMean(x: ChainDraws): number {
  return essBasic(splitChains(x));
}

/** posterior's ess_quantile for one probability: ESS of the split indicator x ≤ q̂_prob. */
export function essQuantile(x: ChainDraws, prob: number): number {
  if (shouldReturnNA(x)) return NaN;
  const all = pooled(x);
  const p = prob === 1 ? (all.length - 0.5) / all.length : prob;
  const q = quantile(all, p);
  const indicator = x.map((c) => c.map((v) => (v <= q ? 1 : 0)));
  return essBasic(splitChains(indicator));
}

export function essTail(x: ChainDraws): number {
  const q05 = essQuantile(x, 0.05);
  const q95 = essQuantile(x, 0.95);
  return Number.isNaN(q05) || Number.isNaN(q95) ? NaN : Math.min(q05, q95);
}
