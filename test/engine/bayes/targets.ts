/** Hand-written log densities (with exact gradients) the sampler tests draw from. */
import { type LogDensity } from '../../../src-engine/bayes/logDensity';

/** N(0, I) in dim dimensions. */
export function standardNormal(dim: number): LogDensity {
  return {
    dim,
    logDensityGradient(q, grad) {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        grad[i] = -q[i];
        s -= 0.5 * q[i] * q[i];
      }
      return s;
    },
  };
}

/** N(mean, diag(sd²)). */
export function scaledNormal(mean: number[], sd: number[]): LogDensity {
  const dim = sd.length;
  return {
    dim,
    logDensityGradient(q, grad) {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        const r = (q[i] - mean[i]) / sd[i];
        grad[i] = -r / sd[i];
        s -= 0.5 * r * r;
      }
      return s;
    },
  };
}

/** Bivariate normal with unit variances and correlation rho. */
export function correlatedNormal(rho: number): LogDensity {
  const det = 1 - rho * rho;
  return {
    dim: 2,
    logDensityGradient(q, grad) {
      // precision = [[1, −ρ], [−ρ, 1]] / (1 − ρ²)
      grad[0] = -(q[0] - rho * q[1]) / det;
      grad[1] = -(q[1] - rho * q[0]) / det;
      return (-0.5 * (q[0] * q[0] - 2 * rho * q[0] * q[1] + q[1] * q[1])) / det;
    },
  };
}

/** Neal's funnel: v ~ N(0, 3²), x_k | v ~ N(0, e^v), k = 1…dim−1 (centred: divergences in the neck). */
export function funnel(dim: number): LogDensity {
  return {
    dim,
    logDensityGradient(q, grad) {
      const v = q[0];
      const ev = Math.exp(-v);
      let ss = 0;
      for (let k = 1; k < dim; k++) {
        ss += q[k] * q[k];
        grad[k] = -q[k] * ev;
      }
      grad[0] = -v / 9 + 0.5 * ss * ev - 0.5 * (dim - 1);
      return -(v * v) / 18 - 0.5 * ss * ev - 0.5 * (dim - 1) * v;
    },
  };
}

/**
 * The SBC model, non-centred: y_ij ~ N(μ + σ z_j, 1), μ ~ N(0, 1), σ ~ half-normal(0, 1), z_j ~ N(0, 1).
 * Unconstrained q = (μ, τ = log σ, z_1…z_J); the log-Jacobian of σ = e^τ is τ.
 */
export function hierarchicalNormal(y: Float64Array[]): LogDensity {
  const J = y.length;
  return {
    dim: 2 + J,
    logDensityGradient(q, grad) {
      const mu = q[0];
      const tau = q[1];
      const sigma = Math.exp(tau);
      let lp = -0.5 * mu * mu - 0.5 * sigma * sigma + tau;
      let dMu = -mu;
      let dSigma = -sigma;
      for (let j = 0; j < J; j++) {
        const z = q[2 + j];
        lp -= 0.5 * z * z;
        let sr = 0;
        for (const yij of y[j]) {
          const r = yij - mu - sigma * z;
          lp -= 0.5 * r * r;
          sr += r;
        }
        dMu += sr;
        dSigma += sr * z;
        grad[2 + j] = -z + sigma * sr;
      }
      grad[0] = dMu;
      grad[1] = dSigma * sigma + 1;
      return lp;
    },
  };
}
