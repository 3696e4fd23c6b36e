/**
 * A model spec with `tmb` set, as the engine's count-model request (docs/count-models.md). As on the
 * command line, plain poisson without a zero-inflation or dispersion formula stays glmer's (and plain
 * gaussian without a dispersion formula lmer's), so the
 * same model is never fitted two ways; glmer's own choices (link, nAGQ, prior weights) and nlme mean
 * nothing to glmmTMB here and are refused with the reason, never ignored.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { allowsZeroInflation, checkTmbFamily, linkOf } from '../../src-engine/tmb/countDensity';
import { type CountModelCall, defaultDispersion, noZeroInflation } from '../../src-engine/tmb/report/rCall';
import { type ModelSpec } from './shapes';
import { type TmbSpecParams } from './tmbSchema';

const hasDispersionParameter = (family: string) => family !== 'poisson' && family !== 'truncated_poisson';

/**
 * The zero-inflation and dispersion formulas beyond glmmTMB's defaults (undefined: the default), with
 * what the engine cannot fit refused: the app's fit.start and the command line check them here.
 */
export function countParts(t: TmbSpecParams): { zi: string | undefined; disp: string | undefined } {
  const zi = noZeroInflation(t.ziformula) ? undefined : t.ziformula;
  const disp = defaultDispersion(t.dispformula) ? undefined : t.dispformula;
  if (disp?.includes('|')) throw new QuadratError('formula', 'Random effects in the dispersion formula are not available (glmmTMB 1.1.5 has none either); it takes fixed effects only, e.g. ~ mined.');
  if (zi && !allowsZeroInflation(checkTmbFamily(t.family)))
    throw new QuadratError('input', `Zero inflation is available with the poisson, negative binomial, genpois, betabinomial and tweedie families so far, not with ${t.family}; leave the zero-inflation formula empty.`);
  if (disp && !hasDispersionParameter(t.family))
    throw new QuadratError('input', `${t.family} has no dispersion parameter, so a dispersion formula does not apply; choose a negative binomial family or leave it empty.`);
  return { zi, disp };
}

/** The spec as it will be fitted and stored, and the count-model call when glmmTMB fits it (else null: lme4/nlme). */
export function resolveCountSpec(spec: ModelSpec): { spec: ModelSpec; tmb: CountModelCall | null } {
  const t = spec.tmb;
  if (!t) return { spec, tmb: null };
  if (spec.nlme) throw new QuadratError('input', 'A model is either nlme (gls/lme) or a count model (glmmTMB), not both.');
  if (spec.family !== 'gaussian' && spec.family !== 'poisson')
    throw new QuadratError('input', `A count model's family is its own (${t.family}); leave glmer's family at poisson (got ${spec.family}).`);
  const link = linkOf(checkTmbFamily(t.family));
  if (spec.link !== undefined && spec.link !== link) throw new QuadratError('input', `glmmTMB's ${t.family} is fitted with its default ${link} link; ${spec.link} is not available.`);
  if (spec.nAGQ !== 1) throw new QuadratError('input', 'Count models use the Laplace approximation, as glmmTMB does; nAGQ does not apply.');
  if (spec.weights) throw new QuadratError('input', 'Prior weights are not available for count models yet; remove the weights column.');
  const { zi, disp } = countParts(t);
  if (t.family === 'poisson' && !zi && !disp) {
    // glmer's Poisson GLMM: the same likelihood, with glmer's inference (Wald χ², overdispersion check)
    const { tmb: _tmb, ...glmer } = spec;
    return { spec: { ...glmer, family: 'poisson' }, tmb: null };
  }
  if (t.family === 'gaussian' && !disp) {
    // a homogeneous residual variance is lmer's linear mixed model (REML by default, Satterthwaite tests)
    const { tmb: _tmb, ...lmer } = spec;
    return { spec: { ...lmer, family: 'gaussian' }, tmb: null };
  }
  const stored: ModelSpec = { ...spec, family: 'poisson', tmb: { family: t.family, ...(zi ? { ziformula: zi } : {}), ...(disp ? { dispformula: disp } : {}) } };
  return { spec: stored, tmb: { formula: spec.formula, family: t.family, ziformula: zi ?? '~0', dispformula: disp ?? '~1' } };
}

/** lme4-only procedures on a stored fit refuse count models with what there is instead. */
export function refuseCountModel(spec: Pick<ModelSpec, 'tmb'>, what: string): void {
  if (spec.tmb)
    throw new QuadratError('model', `${what} is for lme4 fits; this is a count model (glmmTMB). Its summary tables and the AIC comparison (Compare) are in its results.`);
}
