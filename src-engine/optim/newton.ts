/**
 * Newton's method on finite-difference derivatives, damped à la Levenberg–Marquardt: for a smooth
 * objective of a few parameters once a derivative-free search has found its basin. Each iteration
 * takes the central gradient (2n evaluations) and the Hessian (n(n − 1)/2 more: a cross term from
 * f(x + hᵢeᵢ + hⱼeⱼ) and the points the gradient used), solves (H + λD) d = −g and tries x + d.
 * Where a trust-region method's radius only shrinks, a Newton step crosses a long flat valley at once:
 * nlme's lme with random slopes, corAR1 and varExp took 298 BOBYQA evaluations to 1e-9, and 27 + 105
 * this way to a value as low (docs/nlme.md).
 *
 * The point it converges to is where the central gradient vanishes (O(h²) from the true stationary
 * point); the Hessian's O(h) error slows the convergence only. No bounds: the caller's parameters are
 * unconstrained.
 */
import { dpotrf, dpotrs } from '../linalg/lapack';
import { gradientHessian } from './centralDifferences';
import { throwIfCancelled } from './evaluator';

export interface NewtonSettings {
  /** The finite differences' step (the same for every coordinate). */
  readonly h: number;
  /** Converged once an accepted step is below this in every coordinate… */
  readonly stepTol: number;
  /** …or once the quadratic model promises less than this decrease (both for undamped steps). */
  readonly decreaseTol: number;
  /** A damped step gaining less than this ends the run unconverged. */
  readonly crawlGain: number;
  readonly maxIterations: number;
  readonly signal?: { readonly aborted: boolean };
}

export interface NewtonResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly evaluations: number;
  /** False when it stopped without converging (iterations spent, a value not finite, no damping helped). */
  readonly converged: boolean;
}

/** λ's first value when the undamped step fails, its growth, and where it gives up. */
const LAMBDA_FIRST = 1e-3;
const LAMBDA_GROWTH = 10;
const LAMBDA_MAX = 1e10;

export function newtonMinimize(f: (x: Float64Array) => number, x0: Float64Array, f0: number, s: NewtonSettings): NewtonResult {
  const n = x0.length;
  let x = x0.slice();
  let fx = f0;
  let evaluations = 0;
  const evalAt = (y: Float64Array) => {
    throwIfCancelled(s.signal);
    evaluations++;
    return f(y);
  };
  const A = new Float64Array(n * n);
  const lower = new Float64Array(n).fill(-Infinity);
  const stop = (converged: boolean): NewtonResult => ({ x, f: fx, evaluations, converged });
  for (let iter = 0; iter < s.maxIterations; iter++) {
    const { gradient: g, hessian: H } = gradientHessian(evalAt, x, lower, s.h, { oneSided: true, fx });
    if (!g.every(Number.isFinite) || !H.every(Number.isFinite)) return stop(false);
    // undamped first; then λ grows until H + λD is positive definite and the step lowers f
    for (let lambda = 0; ; ) {
      A.set(H);
      for (let i = 0; i < n; i++) A[i * n + i] += lambda * Math.max(Math.abs(H[i * n + i]), 1e-8);
      const { L, info } = dpotrf(A, n);
      if (info === 0) {
        const d = dpotrs(L, n, g);
        let size = 0;
        let promised = 0;
        for (let i = 0; i < n; i++) {
          d[i] = -d[i];
          size = Math.max(size, Math.abs(d[i]));
          promised -= 0.5 * g[i] * d[i];
        }
        const trial = Float64Array.from(x, (v, i) => v + d[i]);
        const ft = evalAt(trial);
        // an undamped step this short, or promising this little, leaves x within rounding of the
        // optimum (Newton's convergence is quadratic: the next step would promise ~ promised²)
        const settled = lambda === 0 && (size < s.stepTol || promised < s.decreaseTol);
        if (ft < fx) {
          const gain = fx - ft;
          x = trial;
          fx = ft;
          if (settled) return stop(true);
          // damped steps that gain next to nothing: a ridge, not a basin (the caller goes on without Newton)
          if (lambda > 0 && gain < s.crawlGain) return stop(false);
          break;
        }
        // no decrease from an undamped step this small: x is the optimum to the differences' accuracy
        if (settled) return stop(true);
      }
      lambda = lambda === 0 ? LAMBDA_FIRST : lambda * LAMBDA_GROWTH;
      if (lambda > LAMBDA_MAX) return stop(false);
    }
  }
  return stop(false);
}
