/** The builder's family list and count-model options: which fits are glmer's and which glmmTMB's. */
import { describe, expect, it } from 'vitest';
import { TMB_FAMILIES } from '../../../src-engine/tmb/countDensity';
import { DEFAULT_FIT_OPTIONS, type FitOptions } from '../../../src-renderer/app/state';
import { chooseFamily, FAMILY_GROUPS, familyOf, TMB_GAMMA, TMB_GAUSSIAN, tmbLink, withCountFormula } from '../../../src-renderer/model/families';

const apply = (o: FitOptions, patch: Partial<FitOptions>): FitOptions => ({ ...o, ...patch });

describe('family choice', () => {
  it('lists every glmer family and every count family the engine fits, grouped by data type', () => {
    const values = FAMILY_GROUPS.flatMap((g) => g.families.map((f) => f.value));
    for (const f of [...TMB_FAMILIES.filter((t) => t !== 'Gamma' && t !== 'gaussian'), TMB_GAMMA, TMB_GAUSSIAN, 'gaussian', 'binomial', 'Gamma', 'inverse.gaussian']) expect(values).toContain(f);
    expect(new Set(values).size).toBe(values.length);
    expect(FAMILY_GROUPS.map((g) => g.label)).toEqual(['Continuous', 'Continuous positive', 'Proportions', 'Counts']);
    const group = (label: string) => FAMILY_GROUPS.find((g) => g.label === label)!.families.map((f) => f.value);
    expect(group('Proportions')).toEqual(expect.arrayContaining(['beta_family', 'betabinomial']));
    expect(group('Continuous positive')).toEqual(expect.arrayContaining([TMB_GAMMA, 'lognormal', 'tweedie']));
    expect(group('Counts')).toContain('genpois');
  });

  it('tells glmmTMB’s Gamma (log link) from glmer’s, and keeps no zero-inflation formula for the families without one', () => {
    const glmer = apply(DEFAULT_FIT_OPTIONS, chooseFamily(DEFAULT_FIT_OPTIONS, 'Gamma'));
    expect(glmer.family).toBe('Gamma');
    expect(glmer.tmb).toBeUndefined();
    let tmb = apply(glmer, chooseFamily(glmer, TMB_GAMMA));
    expect(tmb.tmb).toEqual({ family: 'Gamma' });
    expect(familyOf(tmb)).toBe(TMB_GAMMA);
    tmb = apply(tmb, withCountFormula(tmb, 'dispformula', '~ Days'));
    expect(tmb.tmb).toEqual({ family: 'Gamma', dispformula: '~ Days' });
    let nb = apply(DEFAULT_FIT_OPTIONS, chooseFamily(DEFAULT_FIT_OPTIONS, 'nbinom2'));
    nb = apply(nb, withCountFormula(nb, 'ziformula', '~ spp'));
    expect(apply(nb, chooseFamily(nb, 'beta_family')).tmb).toEqual({ family: 'beta_family' });
  });

  it('tells glmmTMB’s gaussian (a dispersion formula) from lmer’s, with no zero-inflation formula', () => {
    expect(FAMILY_GROUPS.find((g) => g.label === 'Continuous')!.families.map((f) => f.value)).toEqual(['gaussian', TMB_GAUSSIAN]);
    let g = apply(DEFAULT_FIT_OPTIONS, chooseFamily(DEFAULT_FIT_OPTIONS, TMB_GAUSSIAN));
    expect(g.tmb).toEqual({ family: 'gaussian' });
    expect(familyOf(g)).toBe(TMB_GAUSSIAN);
    expect(tmbLink(TMB_GAUSSIAN)).toBe('identity');
    g = apply(g, withCountFormula(g, 'ziformula', '~ 1'));
    expect(g.tmb).toEqual({ family: 'gaussian' });
    g = apply(g, withCountFormula(g, 'dispformula', '~ Days'));
    expect(g.tmb).toEqual({ family: 'gaussian', dispformula: '~ Days' });
    expect(apply(g, chooseFamily(g, 'gaussian')).tmb).toBeUndefined();
  });

  it('keeps plain Poisson glmer’s and makes the others glmmTMB’s', () => {
    const pois = apply(DEFAULT_FIT_OPTIONS, chooseFamily(DEFAULT_FIT_OPTIONS, 'poisson'));
    expect(pois.family).toBe('poisson');
    expect(pois.tmb).toBeUndefined();
    const nb = apply(pois, chooseFamily(pois, 'nbinom2'));
    expect(nb.tmb).toEqual({ family: 'nbinom2' });
    expect(familyOf(nb)).toBe('nbinom2');
    const back = apply(nb, chooseFamily(nb, 'gaussian'));
    expect(back.tmb).toBeUndefined();
    expect(back.family).toBe('gaussian');
  });

  it('turns Poisson into a glmmTMB model while a zero-inflation formula is typed, and back', () => {
    let o = apply(DEFAULT_FIT_OPTIONS, chooseFamily(DEFAULT_FIT_OPTIONS, 'poisson'));
    o = apply(o, withCountFormula(o, 'ziformula', '~ spp'));
    expect(o.tmb).toEqual({ family: 'poisson', ziformula: '~ spp' });
    o = apply(o, withCountFormula(o, 'ziformula', ''));
    expect(o.tmb).toBeUndefined();
  });

  it('keeps the formulas across count families and drops the dispersion formula where there is no dispersion', () => {
    let o = apply(DEFAULT_FIT_OPTIONS, chooseFamily(DEFAULT_FIT_OPTIONS, 'nbinom2'));
    o = apply(o, withCountFormula(o, 'ziformula', '~ spp'));
    o = apply(o, withCountFormula(o, 'dispformula', '~ mined'));
    expect(apply(o, chooseFamily(o, 'truncated_nbinom2')).tmb).toEqual({ family: 'truncated_nbinom2', ziformula: '~ spp', dispformula: '~ mined' });
    expect(apply(o, chooseFamily(o, 'truncated_poisson')).tmb).toEqual({ family: 'truncated_poisson', ziformula: '~ spp' });
    expect(withCountFormula({ family: 'binomial' }, 'ziformula', '~ 1')).toEqual({});
  });
});
