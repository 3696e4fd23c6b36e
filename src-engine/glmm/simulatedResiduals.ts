/**
 * Simulated (quantile) residuals, DHARMa's method (Hartig): simulate the response nsim times from the
 * fitted GLMM, new random effects each time (simulate.ts, as DHARMa does for lme4 by default), and
 * for each observation take where it falls among its simulations — uniform on [0, 1] when the model
 * is right, whatever the family. Counts are made continuous as DHARMa does, by adding U(−½, ½) to the
 * observation and to each simulation. Then DHARMa's three tests: uniformity (Kolmogorov–Smirnov),
 * dispersion (the variance of observed − fitted against the same for each simulation) and
 * zero-inflation (observed zeros against simulated). Everything is seeded, so a saved fit shows the
 * same plots.
 */
import { rngFor } from '../inference/bootstrap';
import { type SimulatedResidualsInfo } from '../lmm/fitReport';
import { type GlmmFit } from './fitGlmm';
import { simulateResponse } from './simulate';

export const DEFAULT_NSIM = 250;
export const DEFAULT_SEED = 20240601;

/** Counts behind each observation: successes for binomial (y × trials), the count for Poisson. */
function countScale(fit: GlmmFit): Float64Array {
  const { design, resp } = fit.model;
  return design.trials ? resp.n : resp.weights;
}

/** Kolmogorov's asymptotic P(D > d) with Stephens' small-sample correction. */
export function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1;
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    s += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, s));
}

/** Two-sided simulation p-value of an observed statistic against its simulated values, as DHARMa. */
function twoSided(observed: number, simulated: Float64Array): number {
  let ge = 0;
  let le = 0;
  for (const v of simulated) {
    if (v >= observed) ge++;
    if (v <= observed) le++;
  }
  return Math.min(1, 2 * Math.min(ge, le) / simulated.length);
}

function variance(x: Float64Array): number {
  let m = 0;
  for (const v of x) m += v / x.length;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s / (x.length - 1);
}

/** "= .023" or "< .001", as APA writes p. */
const pText = (x: number) => (x >= 0.001 ? `= ${x.toFixed(3).replace(/^0/, '')}` : '< .001');

export function simulatedResiduals(fit: GlmmFit, nsim = DEFAULT_NSIM, seed = DEFAULT_SEED): { scaled: number[]; info: SimulatedResidualsInfo } {
  const { family, resp } = fit.model;
  const n = resp.y.length;
  const m = countScale(fit);
  const binomial = family.name === 'binomial';
  // DHARMa randomises only integer responses; Gamma, inverse.gaussian and gaussian are continuous
  const counts = binomial || family.name === 'poisson';
  const observed = Float64Array.from(resp.y, (y, i) => (binomial ? y * m[i] : y));
  // simulations by observation: sims[i * nsim + k]
  const sims = new Float64Array(n * nsim);
  for (let k = 0; k < nsim; k++) {
    const y = simulateResponse(fit, seed, k);
    for (let i = 0; i < n; i++) sims[i * nsim + k] = binomial ? Math.round(y[i] * m[i]) : y[i];
  }
  return dharmaFromSimulations(observed, sims, nsim, seed, { counts, familyName: family.name });
}

/**
 * DHARMa's scaled residuals and its three tests from the observed responses and nsim simulations per
 * observation (sims[i * nsim + k]); `counts` randomises integer responses as DHARMa does. Shared by
 * glmer fits and the glmmTMB-style count fits (src-engine/tmb/simulateTmb.ts).
 */
export function dharmaFromSimulations(observed: Float64Array, sims: Float64Array, nsim: number, seed: number, opts: { counts: boolean; familyName: string }): { scaled: number[]; info: SimulatedResidualsInfo } {
  const n = observed.length;
  const { counts } = opts;
  const jitter = counts ? 1 : 0;
  const fitted = new Float64Array(n);
  // PIT with DHARMa's integer randomisation, from its own stream
  const u = rngFor(seed, nsim + 1);
  const scaled = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const obs = observed[i] + jitter * (u() - 0.5);
    let below = 0;
    for (let k = 0; k < nsim; k++) if (sims[i * nsim + k] + jitter * (u() - 0.5) <= obs) below++;
    scaled[i] = below / nsim;
  }

  // uniformity: Kolmogorov–Smirnov against U(0, 1)
  const sorted = [...scaled].sort((a, b) => a - b);
  let D = 0;
  sorted.forEach((v, i) => (D = Math.max(D, (i + 1) / n - v, v - i / n)));
  const ksP = ksPValue(D, n);

  // dispersion: var(observed − expected) against var(simulated − expected) per simulation, with the
  // expectation taken over the simulations themselves (new random effects each time), so observed and
  // simulated spreads include the same random-effect variation
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < nsim; k++) s += sims[i * nsim + k];
    fitted[i] = s / nsim;
  }
  const obsSpread = variance(Float64Array.from(observed, (v, i) => v - fitted[i]));
  const simSpread = new Float64Array(nsim);
  const column = new Float64Array(n);
  for (let k = 0; k < nsim; k++) {
    for (let i = 0; i < n; i++) column[i] = sims[i * nsim + k] - fitted[i];
    simSpread[k] = variance(column);
  }
  const meanSpread = simSpread.reduce((s, v) => s + v, 0) / nsim;
  const dispRatio = obsSpread / meanSpread;
  const dispP = twoSided(obsSpread, simSpread);

  // zero-inflation: observed zeros against the simulated numbers of zeros
  let obsZeros = 0;
  for (const v of observed) if (v === 0) obsZeros++;
  const simZeros = new Float64Array(nsim);
  for (let k = 0; k < nsim; k++) for (let i = 0; i < n; i++) if (sims[i * nsim + k] === 0) simZeros[k]++;
  const meanZeros = simZeros.reduce((s, v) => s + v, 0) / nsim;
  const zeroInflation = counts && (meanZeros > 0 || obsZeros > 0) ? { observed: obsZeros, expected: meanZeros, ratio: meanZeros > 0 ? obsZeros / meanZeros : Infinity, pValue: twoSided(obsZeros, simZeros), simulated: Array.from(simZeros) } : null;

  const readings = [
    ksP < 0.05
      ? `The residuals are not uniform (KS D = ${D.toFixed(3)}, p ${pText(ksP)}): the distribution or the link does not fit the data; look at the Q–Q plot for where.`
      : `The residuals look uniform (KS p ${pText(ksP)}): no sign that the distribution is wrong.`,
    dispP < 0.05
      ? dispRatio > 1
        ? counts && opts.familyName.includes('nbinom')
          ? `Overdispersion: the data vary ${dispRatio.toFixed(2)} times as much as the ${opts.familyName} model allows (p ${pText(dispP)}); standard errors are too small. Try the other negative binomial, a dispersion formula or a missing covariate.`
          : counts
          ? `Overdispersion: the data vary ${dispRatio.toFixed(2)} times as much as the model allows (p ${pText(dispP)}); standard errors are too small. Add an observation-level random effect (1 | obs), or use a negative binomial model.`
          : `The data vary ${dispRatio.toFixed(2)} times as much as the fitted scale allows (p ${pText(dispP)}): the variance function of the ${opts.familyName} family may not fit the data; look at the residuals against predicted.`
        : `Underdispersion: the data vary less than the model expects (ratio ${dispRatio.toFixed(2)}, p ${pText(dispP)}); tests are conservative.`
      : `Dispersion as the model expects (ratio ${dispRatio.toFixed(2)}, p ${pText(dispP)}).`,
  ];
  if (zeroInflation) {
    readings.push(
      zeroInflation.pValue < 0.05 && zeroInflation.ratio > 1
        ? `More zeros than the model predicts (${zeroInflation.observed} observed, ${zeroInflation.expected.toFixed(1)} expected, p ${pText(zeroInflation.pValue)}): consider a zero-inflated or hurdle model.`
        : `Zeros as the model predicts (${zeroInflation.observed} observed, ${zeroInflation.expected.toFixed(1)} expected, p ${pText(zeroInflation.pValue)}).`,
    );
  }
  return {
    scaled,
    info: {
      nsim,
      seed,
      uniformity: { D, pValue: ksP },
      // the simulated spreads on the ratio's scale, so the plot shows the observed ratio among them
      dispersion: { ratio: dispRatio, pValue: dispP, simulated: Array.from(simSpread, (v) => v / meanSpread) },
      zeroInflation,
      readings,
    },
  };
}
