/**
 * The sampler's only view of a model: a log density on unconstrained ℝ^dim (constraints already
 * transformed away, their log-Jacobians included) and its gradient.
 */
export interface LogDensity {
  readonly dim: number;
  /**
   * Writes ∇ log p(q) into `grad` (length dim) and returns log p(q) up to a constant.
   * A non-finite return value (or a throw of a non-QuadratError) means q is outside the support;
   * the sampler treats it as a divergence.
   */
  logDensityGradient(q: Float64Array, grad: Float64Array): number;
}
