/**
 * Variance components as lme4's as.data.frame(VarCorr(m)): per term (lme4 term order) the variances
 * σ²(TTᵀ)_jj and correlations; a grouping factor used by several terms is named as R's make.unique
 * does ("Subject", "Subject.1"). The residual row comes last.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { type CorrelationRow, type RandomEffectRow } from './fitReport';
import { type ReBlock } from './reBlocks';

export function varCorr(design: MixedDesign, blocks: readonly ReBlock[], T: Float64Array[], sigma: number): { random: RandomEffectRow[]; correlations: CorrelationRow[] } {
  const seen = new Map<string, number>();
  const random: RandomEffectRow[] = [];
  const correlations: CorrelationRow[] = [];
  design.reterms.forEach((term, k) => {
    const used = seen.get(term.group) ?? 0;
    seen.set(term.group, used + 1);
    const name = used === 0 ? term.group : `${term.group}.${used}`;
    const bi = blocks.findIndex((b) => b.terms.some((t) => t.reterm === k));
    const b = blocks[bi];
    const { offset, size } = b.terms.find((t) => t.reterm === k)!;
    const S = b.S;
    const Tb = T[bi];
    // covariance within the term: σ² (T Tᵀ)[offset.., offset..]
    const cov = (r: number, c: number) => {
      let s = 0;
      for (let a = 0; a <= Math.min(r, c); a++) s += Tb[(offset + a) * S + offset + r] * Tb[(offset + a) * S + offset + c];
      return sigma * sigma * s;
    };
    for (let r = 0; r < size; r++) {
      const v = cov(r, r);
      random.push({ group: name, term: term.termNames[r], variance: v, sd: Math.sqrt(v) });
    }
    for (let c = 0; c < size; c++)
      for (let r = c + 1; r < size; r++) {
        const denom = Math.sqrt(cov(r, r) * cov(c, c));
        correlations.push({ group: name, term1: term.termNames[c], term2: term.termNames[r], corr: denom > 0 ? cov(r, c) / denom : NaN });
      }
  });
  random.push({ group: 'Residual', term: null, variance: sigma * sigma, sd: sigma });
  return { random, correlations };
}
