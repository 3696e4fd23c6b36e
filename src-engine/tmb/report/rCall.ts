/** The glmmTMB call that reproduces a glmmTMB fit in R (for export, the methods text and the results header). */

export interface CountModelCall {
  formula: string;
  family: string;
  /** One-sided; "~0" (or absent) is no zero inflation. */
  ziformula?: string;
  /** One-sided; "~1" (or absent) is glmmTMB's default, one dispersion parameter. */
  dispformula?: string;
}

const bare = (f: string | undefined) => (f ?? '').replace(/\s/g, '');

/** True when the zero-inflation formula asks for none (glmmTMB's default ~0). */
export const noZeroInflation = (zi: string | undefined) => bare(zi) === '' || bare(zi) === '~0';
/** True when the dispersion formula is glmmTMB's default ~1. */
export const defaultDispersion = (disp: string | undefined) => bare(disp) === '' || bare(disp) === '~1';

/**
 * The family argument as glmmTMB's documentation writes it: the count families by name (nbinom2), the
 * others as calls (beta_family(), tweedie(); lognormal() needs glmmTMB 1.1.6 or later), Gamma with the
 * log link Quadrat fits (glmmTMB's default for stats::Gamma would be the inverse link), gaussian by name.
 */
export function rFamilyArgument(family: string): string {
  if (family === 'Gamma') return 'Gamma(link = "log")';
  return ['beta_family', 'betabinomial', 'tweedie', 'genpois', 'lognormal'].includes(family) ? `${family}()` : family;
}

/** glmmTMB(count ~ …, data = d, ziformula = ~spp, dispformula = ~mined, family = nbinom2); defaults left out as R users write them. */
export function tmbRCall(call: CountModelCall, dataName = 'd', extra = ''): string {
  const args = [
    call.formula,
    `data = ${dataName}${extra}`,
    ...(noZeroInflation(call.ziformula) ? [] : [`ziformula = ${call.ziformula!.trim()}`]),
    ...(defaultDispersion(call.dispformula) ? [] : [`dispformula = ${call.dispformula!.trim()}`]),
    `family = ${rFamilyArgument(call.family)}`,
  ];
  return `glmmTMB(${args.join(', ')})`;
}
