/**
 * A number as R's as.character writes it: up to 15 significant digits, in fixed notation unless
 * scientific is narrower (R's formatReal with scipen = 0), so 1e5 → "1e+05" and 123456 → "123456".
 * Used for factor labels when a numeric column becomes a factor, so labels match R's.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const sci = x.toExponential(14); // 15 significant digits: d.dddddddddddddde±x
  const [mantissa, expText] = sci.split('e');
  const digits = mantissa.replace(/\.?0+$/, ''); // drop trailing zeros
  const exponent = Number(expText);
  const sig = digits.replace(/^-/, '').replace('.', '').length;
  const expWidth = Math.abs(exponent) >= 100 ? 3 : 2;
  const sciText = `${digits}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(expWidth, '0')}`;
  const decimals = Math.max(0, sig - 1 - exponent);
  const fixedText = Math.abs(x) < 1e21 ? x.toFixed(Math.min(decimals, 100)) : sciText;
  return fixedText.length > sciText.length ? sciText : fixedText;
}
