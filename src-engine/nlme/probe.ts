/**
 * Whether a point BOBYQA stopped at is worth a restart: the most f falls at x ± h along any one
 * coordinate (h = the restart's radius, so these are the points a restarted BOBYQA would start
 * from). Costs 2n evaluations, against ~2n + 1 + 10·n for a restart that gains nothing.
 */
export function probeGain(f: (x: Float64Array) => number, x: Float64Array, fx: number, h: number): { gain: number; evaluations: number } {
  const y = x.slice();
  let gain = 0;
  for (let k = 0; k < x.length; k++) {
    y[k] = x[k] + h;
    gain = Math.max(gain, fx - f(y));
    y[k] = x[k] - h;
    gain = Math.max(gain, fx - f(y));
    y[k] = x[k];
  }
  return { gain, evaluations: 2 * x.length };
}
