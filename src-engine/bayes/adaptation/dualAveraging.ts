/**
 * Stan's stepsize_adaptation: Nesterov dual averaging of log ε towards a mean accept_stat of δ
 * (Hoffman & Gelman 2014, §3.2). During warm-up ε = exp(x); at its end ε = exp(x̄).
 */
export interface DualAveragingSettings {
  delta: number;
  gamma: number;
  kappa: number;
  t0: number;
}

export class DualAveraging {
  private counter = 0;
  private sBar = 0;
  private xBar = 0;
  mu: number;

  constructor(private readonly settings: DualAveragingSettings, initialStepsize: number) {
    this.mu = Math.log(10 * initialStepsize);
  }

  restart(): void {
    this.counter = 0;
    this.sBar = 0;
    this.xBar = 0;
  }

  /** The next ε after a transition with this accept_stat. */
  learnStepsize(acceptStat: number): number {
    const { delta, gamma, kappa, t0 } = this.settings;
    this.counter++;
    const alpha = acceptStat > 1 ? 1 : acceptStat;
    const eta = 1 / (this.counter + t0);
    this.sBar = (1 - eta) * this.sBar + eta * (delta - alpha);
    const x = this.mu - (this.sBar * Math.sqrt(this.counter)) / gamma;
    const xEta = Math.pow(this.counter, -kappa);
    this.xBar = (1 - xEta) * this.xBar + xEta * x;
    return Math.exp(x);
  }

  /** The step size for sampling: exp(x̄). */
  finalStepsize(): number {
    return Math.exp(this.xBar);
  }
}
