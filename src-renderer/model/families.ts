/**
 * The family list grouped by the kind of response, and what choosing a family or typing a
 * zero-inflation/dispersion formula does to the fit options: glmer's families set `family`; the
 * families beyond glmer's (and Poisson with a zero-inflation or dispersion formula) are glmmTMB's and
 * set `tmb`, as the API and the command line decide it. glmmTMB's Gamma (log link) is listed as
 * TMB_GAMMA beside glmer's Gamma, glmmTMB's gaussian (for a dispersion formula: a residual variance
 * by these terms) as TMB_GAUSSIAN beside lmer's; without a dispersion formula the API fits it as lmer.
 * Pure: unit-tested in Node.
 */
import type { CountFamily } from '../../src-main/api/contract';
import type { CountOptions, FitOptions } from '../app/state';

/** The list's value for glmmTMB's Gamma(link = "log"), which would otherwise be glmer's "Gamma". */
export const TMB_GAMMA = 'glmmTMB:Gamma';
/** The list's value for glmmTMB's gaussian with a dispersion formula, which would otherwise be lmer's "gaussian". */
export const TMB_GAUSSIAN = 'glmmTMB:gaussian';
export type FamilyChoice = FitOptions['family'] | CountFamily | typeof TMB_GAMMA | typeof TMB_GAUSSIAN;
/** The glmmTMB entries whose name is also one of lme4's families. */
const TMB_ALIASES: Partial<Record<CountFamily, FamilyChoice>> = { Gamma: TMB_GAMMA, gaussian: TMB_GAUSSIAN };

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
      { value: TMB_GAUSSIAN, label: 'Gaussian, residual variance by terms (glmmTMB)', hint: 'glmmTMB gaussian: a dispersion formula models log σ² (e.g. ~ group, a variance per group); empty is lmer' },
    ],
  },
  {
    label: 'Continuous positive',
    families: [
      { value: 'Gamma', label: 'Gamma (positive, skewed)', hint: 'positive continuous response, SD proportional to the mean: glmer' },
      { value: TMB_GAMMA, label: 'Gamma, log link (glmmTMB)', hint: 'glmmTMB Gamma(link = "log"): shape φ, Var = μ²/φ; a dispersion formula may model φ' },
      { value: 'inverse.gaussian', label: 'Inverse Gaussian (positive)', hint: 'positive continuous response, more skewed than Gamma: glmer' },
      { value: 'lognormal', label: 'Lognormal (glmmTMB)', hint: 'glmmTMB lognormal: log link, mean μ and SD φ on the data scale' },
      { value: 'tweedie', label: 'Tweedie (zeros and positive values)', hint: 'glmmTMB tweedie: Var = φμ^p, the power p in (1, 2) estimated; e.g. biomass with exact zeros' },
    ],
  },
  {
    label: 'Proportions',
    families: [
      { value: 'binomial', label: 'Binomial (0/1, proportions)', hint: 'yes/no, or successes out of trials: glmer' },
      { value: 'betabinomial', label: 'Beta-binomial (overdispersed successes of trials)', hint: 'glmmTMB betabinomial: cbind(successes, failures), logit link, precision φ' },
      { value: 'beta_family', label: 'Beta (proportions strictly between 0 and 1)', hint: 'glmmTMB beta_family: continuous proportions, logit link, Var = μ(1 − μ)/(1 + φ)' },
    ],
  },
  {
    label: 'Counts',
    families: [
      { value: 'poisson', label: 'Poisson', hint: 'counts: glmer; with a zero-inflation or dispersion formula, glmmTMB' },
      { value: 'nbinom2', label: 'Negative binomial (quadratic variance)', hint: 'glmmTMB nbinom2: Var = μ(1 + μ/φ), overdispersed counts' },
      { value: 'nbinom1', label: 'Negative binomial (linear variance)', hint: 'glmmTMB nbinom1: Var = μ(1 + φ)' },
      { value: 'genpois', label: 'Generalized Poisson', hint: 'glmmTMB genpois: Var = μφ, over- (φ > 1) or under-dispersed (φ < 1) counts' },
      { value: 'truncated_poisson', label: 'Zero-truncated Poisson', hint: 'glmmTMB truncated_poisson: counts that cannot be 0; with a zero formula, a Poisson hurdle' },
      { value: 'truncated_nbinom2', label: 'Zero-truncated negative binomial', hint: 'glmmTMB truncated_nbinom2; with a zero formula, a negative binomial hurdle' },
    ],
  },
];

const GLMER: readonly string[] = ['gaussian', 'binomial', 'poisson', 'Gamma', 'inverse.gaussian'];

/** What the family list shows as chosen. */
export function familyOf(o: Pick<FitOptions, 'family' | 'tmb'>): FamilyChoice {
  const t = o.tmb?.family;
  return t ? (TMB_ALIASES[t] ?? t) : o.family;
}

/** A family fitted as glmmTMB (Poisson only with a formula beside the main one). */
export const isCountFamily = (f: FamilyChoice): f is CountFamily | typeof TMB_GAMMA | typeof TMB_GAUSSIAN => f === 'poisson' || f === TMB_GAMMA || f === TMB_GAUSSIAN || !GLMER.includes(f);
export const hasDispersion = (f: FamilyChoice) => isCountFamily(f) && f !== 'poisson' && f !== 'truncated_poisson';
export const isTruncated = (f: FamilyChoice) => f === 'truncated_poisson' || f === 'truncated_nbinom2';
/** The families with a zero-inflation (or hurdle) formula in Quadrat so far. */
/** The count-model chooser is for count families (its candidates are Poisson and negative binomial models), not beta, Gamma, gaussian and the like. */
export const offersChooser = (f: FamilyChoice) => ['poisson', 'nbinom1', 'nbinom2', 'truncated_poisson', 'truncated_nbinom2', 'genpois'].includes(f);
export const allowsZeroInflation = (f: FamilyChoice) => ['poisson', 'nbinom1', 'nbinom2', 'truncated_poisson', 'truncated_nbinom2', 'genpois', 'betabinomial', 'tweedie'].includes(f);
/** glmmTMB's link for the family: logit for the proportions, identity for gaussian, log for the others. */
export const tmbLink = (f: FamilyChoice) => (f === 'beta_family' || f === 'betabinomial' ? 'logit' : f === TMB_GAUSSIAN || f === 'gaussian' ? 'identity' : 'log');

/** A count model's options, or none when it is glmer's plain Poisson (no formulas beside the main one). */
function countOptions(choice: CountFamily | typeof TMB_GAMMA | typeof TMB_GAUSSIAN, zi: string | undefined, disp: string | undefined): CountOptions | undefined {
  const family: CountFamily = choice === TMB_GAMMA ? 'Gamma' : choice === TMB_GAUSSIAN ? 'gaussian' : choice;
  const z = allowsZeroInflation(family) && zi?.trim() ? zi : undefined;
  const d = hasDispersion(choice) && disp?.trim() ? disp : undefined;
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
