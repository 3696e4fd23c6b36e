/**
 * When Pearson χ²/df says a Poisson or binomial GLMM is overdispersed: the ratio above 1.2 and the
 * χ² test significant at 5 %. A large sample makes a ratio of 1.05 significant, and a small one leaves
 * a ratio of 2 untested, so both must hold. The one rule the summary, CLI, batch flags and tables share.
 */
export const OVERDISPERSION_RATIO = 1.2;
export const OVERDISPERSION_ALPHA = 0.05;

export function isOverdispersed(o: { ratio: number; pValue: number } | null | undefined): boolean {
  return o != null && o.ratio > OVERDISPERSION_RATIO && o.pValue < OVERDISPERSION_ALPHA;
}
