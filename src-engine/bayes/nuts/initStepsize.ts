/**
 * Stan's base_hmc::init_stepsize: from the current q, one leapfrog step with a fresh momentum; if its
 * acceptance exp(−ΔH) beats 0.8, double ε until it no longer does, otherwise halve ε until it does.
 * Each trial draws its own momentum. The position is restored afterwards.
 */
import { QuadratError } from '../../errors/quadratError';
import { copyPhasePoint, type PhasePoint } from './phasePoint';
import { hamiltonian, sampleMomentum } from './diagMetric';
import { leapfrog } from './leapfrog';
import { type NutsTransition } from './transition';
import { type LogDensity } from '../logDensity';

const LOG_08 = Math.log(0.8);

export function initStepsize(model: LogDensity, nuts: NutsTransition, normal: () => number, scratch: PhasePoint): void {
  let eps = nuts.epsilon;
  if (eps === 0 || eps > 1e7 || Number.isNaN(eps)) return;
  const z = nuts.z;
  const invMetric = nuts.invMetric;
  copyPhasePoint(scratch, z);
  const trial = (): number => {
    copyPhasePoint(z, scratch);
    sampleMomentum(z.p, invMetric, normal);
    const H0 = hamiltonian(z, invMetric);
    leapfrog(model, z, invMetric, eps);
    return H0 - hamiltonian(z, invMetric);
  };
  const direction = trial() > LOG_08 ? 1 : -1;
  for (;;) {
    const deltaH = trial();
    if (direction === 1 && !(deltaH > LOG_08)) break;
    if (direction === -1 && !(deltaH < LOG_08)) break;
    eps = direction === 1 ? 2 * eps : 0.5 * eps;
    if (eps > 1e7) {
      copyPhasePoint(z, scratch);
      throw new QuadratError('fit', 'The posterior is improper: the sampler could grow its step size without bound. Give the parameters proper priors (e.g. normal(0, 2.5) on b) and check the model.');
    }
    if (eps === 0) {
      copyPhasePoint(z, scratch);
      throw new QuadratError('fit', 'No acceptably small step size could be found: the posterior may not be continuous. Check the model, its priors and the data.');
    }
  }
  nuts.epsilon = eps;
  copyPhasePoint(z, scratch);
}
