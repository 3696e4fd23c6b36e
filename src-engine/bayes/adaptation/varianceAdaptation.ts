/**
 * Stan's var_adaptation: a Welford estimate of each coordinate's variance over the slow window's
 * draws; at the window's end the inverse metric becomes the estimate shrunk towards 1e-3,
 * (n/(n+5))·var + 1e-3·5/(n+5), which keeps short windows from producing a degenerate metric.
 */
import { QuadratError } from '../../errors/quadratError';
import { AdaptationWindows, type WindowSettings } from './adaptationWindows';

export class VarianceAdaptation {
  private readonly windows: AdaptationWindows;
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(dim: number, settings: WindowSettings) {
    this.windows = new AdaptationWindows(settings);
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }

  get notes(): readonly string[] {
    return this.windows.notes;
  }

  private addSample(q: Float64Array): void {
    this.n++;
    for (let i = 0; i < q.length; i++) {
      const delta = q[i] - this.mean[i];
      this.mean[i] += delta / this.n;
      this.m2[i] += (q[i] - this.mean[i]) * delta;
    }
  }

  /** Feeds one warm-up draw; returns true when it closed a window and wrote a new invMetric. */
  learnVariance(invMetric: Float64Array, q: Float64Array): boolean {
    const w = this.windows;
    if (w.inWindow()) this.addSample(q);
    if (w.atWindowEnd()) {
      w.computeNextWindow();
      const n = this.n;
      for (let i = 0; i < invMetric.length; i++) {
        // Stan's Welford estimator leaves the variance as it was when it has fewer than 2 draws
        const v = n > 1 ? this.m2[i] / (n - 1) : invMetric[i];
        invMetric[i] = (n / (n + 5)) * v + 1e-3 * (5 / (n + 5));
        if (!Number.isFinite(invMetric[i])) {
          throw new QuadratError('fit', 'Numerical overflow in metric adaptation: the posterior has an extremely large variance in some direction. Check the model and its priors (an improper or very vague prior is the usual cause).');
        }
      }
      this.n = 0;
      this.mean.fill(0);
      this.m2.fill(0);
      w.advance();
      return true;
    }
    w.advance();
    return false;
  }
}
