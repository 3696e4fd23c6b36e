/**
 * A stored model spec with `nlme` set, as the engine's NlmeSpec: the formula is gls's model / lme's
 * fixed, reml is method = "REML". The lme4-only choices (a family, prior weights, random terms in the
 * formula) mean nothing to nlme and are refused with the reason, never ignored.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type NlmeSpec } from '../../src-engine/nlme/spec/nlmeSpec';
import { type ModelSpec } from './shapes';

export function isNlmeSpec(spec: Pick<ModelSpec, 'nlme'>): boolean {
  return spec.nlme !== undefined;
}

export function nlmeSpecOf(spec: ModelSpec): NlmeSpec {
  const n = spec.nlme;
  if (!n) throw new QuadratError('input', 'This model is not an nlme model.');
  if (spec.family !== 'gaussian' || (spec.link !== undefined && spec.link !== 'identity'))
    throw new QuadratError('input', `nlme's gls() and lme() fit a gaussian response with the identity link; leave the family at gaussian (got ${spec.family}${spec.link ? `, ${spec.link}` : ''}).`);
  if (spec.weights)
    throw new QuadratError('input', `nlme has no prior-weights column: its weights are a variance function such as varFixed(~ ${spec.weights}). Choose it under Weights instead.`);
  if (/\|/.test(spec.formula))
    throw new QuadratError('formula', 'With nlme the formula has only fixed effects; give the random part separately, e.g. ~ 1 | Mare.');
  return {
    fixed: spec.formula,
    ...(n.random ? { random: n.random } : {}),
    ...(n.weights ? { weights: n.weights } : {}),
    ...(n.correlation ? { correlation: n.correlation } : {}),
    method: spec.reml ? 'REML' : 'ML',
  };
}

/** lme4-only procedures on a stored fit refuse nlme fits with what to use instead. */
export function refuseNlme(spec: Pick<ModelSpec, 'nlme'>, what: string): void {
  if (isNlmeSpec(spec))
    throw new QuadratError('model', `${what} is for lme4 fits; this is an nlme fit (gls/lme). Its intervals(), anova() and the likelihood-ratio comparison (Compare) are in its results.`);
}
