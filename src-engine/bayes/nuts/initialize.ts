/**
 * Stan's random inits: each coordinate uniform(−R, R) on the unconstrained scale, redrawn (up to 100
 * times) until the log density and its gradient are finite. R = 0 starts at the origin.
 */
import { QuadratError } from '../../errors/quadratError';
import { type LogDensity } from '../logDensity';
import { evalLogDensity } from './leapfrog';
import { type PhasePoint } from './phasePoint';

const MAX_INIT_TRIES = 100;

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

export function initialize(model: LogDensity, z: PhasePoint, uniform: () => number, radius: number, init?: Float64Array): void {
  if (init) {
    if (init.length !== model.dim) throw new QuadratError('input', `The initial values have ${init.length} entries but the model has ${model.dim} parameters.`);
    z.q.set(init);
    z.lp = evalLogDensity(model, z.q, z.grad);
    if (!Number.isFinite(z.lp) || !allFinite(z.grad)) throw new QuadratError('fit', 'The log density or its gradient is not finite at the given initial values. Choose other initial values or use random ones.');
    return;
  }
  for (let attempt = 0; attempt < MAX_INIT_TRIES; attempt++) {
    for (let i = 0; i < z.q.length; i++) z.q[i] = radius === 0 ? 0 : radius * (2 * uniform() - 1);
    z.lp = evalLogDensity(model, z.q, z.grad);
    if (Number.isFinite(z.lp) && allFinite(z.grad)) return;
    if (radius === 0) break;
  }
  throw new QuadratError('fit', `Initialization failed: after ${MAX_INIT_TRIES} random starting points in (−${radius}, ${radius}) the log density or its gradient was never finite. Check the model and the data, or set initial values (or a smaller init radius).`);
}
