/**
 * The family list grouped by the kind of response, and what choosing a family or typing a
 * zero-inflation/dispersion formula does to the fit options: glmer's families set `family`; the
 * count families beyond glmer's Poisson (and Poisson with a zero-inflation or dispersion formula) are
 * glmmTMB's and set `tmb`, as the API and the command line decide it. Pure: unit-tested in Node.
 */
import type { CountFamily } from '../../src-main/api/contract';
import type { CountOptions, FitOptions } from '../app/state';

export type FamilyChoice = FitOptions['family'] | CountFamily;

export interface FamilyEntry {
  value: FamilyChoice;
  label: string;
  hint: string;
}

export const FAMILY_GROUPS: { label: string; families: FamilyEntry[] }[] = [
  {
    label: 'Continuous',
    families: [
      { value: 'gaussian', label: 'Gaussian (linear mixed model)', hint: 'continuous response: lmer' },
      { value: 'Gamma', label: 'Gamma (positive, skewed)', hint: 'positive continuous response, SD proportional to the mean: glmer' },
      { value: 'inverse.gaussian', label: 'Inverse Gaussian (positive)', hint: 'positive continuous response, more skewed than Gamma: glmer' },
    ],
  },
  { label: 'Proportions', families: [{ value: 'binomial', label: 'Binomial (0/1, proportions)', hint: 'yes/no, or successes out of trials: glmer' }] },
  {
    label: 'Counts',
    families: [
      { value: 'poisson', label: 'Poisson', hint: 'counts: glmer; with a zero-inflation or dispersion formula, glmmTMB' },
      { value: 'nbinom2', label: 'Negative binomial (quadratic variance)', hint: 'glmmTMB nbinom2: Var = μ(1 + μ/φ), overdispersed counts' },
      { value: 'nbinom1', label: 'Negative binomial (linear variance)', hint: 'glmmTMB nbinom1: Var = μ(1 + φ)' },
      { value: 'truncated_poisson', label: 'Zero-truncated Poisson', hint: 'glmmTMB truncated_poisson: counts that cannot be 0; with a zero formula, a Poisson hurdle' },
      { value: 'truncated_nbinom2', label: 'Zero-truncated negative binomial', hint: 'glmmTMB truncated_nbinom2; with a zero formula, a negative binomial hurdle' },
    ],
  },
];

const GLMER: readonly string[] = ['gaussian', 'binomial', 'poisson', 'Gamma', 'inverse.gaussian'];

/** What the family list shows as chosen. */
export function familyOf(o: Pick<FitOptions, 'family' | 'tmb'>): FamilyChoice {
  return o.tmb?.family ?? o.family;
}

export const isCountFamily = (f: FamilyChoice): f is CountFamily => f === 'poisson' || !GLMER.includes(f);
export const hasDispersion = (f: FamilyChoice) => f === 'nbinom1' || f === 'nbinom2' || f === 'truncated_nbinom2';
export const isTruncated = (f: FamilyChoice) => f === 'truncated_poisson' || f === 'truncated_nbinom2';

/** A count model's options, or none when it is glmer's plain Poisson (no formulas beside the main one). */
function countOptions(family: CountFamily, zi: string | undefined, disp: string | undefined): CountOptions | undefined {
  const z = zi?.trim() ? zi : undefined;
  const d = hasDispersion(family) && disp?.trim() ? disp : undefined;
  if (family === 'poisson' && !z && !d) return undefined;
  return { family, ...(z ? { ziformula: z } : {}), ...(d ? { dispformula: d } : {}) };
}

/** The options after picking a family: its formulas kept across count families, glmer's link and nAGQ reset. */
export function chooseFamily(o: Pick<FitOptions, 'tmb'>, value: FamilyChoice): Partial<FitOptions> {
  if (!isCountFamily(value)) return { family: value as FitOptions['family'], link: undefined, nAGQ: 1, tmb: undefined };
  return { family: 'poisson', link: undefined, nAGQ: 1, tmb: countOptions(value, o.tmb?.ziformula, o.tmb?.dispformula) };
}

/** The options after typing (or picking terms for) the zero-inflation or dispersion formula. */
export function withCountFormula(o: Pick<FitOptions, 'family' | 'tmb'>, part: 'ziformula' | 'dispformula', text: string): Partial<FitOptions> {
  const family = familyOf(o);
  if (!isCountFamily(family)) return {};
  const zi = part === 'ziformula' ? text : o.tmb?.ziformula;
  const disp = part === 'dispformula' ? text : o.tmb?.dispformula;
  // a Poisson model with a formula typed is glmmTMB's: its link and nAGQ are glmer's only
  const tmb = countOptions(family, zi, disp);
  return tmb ? { tmb, link: undefined, nAGQ: 1 } : { tmb: undefined };
}

/** How the history and the comparison name a fit's family: "nbinom2, zi ~ spp", "truncated_nbinom2 hurdle ~ 1", "poisson". */
export function familyLabel(spec: { family: string; link?: string; tmb?: CountOptions }): string {
  const t = spec.tmb;
  if (!t) return `${spec.family}${spec.link ? ` (${spec.link})` : ''}`;
  const parts: string[] = [t.family];
  if (t.ziformula) parts.push(`${isTruncated(t.family) ? 'hurdle' : 'zi'} ${t.ziformula}`);
  if (t.dispformula) parts.push(`disp ${t.dispformula}`);
  return parts.join(', ');
}
