/** The glmmTMB call that reproduces a count-model fit in R (for export, the methods text and the results header). */

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

/** glmmTMB(count ~ …, data = d, ziformula = ~spp, dispformula = ~mined, family = nbinom2); defaults left out as R users write them. */
export function tmbRCall(call: CountModelCall, dataName = 'd', extra = ''): string {
  const args = [
    call.formula,
    `data = ${dataName}${extra}`,
    ...(noZeroInflation(call.ziformula) ? [] : [`ziformula = ${call.ziformula!.trim()}`]),
    ...(defaultDispersion(call.dispformula) ? [] : [`dispformula = ${call.dispformula!.trim()}`]),
    `family = ${call.family}`,
  ];
  return `glmmTMB(${args.join(', ')})`;
}
