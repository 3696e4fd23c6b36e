/**
 * The generalized Pareto fit of PSIS (Zhang & Stephens 2009, as loo's gpdfit): an empirical-Bayes
 * average of the profile likelihood over a grid of θ = −k/σ, then the weakly informative adjustment
 * of k towards 0.5 (Vehtari et al. 2024, loo's adjust_k_wip). `x` must be sorted ascending.
 */
export interface GpdFit {
  k: number;
  sigma: number;
}

const PRIOR = 3;
const MIN_GRID_POINTS = 30;

export function gpdfit(x: ArrayLike<number>): GpdFit {
  const n = x.length;
  const m = MIN_GRID_POINTS + Math.floor(Math.sqrt(n));
  // first quartile of the sample, R's x[floor(N / 4 + 0.5)]
  const xstar = x[Math.floor(n / 4 + 0.5) - 1];
  const theta = new Float64Array(m);
  const lTheta = new Float64Array(m);
  let lMax = -Infinity;
  for (let j = 0; j < m; j++) {
    theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 1 - 0.5))) / PRIOR / xstar;
    lTheta[j] = n * profileLogLik(theta[j], x);
    if (lTheta[j] > lMax) lMax = lTheta[j];
  }
  let wSum = 0;
  for (let j = 0; j < m; j++) wSum += Math.exp(lTheta[j] - lMax);
  let thetaHat = 0;
  for (let j = 0; j < m; j++) thetaHat += theta[j] * (Math.exp(lTheta[j] - lMax) / wSum);
  let k = 0;
  for (let i = 0; i < n; i++) k += Math.log1p(-thetaHat * x[i]);
  k /= n;
  const sigma = -k / thetaHat;
  k = adjustKWip(k, n);
  return { k: Number.isNaN(k) ? Infinity : k, sigma };
}

/** loo's lx: the profile log-likelihood per observation at θ. */
function profileLogLik(theta: number, x: ArrayLike<number>): number {
  const a = -theta;
  let k = 0;
  for (let i = 0; i < x.length; i++) k += Math.log1p(a * x[i]);
  k /= x.length;
  return Math.log(a / k) - k - 1;
}

function adjustKWip(k: number, n: number): number {
  const a = 10;
  return (k * n) / (n + a) + (a * 0.5) / (n + a);
}
