/**
 * The prior editor's distributions and how each is written in Stan syntax, as brms's set_prior()
 * takes it: normal(mu, sigma), student_t(nu, mu, sigma), cauchy(mu, sigma), exponential(lambda),
 * gamma(alpha, beta), lkj(eta) (class cor only).
 */
export type PriorFamily = 'normal' | 'student_t' | 'cauchy' | 'exponential' | 'gamma' | 'lkj';

export const PRIOR_PARAMS: Record<PriorFamily, { name: string; initial: number }[]> = {
  normal: [
    { name: 'mu', initial: 0 },
    { name: 'sigma', initial: 2.5 },
  ],
  student_t: [
    { name: 'nu', initial: 3 },
    { name: 'mu', initial: 0 },
    { name: 'sigma', initial: 2.5 },
  ],
  cauchy: [
    { name: 'mu', initial: 0 },
    { name: 'sigma', initial: 2.5 },
  ],
  exponential: [{ name: 'lambda', initial: 1 }],
  gamma: [
    { name: 'alpha', initial: 2 },
    { name: 'beta', initial: 0.1 },
  ],
  lkj: [{ name: 'eta', initial: 1 }],
};

/** Distributions that make sense for a class: lkj only (and only) for cor; positive ones for scales. */
export function familiesFor(cls: string): PriorFamily[] {
  if (cls === 'cor') return ['lkj'];
  if (cls === 'sd' || cls === 'sigma' || cls === 'shape') return ['student_t', 'normal', 'cauchy', 'exponential', 'gamma'];
  return ['normal', 'student_t', 'cauchy'];
}

/** `normal(0, 2.5)` — numbers written as JavaScript prints them (R reads them the same). */
export function priorText(family: PriorFamily, values: readonly number[]): string {
  return `${family}(${values.join(', ')})`;
}
