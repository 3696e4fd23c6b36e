/**
 * One leapfrog step of size ε (Stan's expl_leapfrog: half-step in p, full step in q, half-step in p).
 * A throw from the model other than a QuadratError means q left the support: the log density becomes
 * −∞, the energy +∞, and the step is flagged divergent by the tree builder.
 */
import { type LogDensity } from '../logDensity';
import { isQuadratError } from '../../errors/quadratError';
import { type PhasePoint } from './phasePoint';

export function evalLogDensity(model: LogDensity, q: Float64Array, grad: Float64Array): number {
  let lp: number;
  try {
    lp = model.logDensityGradient(q, grad);
  } catch (e) {
    if (isQuadratError(e)) throw e;
    return -Infinity;
  }
  return Number.isNaN(lp) ? -Infinity : lp;
}

export function leapfrog(model: LogDensity, z: PhasePoint, invMetric: Float64Array, epsilon: number): void {
  const { q, p, grad } = z;
  const n = q.length;
  const half = 0.5 * epsilon;
  for (let i = 0; i < n; i++) p[i] += half * grad[i];
  for (let i = 0; i < n; i++) q[i] += epsilon * invMetric[i] * p[i];
  z.lp = evalLogDensity(model, q, grad);
  for (let i = 0; i < n; i++) p[i] += half * grad[i];
}
