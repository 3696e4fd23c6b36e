/** Warnings about convergence (lme4's checkConv messages, our optimizer notes), not data notes: what sends a fit to the convergence verdict. */
const CONVERGENCE_WARNING = /converge|unidentifiable|eigenvalue|Hessian|gradient/i;

export function warnsOfConvergence(fit: { converged: boolean; warnings: readonly string[] }): boolean {
  return !fit.converged || fit.warnings.some((w) => CONVERGENCE_WARNING.test(w));
}
