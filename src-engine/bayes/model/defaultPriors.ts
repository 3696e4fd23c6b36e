/**
 * brms 2.18's default priors (get_prior()): b flat; Intercept student_t(3, location, scale);
 * sd and sigma student_t(3, 0, scale) (half: bounded below by 0); shape gamma(0.01, 0.01); lkj(1) on
 * correlations. For the identity and log links location and scale come from the response on the link
 * scale (brms's def_scale_prior: zeros become 0.1 before the log; location = round(median, 1),
 * scale = max(2.5, round(mad, 1))); for logit they are 0 and 2.5.
 */
import { type BrmsFamily } from './brmsFamily';
import { type PriorDist } from './priorDistribution';

function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** R's mad(): 1.4826 · median |x − median(x)|. */
function mad(x: Float64Array): number {
  const m = median(x);
  return 1.4826 * median(Float64Array.from(x, (v) => Math.abs(v - m)));
}

/** R's round(x, 1) (R ≥ 4: the nearer of the two one-decimal candidates; a tie goes to the even one). */
export function round1(x: number): number {
  const f = Math.floor(x * 10);
  const lo = f / 10;
  const hi = (f + 1) / 10;
  const dl = x - lo;
  const dh = hi - x;
  if (dl < dh) return lo;
  if (dh < dl) return hi;
  return f % 2 === 0 ? lo : hi;
}

export interface ResponseScale {
  readonly location: number;
  readonly scale: number;
}

export function responseScale(family: BrmsFamily, y: Float64Array): ResponseScale {
  if (family.link === 'logit' || y.length === 0) return { location: 0, scale: 2.5 };
  const yl = family.link === 'log' ? Float64Array.from(y, (v) => Math.log(v === 0 ? 0.1 : v)) : y;
  const loc = round1(median(yl));
  const sc = round1(mad(yl));
  return { location: Number.isFinite(loc) ? loc : 0, scale: Number.isFinite(sc) ? Math.max(2.5, sc) : 2.5 };
}

export interface DefaultPriors {
  readonly b: PriorDist;
  readonly Intercept: PriorDist;
  readonly sd: PriorDist;
  readonly cor: PriorDist;
  readonly sigma: PriorDist;
  readonly shape: PriorDist;
}

export function defaultPriors(family: BrmsFamily, y: Float64Array): DefaultPriors {
  const { location, scale } = responseScale(family, y);
  return {
    b: { family: 'flat' },
    Intercept: { family: 'student_t', nu: 3, mu: location, sigma: scale },
    sd: { family: 'student_t', nu: 3, mu: 0, sigma: scale },
    cor: { family: 'lkj', eta: 1 },
    sigma: { family: 'student_t', nu: 3, mu: 0, sigma: scale },
    shape: { family: 'gamma', shape: 0.01, rate: 0.01 },
  };
}
