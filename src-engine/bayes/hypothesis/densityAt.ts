/**
 * brms's density_ratio() building block: the value at one point of R's kernel density estimate
 * density(x, from, to, n = 4096) (diagnostics/kernelDensity.ts), interpolated as spline(dens$x,
 * dens$y, xout = point) with R's "fmm" cubic spline.
 */
import { variance } from '../diagnostics/draws';
import { kernelDensity } from '../diagnostics/kernelDensity';
import { fmmSpline } from './fmmSpline';

/** brms's eval_density: the estimate's range is widened by sd/4 past the point when it lies outside the draws. */
export function densityAt(x: ArrayLike<number>, point: number): number {
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < from) from = x[i];
    if (x[i] > to) to = x[i];
  }
  const sd = Math.sqrt(variance(x));
  if (from > point) from = point - sd / 4;
  else if (to < point) to = point + sd / 4;
  const d = kernelDensity(x, from, to);
  return fmmSpline(d.x, d.y)(point);
}
