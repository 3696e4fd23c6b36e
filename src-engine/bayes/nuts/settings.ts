/** Sampler settings, named and defaulted as CmdStan's (num_warmup, adapt delta, max_depth, …). */
export interface NutsSettings {
  /** Total iterations per chain, warm-up included (brms's iter). */
  iter: number;
  /** Warm-up iterations (brms's warmup; Stan's num_warmup). */
  warmup: number;
  /** Target mean accept_stat (adapt_delta). */
  delta: number;
  gamma: number;
  kappa: number;
  t0: number;
  maxTreedepth: number;
  /** Energy error that flags a divergence (Stan's max_deltaH). */
  maxDeltaH: number;
  /** Random inits are uniform(−initRadius, initRadius) on the unconstrained scale. */
  initRadius: number;
  initBuffer: number;
  termBuffer: number;
  window: number;
  /** Initial step size (Stan's stepsize = 1); also sets the first dual-averaging μ = log(10·ε). */
  stepsize: number;
}

export const defaultNutsSettings: NutsSettings = {
  iter: 2000,
  warmup: 1000,
  delta: 0.8,
  gamma: 0.05,
  kappa: 0.75,
  t0: 10,
  maxTreedepth: 10,
  maxDeltaH: 1000,
  initRadius: 2,
  initBuffer: 75,
  termBuffer: 50,
  window: 25,
  stepsize: 1,
};
